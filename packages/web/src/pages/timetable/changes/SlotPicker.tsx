import { Button, Select, Space, Table, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ChangeOption } from '@jiaowu/contracts';

export interface PickedSlot {
  day: number;
  startPeriod: number;
  roomId: number | null;
}

/**
 * The proposed slots as a small week grid (periods × days): a free slot is a green button, a
 * taken one grey with the reason on hover; the chosen slot's suggested rooms below.
 */
export function SlotPicker({
  options,
  value,
  onChange,
}: {
  options: ChangeOption[];
  value: PickedSlot | null;
  onChange: (v: PickedSlot) => void;
}) {
  const { t } = useTranslation();
  const days = t('ttchange.days', { returnObjects: true }) as string[];
  const dayCount = Math.max(0, ...options.map((o) => o.day));
  const starts = [...new Set(options.map((o) => o.startPeriod))].sort((a, b) => a - b);
  const at = (day: number, start: number) => options.find((o) => o.day === day && o.startPeriod === start);
  const chosen = value ? at(value.day, value.startPeriod) : undefined;
  return (
    <div data-testid="slot-picker">
      <Typography.Paragraph type="secondary">{t('ttchange.targetHint')}</Typography.Paragraph>
      <Table
        size="small"
        pagination={false}
        rowKey="start"
        scroll={{ x: 'max-content' }}
        dataSource={starts.map((start) => ({ start }))}
        columns={[
          { title: '', dataIndex: 'start', render: (s: number) => t('ttchange.period', { n: s }), width: 80 },
          ...Array.from({ length: dayCount }, (_, i) => ({
            title: days[i],
            key: String(i + 1),
            render: (_: unknown, row: { start: number }) => {
              const o = at(i + 1, row.start);
              if (!o) return null;
              const selected = value?.day === o.day && value.startPeriod === o.startPeriod;
              const button = (
                <Button
                  size="small"
                  type={selected ? 'primary' : 'default'}
                  disabled={!o.free}
                  style={o.free && !selected ? { background: '#f6ffed', borderColor: '#b7eb8f' } : undefined}
                  onClick={() => onChange({ day: o.day, startPeriod: o.startPeriod, roomId: o.rooms[0]?.roomId ?? null })}
                  data-testid={`slot-${o.day}-${o.startPeriod}`}
                  aria-label={`${days[o.day - 1]} ${t('ttchange.period', { n: o.startPeriod })}`}
                >
                  {o.free ? t('ttchange.free') : t('ttchange.taken')}
                </Button>
              );
              return o.free ? button : <Tooltip title={o.conflicts.join('；')}>{button}</Tooltip>;
            },
          })),
        ]}
      />
      {chosen && value && (
        <Space style={{ marginTop: 8 }}>
          {t('ttchange.targetRoom')}
          <Select
            style={{ width: 260 }}
            value={value.roomId ?? undefined}
            options={chosen.rooms.map((r) => ({ value: r.roomId, label: `${r.buildingName} ${r.name}（${r.capacity}）` }))}
            onChange={(roomId: number) => onChange({ ...value, roomId })}
            data-testid="target-room"
          />
        </Space>
      )}
    </div>
  );
}
