import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, List, Modal, Space, Tag, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  EXAM_DEFERRAL_REASON_MAX,
  type AttachmentInfo,
  type DeferrableExam,
  type ExamDeferral,
  type ExamDeferralInput,
  type Paged,
} from '@jiaowu/contracts';
import { AttachmentLink, AttachmentPicker } from '../../../components/AttachmentPicker.tsx';
import { ApiError, get, post } from '../../../api/client.ts';
import { examTime } from '../exam-time.ts';
import { DEFERRAL_STATUS_COLOR } from './status.ts';

/**
 * 缓考申请 — the student's exams with an "apply" button while each can still be deferred, and
 * their applications with status (withdraw while pending). One column of cards: it is read on
 * a phone as often as on a desk.
 */
export function MyDeferralsPage() {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const qc = useQueryClient();
  const [applying, setApplying] = useState<DeferrableExam | null>(null);
  const exams = useQuery({ queryKey: ['exam-deferrable'], queryFn: () => get<{ items: DeferrableExam[] }>('/exams/deferrals/exams') });
  const mine = useQuery({
    queryKey: ['exam-deferrals', 'mine'],
    queryFn: () => get<Paged<ExamDeferral>>('/exams/deferrals', { pageSize: 100 }),
  });
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: ['exam-deferrable'] });
    await qc.invalidateQueries({ queryKey: ['exam-deferrals'] });
  };
  const withdraw = (d: ExamDeferral): void => {
    modal.confirm({
      title: t('examdef.mine.withdrawConfirm', { course: d.courseName }),
      okText: t('examdef.mine.withdraw'),
      onOk: async () => {
        try {
          await post(`/exams/deferrals/${d.id}/withdraw`);
          message.success(t('examdef.mine.withdrawn'));
          await refresh();
        } catch (e) {
          message.error(e instanceof ApiError ? e.message : t('errors.network'));
          throw e;
        }
      },
    });
  };

  return (
    <Space direction="vertical" size={12} style={{ width: '100%', maxWidth: 640 }} data-testid="my-deferrals">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('examdef.mine.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('examdef.mine.help')}
      </Typography.Paragraph>
      <Card size="small" title={t('examdef.mine.exams')}>
        {exams.isError && <LoadFailed onRetry={() => void exams.refetch()} />}
        <List<DeferrableExam>
          loading={exams.isLoading}
          dataSource={exams.data?.items ?? []}
          locale={{ emptyText: t('examdef.mine.noExams') }}
          renderItem={(e) => (
            <List.Item
              data-testid={`deferrable-${e.examId}`}
              actions={[
                e.canDefer ? (
                  <Button key="apply" type="primary" size="small" onClick={() => setApplying(e)} data-testid={`defer-${e.examId}`}>
                    {t('examdef.mine.apply')}
                  </Button>
                ) : e.deferralStatus ? (
                  <Tag key="status" color={DEFERRAL_STATUS_COLOR[e.deferralStatus]}>
                    {t(`examdef.status.${e.deferralStatus}`)}
                  </Tag>
                ) : (
                  <Typography.Text key="no" type="secondary">
                    {e.date === null ? t('examdef.mine.unscheduled') : t('examdef.mine.started')}
                  </Typography.Text>
                ),
              ]}
            >
              <List.Item.Meta title={`${e.courseName}`} description={examTime(e) ?? t('examdef.notScheduled')} />
            </List.Item>
          )}
        />
      </Card>
      <Card size="small" title={t('examdef.mine.applications')}>
        {mine.isError && <LoadFailed onRetry={() => void mine.refetch()} />}
        <List<ExamDeferral>
          loading={mine.isLoading}
          dataSource={mine.data?.items ?? []}
          locale={{ emptyText: t('examdef.mine.noApplications') }}
          renderItem={(d) => (
            <List.Item
              data-testid={`deferral-${d.id}`}
              actions={
                d.status === 'pending'
                  ? [
                      <Button
                        key="withdraw"
                        size="small"
                        onClick={() => {
                          withdraw(d);
                        }}
                        data-testid={`withdraw-${d.id}`}
                      >
                        {t('examdef.mine.withdraw')}
                      </Button>,
                    ]
                  : []
              }
            >
              <List.Item.Meta
                title={
                  <Space wrap size={6}>
                    <span>{d.courseName}</span>
                    <Tag color={DEFERRAL_STATUS_COLOR[d.status]}>{t(`examdef.status.${d.status}`)}</Tag>
                  </Space>
                }
                description={
                  <>
                    <div>{examTime(d) ?? t('examdef.notScheduled')}</div>
                    <Typography.Text type="secondary">{d.reason}</Typography.Text>
                    {d.attachment && (
                      <div>
                        <AttachmentLink file={d.attachment} />
                      </div>
                    )}
                  </>
                }
              />
            </List.Item>
          )}
        />
      </Card>
      <ApplyModal
        exam={applying}
        onClose={() => setApplying(null)}
        onDone={async () => {
          setApplying(null);
          message.success(t('examdef.form.submitted'));
          await refresh();
        }}
      />
    </Space>
  );
}

function LoadFailed({ onRetry }: { onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="error"
      showIcon
      title={t('examdef.loadFailed')}
      action={
        <Button size="small" onClick={onRetry}>
          {t('examdef.retry')}
        </Button>
      }
    />
  );
}

/** The reason and an optional certificate, then submit; the server's refusal (started meanwhile, already applied) shows in the dialog. */
function ApplyModal({ exam, onClose, onDone }: { exam: DeferrableExam | null; onClose: () => void; onDone: () => Promise<void> }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string; attachment: AttachmentInfo | null }>();
  const apply = useMutation({
    mutationFn: (body: ExamDeferralInput) => post<ExamDeferral>('/exams/deferrals', body),
    onSuccess: async () => {
      form.resetFields();
      await onDone();
    },
  });
  const submit = () =>
    void form
      .validateFields()
      .then((v) => exam && apply.mutate({ examId: exam.examId, reason: v.reason, attachmentId: v.attachment?.id ?? null }));
  return (
    <Modal
      open={exam !== null}
      title={t('examdef.form.title', { course: exam?.courseName ?? '' })}
      okText={t('examdef.form.submit')}
      onOk={submit}
      confirmLoading={apply.isPending}
      onCancel={() => {
        apply.reset();
        onClose();
      }}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'defer-submit' } as ButtonProps}
    >
      {exam && <Typography.Paragraph>{examTime(exam)}</Typography.Paragraph>}
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label={t('examdef.form.reason')}
          extra={t('examdef.form.reasonHelp')}
          rules={[{ required: true, whitespace: true, message: t('examdef.form.required') }]}
        >
          <Input.TextArea rows={4} maxLength={EXAM_DEFERRAL_REASON_MAX} showCount data-testid="defer-reason" />
        </Form.Item>
        <Form.Item name="attachment" label={t('examdef.form.attachment')} extra={t('examdef.form.attachmentHelp')} initialValue={null}>
          <AttachmentPicker testId="defer-attachment" />
        </Form.Item>
      </Form>
      {apply.isError && <Alert type="error" showIcon title={apply.error.message} data-testid="defer-error" />}
    </Modal>
  );
}
