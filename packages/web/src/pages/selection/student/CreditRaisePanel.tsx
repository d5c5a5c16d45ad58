import { useState } from 'react';
import { Alert, Button, Form, Input, InputNumber, Modal, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CREDIT_RAISE_MAX, type CreditRaise, type CreditRaiseInput, type Round } from '@jiaowu/contracts';
import { get, post } from '../../../api/client.ts';

const STATUS_COLOR: Record<CreditRaise['status'], string> = {
  pending: 'blue',
  approved: 'green',
  rejected: 'red',
  returned: 'orange',
  withdrawn: 'default',
};

/**
 * 超学分申请 in the student's round: the latest application's status, and an "apply" button
 * (the server refuses with a failed course or a hold, and says so in the dialog). Shown only in
 * a round with a credit limit.
 */
export function CreditRaisePanel({ round }: { round: Round }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ maxCredits: number; reason: string }>();
  const list = useQuery({
    queryKey: ['credit-raises', round.id],
    queryFn: () => get<{ items: CreditRaise[] }>('/selection/credit-raises', { roundId: round.id }),
    enabled: round.creditLimits.maxCredits !== null,
  });
  const apply = useMutation({
    mutationFn: (body: CreditRaiseInput) => post<CreditRaise>('/selection/credit-raises', body),
    onSuccess: async () => {
      setOpen(false);
      form.resetFields();
      await qc.invalidateQueries({ queryKey: ['credit-raises', round.id] });
    },
  });
  if (round.creditLimits.maxCredits === null) return null;
  const latest = list.data?.items[0];
  const pending = latest?.status === 'pending';
  const submit = () => void form.validateFields().then((v) => apply.mutate({ roundId: round.id, ...v }));
  return (
    <div data-testid="credit-raise">
      <Space wrap size={8}>
        {latest && (
          <Tag color={STATUS_COLOR[latest.status]} data-testid="credit-raise-status">
            {t(`selrules.raise.status.${latest.status}`, { n: latest.maxCredits })}
          </Tag>
        )}
        {list.isError && (
          <Typography.Text type="danger">
            {t('selrules.raise.loadFailed')}{' '}
            <Button size="small" type="link" onClick={() => void list.refetch()}>
              {t('selrules.flags.retry')}
            </Button>
          </Typography.Text>
        )}
        {!pending && (
          <Button size="small" onClick={() => setOpen(true)} data-testid="credit-raise-open">
            {t('selrules.raise.apply')}
          </Button>
        )}
      </Space>
      <Modal
        open={open}
        title={t('selrules.raise.title')}
        okText={t('selrules.raise.submit')}
        onOk={submit}
        confirmLoading={apply.isPending}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('selrules.raise.rule', { n: round.creditLimits.maxCredits })}</Typography.Paragraph>
        <Form form={form} layout="vertical" initialValues={{ maxCredits: round.creditLimits.maxCredits + 4 }}>
          <Form.Item
            name="maxCredits"
            label={t('selrules.raise.maxCredits')}
            rules={[{ required: true, message: t('selrules.raise.required') }]}
          >
            <InputNumber min={1} max={CREDIT_RAISE_MAX} step={0.5} style={{ width: '100%' }} data-testid="credit-raise-max" />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('selrules.raise.reason')}
            rules={[{ required: true, whitespace: true, message: t('selrules.raise.required') }]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount data-testid="credit-raise-reason" />
          </Form.Item>
        </Form>
        {apply.isError && (
          <Alert
            type="error"
            showIcon
            message={apply.error.message}
            action={
              <Button size="small" onClick={submit}>
                {t('selrules.flags.retry')}
              </Button>
            }
            data-testid="credit-raise-error"
          />
        )}
      </Modal>
    </div>
  );
}
