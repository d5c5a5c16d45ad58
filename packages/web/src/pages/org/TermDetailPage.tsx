import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, Space, Table } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { RESOURCES, timeGridInput } from '@jiaowu/contracts';
import { ApiError } from '../../api/client.ts';
import { terms } from '../../api/endpoints.ts';
import { useSession } from '../../auth/session.tsx';
import { Breadcrumbs } from '../../components/Breadcrumbs.tsx';
import { renderCell } from '../../components/cells.tsx';
import { QueryView } from '../../components/QueryState.tsx';
import { RefSelect } from '../../components/RefSelect.tsx';
import { useLabels } from '../../i18n/labels.ts';
import { clearErrorsOnEdit, showApiFieldErrors, validateWith } from '../../lib/form-errors.ts';
import { defaultPeriods } from './default-grid.ts';

type Period = { period: number; startsAt: string; endsAt: string };

/** A term's details and its time grid (the clock times of each period), optionally per campus. */
export function TermDetailPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const { message } = App.useApp();
  const { can } = useSession();
  const id = Number(useParams().id);
  const [campusId, setCampusId] = useState<number | undefined>();
  const [form] = Form.useForm<{ periods: Period[] }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const canManage = can('org.manage');

  const term = useQuery({ queryKey: ['term', id], queryFn: () => terms.get(id) });
  const grid = useQuery({ queryKey: ['time-grid', id, campusId], queryFn: () => terms.timeGrid(id, campusId) });

  useEffect(() => {
    if (grid.data) form.setFieldsValue({ periods: grid.data.periods });
  }, [grid.data, form]);

  const save = async () => {
    setError(null);
    const periods = ((form.getFieldValue('periods') ?? []) as Period[]).map((p, i) => ({ ...p, period: i + 1 }));
    const body = validateWith(form, timeGridInput, { campusId: campusId ?? null, periods }, labels);
    if (!body) return setError(t('form.fixErrors'));
    setSaving(true);
    try {
      await terms.saveTimeGrid(id, body);
      message.success(t('term.saved'));
      await grid.refetch();
    } catch (e) {
      showApiFieldErrors(form, e);
      setError(e instanceof ApiError ? e.message : t('errors.network'));
    } finally {
      setSaving(false);
    }
  };

  const row = term.data;
  const periodsPerDay = Number(row?.periodsPerDay ?? 12);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Breadcrumbs items={[{ label: labels.resource('terms'), to: '/terms' }, { label: row ? String(row.name) : '…' }]} />
      <Card title={t('term.title', { name: row?.name ?? '' })}>
        <QueryView query={term}>
          {(data) => (
            <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }}>
              {RESOURCES.terms.fields.map((f) => (
                <Descriptions.Item key={f.key} label={labels.field('terms', f.key)}>
                  {renderCell(f, data, labels)}
                </Descriptions.Item>
              ))}
            </Descriptions>
          )}
        </QueryView>
      </Card>
      <Card
        title={t('term.timeGrid')}
        extra={
          <Space wrap>
            <span>{t('term.campus')}:</span>
            <RefSelect resource="campuses" value={campusId} onChange={setCampusId} placeholder={t('term.allCampuses')} />
          </Space>
        }
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <QueryView query={grid}>
          {() => (
            <Form
              form={form}
              disabled={!canManage}
              onValuesChange={clearErrorsOnEdit(form, () => setError((e) => (e === t('form.fixErrors') ? null : e)))}
              data-testid="time-grid"
            >
              <Form.List name="periods">
                {(fields, { add, remove }) => (
                  <>
                    <Table
                      size="small"
                      pagination={false}
                      rowKey="key"
                      loading={grid.isFetching}
                      dataSource={fields}
                      columns={[
                        {
                          title: labels.field('terms', 'period'),
                          render: (_, f) => (
                            <Form.Item name={[f.name, 'period']} noStyle>
                              <Input style={{ width: 64 }} readOnly variant="borderless" />
                            </Form.Item>
                          ),
                        },
                        ...(['startsAt', 'endsAt'] as const).map((k) => ({
                          title: labels.field('terms', k),
                          render: (_: unknown, f: { name: number }) => (
                            <Form.Item name={[f.name, k]} style={{ margin: 0 }}>
                              <Input placeholder="08:00" style={{ width: 100 }} className="num" />
                            </Form.Item>
                          ),
                        })),
                        {
                          title: '',
                          render: (_, f) =>
                            canManage && <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} />,
                        },
                      ]}
                    />
                    {canManage && (
                      <Space style={{ marginTop: 12 }} wrap>
                        <Button
                          icon={<PlusOutlined />}
                          onClick={() => {
                            const list: Period[] = form.getFieldValue('periods') ?? [];
                            add({ period: list.length + 1, startsAt: '', endsAt: '' });
                          }}
                        >
                          {t('term.addPeriod')}
                        </Button>
                        <Button onClick={() => form.setFieldsValue({ periods: defaultPeriods(periodsPerDay) })}>
                          {t('term.fillDefault')}
                        </Button>
                        <Button type="primary" loading={saving} onClick={() => void save()} data-testid="time-grid-save">
                          {t('common.save')}
                        </Button>
                      </Space>
                    )}
                  </>
                )}
              </Form.List>
            </Form>
          )}
        </QueryView>
      </Card>
    </Space>
  );
}
