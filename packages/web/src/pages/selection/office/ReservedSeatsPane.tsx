import { useState } from 'react';
import { App, Alert, Button, Form, InputNumber, Popconfirm, Select, Space, Table, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { RESERVED_KINDS, type ReservedKind, type ReservedSeat } from '@jiaowu/contracts';
import { resources } from '../../../api/endpoints.ts';
import { classTools } from '../../../api/selection-class-tools.ts';
import { QueryError, SelectLoadError } from '../../../components/QueryState.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { failureOf } from './failure.ts';
import { SchoolInstantInput } from './school-instant.tsx';

interface Values {
  seats?: number;
  forKind: ReservedKind;
  forValue?: number;
  until?: string | null;
}

/** A major or college by name (the list searched on the server); never an id typed by hand. */
function OrgPicker({ kind, value, onChange }: { kind: 'major' | 'college'; value?: number; onChange?: (v: number | undefined) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const list = useQuery({
    queryKey: ['sel-org-pick', kind, q],
    queryFn: () => resources.list(kind === 'major' ? 'majors' : 'colleges', { page: 1, pageSize: 50, q }),
    staleTime: 60_000,
  });
  return (
    <Select<number>
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      allowClear
      placeholder={t(kind === 'major' ? 'selclass.pickMajor' : 'selclass.pickCollege')}
      loading={list.isFetching}
      options={(list.data?.items ?? []).map((r) => ({ value: Number(r.id), label: String(r.name) }))}
      showSearch={{ filterOption: false, onSearch: setQ }}
      notFoundContent={list.error ? <SelectLoadError error={list.error} onRetry={() => void list.refetch()} /> : undefined}
      style={{ width: 240 }}
      data-testid="reserved-for-value"
    />
  );
}

/** 预留名额 of one class: the rows with whom they are for in words, add / edit / delete. */
export function ReservedSeatsPane({ teachingClassId }: { teachingClassId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [editing, setEditing] = useState<ReservedSeat | 'new' | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const key = ['sel-reserved', teachingClassId];
  const list = useQuery({ queryKey: key, queryFn: () => classTools.reservedSeats(teachingClassId) });
  const kind = Form.useWatch('forKind', form) ?? 'cohort';
  const whom = (r: ReservedSeat) => (r.forKind === 'cohort' ? t('selclass.cohortYear', { year: r.forValue }) : r.forName);

  const open = (r: ReservedSeat | 'new') => {
    setFailure(null);
    setEditing(r);
    form.setFieldsValue(
      r === 'new'
        ? { seats: undefined, forKind: 'cohort', forValue: undefined, until: null }
        : { seats: r.seats, forKind: r.forKind, forValue: r.forValue, until: r.until },
    );
  };
  const save = async (v: Values) => {
    setBusy(true);
    setFailure(null);
    try {
      const body = { seats: v.seats!, forKind: v.forKind, forValue: v.forValue!, until: v.until! };
      if (editing === 'new') await classTools.addReserved(teachingClassId, body);
      else if (editing) await classTools.updateReserved(editing.id, body);
      message.success(t('selclass.saved'));
      setEditing(null);
      void qc.invalidateQueries({ queryKey: key });
    } catch (e) {
      setFailure(failureOf(e, t('errors.network')));
    } finally {
      setBusy(false);
    }
  };
  const remove = async (r: ReservedSeat) => {
    try {
      await classTools.removeReserved(r.id);
      message.success(t('selclass.removed'));
      void qc.invalidateQueries({ queryKey: key });
    } catch (e) {
      message.error(failureOf(e, t('errors.network')));
    }
  };

  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} compact />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('selclass.reservedHelp')}</Typography.Text>
      <Table<ReservedSeat>
        rowKey="id"
        size="small"
        pagination={false}
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('selclass.noReserved') }}
        data-testid="reserved-table"
        columns={[
          { title: t('selclass.forKind'), render: (_, r) => t(`selclass.kinds.${r.forKind}`) },
          { title: t('selclass.forValue'), render: (_, r) => whom(r) },
          { title: t('selclass.seats'), dataIndex: 'seats' },
          { title: t('selclass.taken'), dataIndex: 'taken' },
          { title: t('selclass.until'), render: (_, r) => formatDateTime(r.until) },
          {
            title: t('common.actions'),
            render: (_, r) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => open(r)}>
                  {t('common.edit')}
                </Button>
                <Popconfirm title={t('selclass.removeConfirm')} onConfirm={() => void remove(r)}>
                  <Button type="link" size="small" danger>
                    {t('common.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {editing === null ? (
        <Button onClick={() => open('new')} data-testid="reserved-add">
          {t('selclass.addReserved')}
        </Button>
      ) : (
        <Form<Values> form={form} layout="inline" onFinish={(v) => void save(v)} style={{ rowGap: 8 }}>
          <Form.Item name="forKind" label={t('selclass.forKind')}>
            <Select
              style={{ width: 100 }}
              options={RESERVED_KINDS.map((k) => ({ value: k, label: t(`selclass.kinds.${k}`) }))}
              onChange={() => form.setFieldsValue({ forValue: undefined })}
              data-testid="reserved-kind"
            />
          </Form.Item>
          <Form.Item name="forValue" rules={[{ required: true, message: t('selclass.forValue') }]}>
            {kind === 'cohort' ? (
              <InputNumber min={1950} max={2100} precision={0} placeholder={t('selclass.cohortPlaceholder')} style={{ width: 180 }} />
            ) : (
              <OrgPicker kind={kind} />
            )}
          </Form.Item>
          <Form.Item name="seats" label={t('selclass.seats')} rules={[{ required: true, message: t('selclass.seats') }]}>
            <InputNumber min={1} max={2000} precision={0} data-testid="reserved-seats" />
          </Form.Item>
          <Form.Item name="until" label={t('selclass.until')} rules={[{ required: true, message: t('selclass.until') }]}>
            <SchoolInstantInput data-testid="reserved-until" />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="reserved-save">
              {t('common.save')}
            </Button>
            <Button onClick={() => setEditing(null)}>{t('common.cancel')}</Button>
          </Space>
        </Form>
      )}
      {failure && <Alert type="error" showIcon title={failure} data-testid="class-tools-error" />}
    </Space>
  );
}
