import { useState } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Tag } from 'antd';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { FreeRoomItem, Paged } from '@jiaowu/contracts';
import { ApiError } from '../../../api/client.ts';
import { ttchange } from '../../../api/ttchange.ts';
import { useSession } from '../../../auth/session.tsx';
import { QueryTable } from '../../../components/QueryState.tsx';
import { RefSelect } from '../../../components/RefSelect.tsx';
import { useTerms } from '../../../lib/terms.ts';
import { useListParams } from '../../offerings/useListParams.ts';
import { slotWords, weeksWords } from '../slot-words.ts';

const WEEKS = Array.from({ length: 20 }, (_, i) => i + 1);

/** 空教室查询: rooms free in a week, on a day, over a period range; the office books one here. */
export function FreeRoomsPage() {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const { current, options } = useTerms();
  const { num, str, set } = useListParams();
  const termId = num('termId') ?? current?.id;
  const week = num('week') ?? 1;
  const day = num('day') ?? 1;
  const fromPeriod = num('fromPeriod') ?? 1;
  const toPeriod = Math.max(num('toPeriod') ?? 2, fromPeriod);
  const page = num('page') ?? 1;
  const pageSize = num('pageSize') ?? 20;
  const filters = { minCapacity: num('minCapacity'), type: str('type'), features: str('features'), campusId: num('campusId') };
  const query = useQuery({
    queryKey: ['free-rooms', termId, week, day, fromPeriod, toPeriod, filters, page, pageSize],
    queryFn: () => ttchange.freeRooms({ termId, week, day, fromPeriod, toPeriod, ...filters, page, pageSize }),
    enabled: termId != null,
    placeholderData: keepPreviousData,
  });
  const [booking, setBooking] = useState<FreeRoomItem | null>(null);
  const days = t('ttchange.days', { returnObjects: true }) as string[];
  return (
    <Card title={t('ttchange.menuFree')}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          style={{ width: 200 }}
          value={termId}
          options={options}
          onChange={(v) => set({ termId: v })}
          aria-label={t('ttchange.term')}
        />
        <Select
          style={{ width: 110 }}
          value={week}
          options={WEEKS.map((w) => ({ value: w, label: weeksWords(i18n.language, [w]) }))}
          onChange={(v) => set({ week: v })}
          aria-label={t('ttchange.week')}
          data-testid="free-week"
        />
        <Select
          style={{ width: 90 }}
          value={day}
          options={days.map((d, i) => ({ value: i + 1, label: d }))}
          onChange={(v) => set({ day: v })}
          aria-label={t('ttchange.day')}
          data-testid="free-day"
        />
        <InputNumber
          min={1}
          max={20}
          value={fromPeriod}
          onChange={(v) => set({ fromPeriod: v ?? 1 })}
          addonBefore={t('ttchange.fromPeriod')}
        />
        <InputNumber min={1} max={20} value={toPeriod} onChange={(v) => set({ toPeriod: v ?? 1 })} addonBefore={t('ttchange.toPeriod')} />
        <InputNumber
          min={0}
          value={filters.minCapacity}
          onChange={(v) => set({ minCapacity: v ?? undefined })}
          addonBefore={t('ttchange.minCapacity')}
        />
        <Input
          style={{ width: 160 }}
          allowClear
          placeholder={t('ttchange.type')}
          defaultValue={filters.type}
          onPressEnter={(e) => set({ type: e.currentTarget.value })}
          onBlur={(e) => set({ type: e.currentTarget.value })}
        />
        <Input
          style={{ width: 220 }}
          allowClear
          placeholder={t('ttchange.features')}
          defaultValue={filters.features}
          onPressEnter={(e) => set({ features: e.currentTarget.value })}
          onBlur={(e) => set({ features: e.currentTarget.value })}
        />
        <RefSelect
          resource="campuses"
          allowClear
          style={{ width: 160 }}
          placeholder={t('ttchange.campus')}
          value={filters.campusId}
          onChange={(v) => set({ campusId: v })}
        />
      </Space>
      <QueryTable<FreeRoomItem, Paged<FreeRoomItem>>
        query={query}
        rowKey="roomId"
        size="middle"
        data-testid="table-free-rooms"
        pagination={{
          current: page,
          pageSize,
          total: query.data?.total ?? 0,
          showTotal: (total) => t('common.total', { total }),
          onChange: (p, s) => set({ page: p, pageSize: s }),
        }}
        columns={[
          { title: t('ttchange.room'), dataIndex: 'name' },
          { title: t('ttchange.building'), dataIndex: 'buildingName' },
          { title: t('ttchange.campus'), dataIndex: 'campusName' },
          { title: t('ttchange.capacity'), dataIndex: 'capacity' },
          { title: t('ttchange.type'), dataIndex: 'type' },
          { title: t('ttchange.features'), dataIndex: 'features', render: (f: string[]) => f.map((x) => <Tag key={x}>{x}</Tag>) },
          ...(can('rooms.book')
            ? [
                {
                  title: '',
                  key: 'book',
                  render: (_: unknown, r: FreeRoomItem) => (
                    <Button size="small" onClick={() => setBooking(r)} data-testid={`book-${r.roomId}`}>
                      {t('ttchange.book')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {booking && termId != null && (
        <BookModal
          room={booking}
          termId={termId}
          slot={{ week, day, fromPeriod, toPeriod }}
          title={`${t('ttchange.bookTitle', { room: booking.name })} — ${slotWords(t, day, fromPeriod, toPeriod)}`}
          onClose={() => setBooking(null)}
        />
      )}
    </Card>
  );
}

function BookModal({
  room,
  termId,
  slot,
  title,
  onClose,
}: {
  room: FreeRoomItem;
  termId: number;
  slot: { week: number; day: number; fromPeriod: number; toPeriod: number };
  title: string;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<{ weeks: number[]; purpose: string }>();
  const mutation = useMutation({
    mutationFn: (v: { weeks: number[]; purpose: string }) =>
      ttchange.book({ termId, roomId: room.roomId, day: slot.day, fromPeriod: slot.fromPeriod, toPeriod: slot.toPeriod, ...v }),
    onSuccess: async () => {
      message.success(t('ttchange.booked'));
      await client.invalidateQueries({ queryKey: ['free-rooms'] });
      onClose();
    },
    onError: (e) => message.error(e instanceof ApiError ? e.message : t('errors.network')),
  });
  return (
    <Modal open title={title} onCancel={onClose} onOk={() => form.submit()} confirmLoading={mutation.isPending} okText={t('ttchange.book')}>
      <Form form={form} layout="vertical" initialValues={{ weeks: [slot.week] }} onFinish={(v) => mutation.mutate(v)}>
        <Form.Item name="weeks" label={t('ttchange.weeks')} rules={[{ required: true }]}>
          <Select mode="multiple" options={WEEKS.map((w) => ({ value: w, label: weeksWords(i18n.language, [w]) }))} />
        </Form.Item>
        <Form.Item name="purpose" label={t('ttchange.purpose')} rules={[{ required: true, whitespace: true, max: 200 }]}>
          <Input data-testid="booking-purpose" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
