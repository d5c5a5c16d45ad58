import { useState } from 'react';
import { App, Alert, Button, Card, Form, Input, Modal, Space, Tag, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client.ts';
import { selectionOffice, type Hold } from '../../../api/selection-office.ts';
import { QueryTable } from '../../../components/QueryState.tsx';
import { showApiFieldErrors } from '../../../lib/form-errors.ts';
import { formatDateTime } from '../../../lib/time.ts';
import { useListParams } from '../../offerings/useListParams.ts';
import { StudentPicker } from './StudentPicker.tsx';

/** 选课限制: the students who may not select (unpaid fees …), with add and lift. */
export function HoldsPage() {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const qc = useQueryClient();
  const { num, set } = useListParams();
  const studentId = num('studentId');
  const page = num('page') ?? 1;
  const pageSize = num('pageSize') ?? 20;
  const [adding, setAdding] = useState(false);
  const query = useQuery({
    queryKey: ['sel-holds', studentId, page, pageSize],
    queryFn: () => selectionOffice.holds({ studentId, page, pageSize }),
    placeholderData: keepPreviousData,
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['sel-holds'] });
  // The list pages on the server when it says how many there are; otherwise it is the whole list.
  const total = query.data?.total;

  const lift = (h: Hold) => {
    modal.confirm({
      title: t('seloff.liftConfirm', { name: `${h.studentName} (${h.studentNo})` }),
      okText: t('seloff.lift'),
      okButtonProps: { 'data-testid': 'lift-confirm' } as ButtonProps,
      onOk: async () => {
        try {
          await selectionOffice.liftHold(h.id);
          message.success(t('seloff.lifted'));
          refresh();
        } catch (e) {
          message.error(e instanceof ApiError ? e.message : t('errors.network'));
          throw e;
        }
      },
    });
  };

  return (
    <Card
      title={t('seloff.holds')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="add-hold">
          {t('seloff.addHold')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('seloff.holdsHelp')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <StudentPicker value={studentId} onChange={(v) => set({ studentId: v })} data-testid="holds-student-filter" />
      </Space>
      <QueryTable<Hold, { items: Hold[]; total?: number }>
        query={query}
        rowKey="id"
        size="middle"
        scroll={{ x: 'max-content' }}
        data-testid="table-holds"
        pagination={
          total === undefined
            ? { pageSize, showTotal: (n) => t('common.total', { total: n }) }
            : {
                current: page,
                pageSize,
                total,
                showTotal: (n) => t('common.total', { total: n }),
                onChange: (p, s) => set({ page: p, pageSize: s }),
              }
        }
        columns={[
          { title: t('seloff.studentNo'), dataIndex: 'studentNo' },
          { title: t('seloff.studentName'), dataIndex: 'studentName' },
          { title: t('seloff.holdReason'), dataIndex: 'reason' },
          { title: t('seloff.source'), render: (_, h) => <Tag>{t(`seloff.sources.${h.source}`)}</Tag> },
          { title: t('seloff.createdAt'), render: (_, h) => formatDateTime(h.createdAt) },
          {
            title: t('common.actions'),
            render: (_, h) => (
              <Button size="small" onClick={() => lift(h)} data-testid={`lift-${h.id}`}>
                {t('seloff.lift')}
              </Button>
            ),
          },
        ]}
      />
      <AddHoldModal
        open={adding}
        onClose={() => setAdding(false)}
        onAdded={() => {
          setAdding(false);
          refresh();
        }}
      />
    </Card>
  );
}

/** 添加限制: a student and the reason the student will see. */
function AddHoldModal({ open, onClose, onAdded }: { open: boolean; onClose: () => void; onAdded: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ studentId?: number; reason?: string }>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    setFailure(null);
    try {
      await selectionOffice.addHold(v.studentId!, (v.reason ?? '').trim());
      message.success(t('seloff.holdAdded'));
      form.resetFields();
      onAdded();
    } catch (e) {
      showApiFieldErrors(form, e);
      setFailure(e instanceof ApiError ? e.message : t('errors.network'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={t('seloff.addHold')}
      onCancel={onClose}
      onOk={() => void submit()}
      okButtonProps={{ loading: busy, 'data-testid': 'hold-save' } as ButtonProps}
      destroyOnHidden
    >
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="studentId" label={t('seloff.student')} rules={[{ required: true, message: t('seloff.pickStudent') }]}>
          <StudentPicker style={{ width: '100%' }} data-testid="hold-student" />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('seloff.holdReason')}
          rules={[{ required: true, whitespace: true, message: t('seloff.holdReasonPlaceholder') }]}
        >
          <Input maxLength={200} placeholder={t('seloff.holdReasonPlaceholder')} data-testid="hold-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
