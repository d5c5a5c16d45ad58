import { Button, Card, Form, Input, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useLabels } from '../../../i18n/labels.ts';
import { orgNames } from './api.ts';
import { SlotPicker } from './SlotPicker.tsx';

const KINDS = ['all', 'college', 'cohort', 'category'] as const;

/** 禁排时间: one card per row (day, periods, weeks, whom it applies to, the reason). */
export function BlockedSlotsEditor({ grid }: { grid: { daysPerWeek: number; periodsPerDay: number; weeks: number } }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const form = Form.useFormInstance();
  const rows = Form.useWatch('blockedSlots', form) as { appliesTo?: { kind?: (typeof KINDS)[number] } }[] | undefined;
  const colleges = useQuery({ queryKey: ['tt-colleges'], queryFn: orgNames.colleges, staleTime: 60_000 });
  const days = Array.from({ length: grid.daysPerWeek }, (_, i) => ({ value: i + 1, label: t(`weekday.${i + 1}`) }));
  const periods = Array.from({ length: grid.periodsPerDay }, (_, i) => ({ value: i + 1, label: String(i + 1) }));
  const weeks = Array.from({ length: grid.weeks }, (_, i) => ({ value: i + 1, label: String(i + 1) }));
  const w = (k: string) => t(`ttsettings.settings.blocked.${k}`);
  return (
    <Form.List name="blockedSlots">
      {(fields, { add, remove }) => (
        <Space direction="vertical" style={{ width: '100%' }}>
          {fields.length === 0 && <Typography.Text type="secondary">{w('empty')}</Typography.Text>}
          {fields.map((f, i) => {
            const kind = rows?.[f.name]?.appliesTo?.kind;
            return (
              <Card
                key={f.key}
                size="small"
                title={`#${i + 1}`}
                data-testid={`blocked-row-${i}`}
                extra={
                  <Button size="small" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} data-testid={`blocked-remove-${i}`}>
                    {w('remove')}
                  </Button>
                }
              >
                <Space wrap align="start">
                  <Form.Item label={w('day')} name={[f.name, 'day']} rules={[{ required: true }]}>
                    <Select style={{ width: 90 }} options={days} data-testid={`blocked-day-${i}`} />
                  </Form.Item>
                  <Form.Item label={w('from')} name={[f.name, 'fromPeriod']} rules={[{ required: true }]}>
                    <Select style={{ width: 70 }} options={periods} data-testid={`blocked-from-${i}`} />
                  </Form.Item>
                  <Form.Item label={w('to')} name={[f.name, 'toPeriod']} rules={[{ required: true }]}>
                    <Select style={{ width: 70 }} options={periods} data-testid={`blocked-to-${i}`} />
                  </Form.Item>
                  <Form.Item label=" " colon={false} shouldUpdate>
                    {() => (
                      <SlotPicker
                        testId={`blocked-pick-${i}`}
                        days={grid.daysPerWeek}
                        periods={grid.periodsPerDay}
                        value={form.getFieldValue(['blockedSlots', f.name]) ?? {}}
                        onPick={(v) => {
                          form.setFieldValue(['blockedSlots', f.name, 'day'], v.day);
                          form.setFieldValue(['blockedSlots', f.name, 'fromPeriod'], v.fromPeriod);
                          form.setFieldValue(['blockedSlots', f.name, 'toPeriod'], v.toPeriod);
                        }}
                      />
                    )}
                  </Form.Item>
                  <Form.Item label={w('weeks')} name={[f.name, 'weeks']}>
                    <Select
                      mode="multiple"
                      allowClear
                      style={{ minWidth: 160 }}
                      placeholder={w('everyWeek')}
                      options={weeks}
                      data-testid={`blocked-weeks-${i}`}
                    />
                  </Form.Item>
                </Space>
                <Space wrap align="start">
                  <Form.Item label={w('appliesTo')} name={[f.name, 'appliesTo', 'kind']} rules={[{ required: true }]}>
                    <Select
                      style={{ width: 140 }}
                      options={KINDS.map((k) => ({ value: k, label: t(`ttsettings.settings.blocked.kinds.${k}`) }))}
                      onChange={() =>
                        form.setFieldValue(['blockedSlots', f.name, 'appliesTo'], {
                          kind: form.getFieldValue(['blockedSlots', f.name, 'appliesTo', 'kind']),
                        })
                      }
                      data-testid={`blocked-kind-${i}`}
                    />
                  </Form.Item>
                  {kind === 'college' && (
                    <Form.Item label={w('targets')} name={[f.name, 'appliesTo', 'ids']} rules={[{ required: true }]}>
                      <Select
                        mode="multiple"
                        style={{ minWidth: 220 }}
                        loading={colleges.isLoading}
                        options={(colleges.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
                      />
                    </Form.Item>
                  )}
                  {kind === 'cohort' && (
                    <Form.Item
                      label={w('targets')}
                      name={[f.name, 'appliesTo', 'ids']}
                      rules={[{ required: true }]}
                      normalize={(v: unknown[]) => v.map(Number).filter((n) => Number.isInteger(n) && n > 1990)}
                    >
                      <Select mode="tags" style={{ minWidth: 180 }} placeholder={w('cohortPlaceholder')} />
                    </Form.Item>
                  )}
                  {kind === 'category' && (
                    <Form.Item label={w('targets')} name={[f.name, 'appliesTo', 'categories']} rules={[{ required: true }]}>
                      <Select mode="multiple" style={{ minWidth: 220 }} options={labels.enumOptions('courseCategory')} />
                    </Form.Item>
                  )}
                  <Form.Item label={w('except')} name={[f.name, 'exceptCategories']}>
                    <Select mode="multiple" allowClear style={{ minWidth: 180 }} options={labels.enumOptions('courseCategory')} />
                  </Form.Item>
                </Space>
                <Space wrap align="start">
                  <Form.Item
                    label={w('reasonZh')}
                    name={[f.name, 'reasonZh']}
                    rules={[{ required: true, message: labels.fieldMessage('required') }]}
                  >
                    <Input style={{ width: 200 }} maxLength={100} data-testid={`blocked-reason-${i}`} />
                  </Form.Item>
                  <Form.Item label={w('reasonEn')} name={[f.name, 'reasonEn']}>
                    <Input style={{ width: 200 }} maxLength={100} />
                  </Form.Item>
                </Space>
              </Card>
            );
          })}
          <Button
            icon={<PlusOutlined />}
            onClick={() => add({ day: 1, fromPeriod: 1, toPeriod: 2, weeks: [], appliesTo: { kind: 'all' }, reasonZh: '', reasonEn: '' })}
            data-testid="blocked-add"
          >
            {w('add')}
          </Button>
        </Space>
      )}
    </Form.List>
  );
}
