import { useState } from 'react';
import { Alert, App, Button, Card, Drawer, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  GRADE_COMPONENTS,
  GRADE_CORRECTION_STATUSES,
  GRADE_WORDS,
  type AttachmentInfo,
  type GradeCorrectionCreate,
  type GradeCorrectionDetail,
  type GradeRecordVersionView,
  type Paged,
} from '@jiaowu/contracts';
import { ApiError, get, post } from '../../../api/client.ts';
import { useSession } from '../../../auth/session.tsx';
import { AttachmentPicker } from '../../../components/AttachmentPicker.tsx';
import { QueryTable } from '../../../components/QueryState.tsx';
import { useTerms } from '../../../lib/terms.ts';
import { formatDateTime } from '../../../lib/time.ts';
import { useListParams } from '../../offerings/useListParams.ts';
import { CorrectionSummary, entryText } from './CorrectionSummary.tsx';

type Status = (typeof GRADE_CORRECTION_STATUSES)[number];
const STATUS_COLOR: Record<Status, string> = {
  pending: 'processing',
  approved: 'success',
  rejected: 'error',
  returned: 'warning',
  withdrawn: 'default',
};

/**
 * 成绩更正 — the requests the reader may see (a teacher: their classes'; a secretary: their
 * college's; the office: all), filtered by term and status and paged on the server; a teacher asks
 * for a new one (from `?recordId=`, as the class's grade page links it) and withdraws a pending one.
 */
export function CorrectionsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const { can } = useSession();
  const { modal, message } = App.useApp();
  const qc = useQueryClient();
  const { options: termOptions } = useTerms();
  const { num, str, set } = useListParams();
  const page = num('page') ?? 1;
  const pageSize = num('pageSize') ?? 20;
  const status = str('status') as Status | undefined;
  const termId = num('termId');
  const recordId = num('recordId');
  const [viewing, setViewing] = useState<number | null>(null);
  const [formOpen, setFormOpen] = useState(recordId !== undefined);
  const query = useQuery({
    queryKey: ['grade-corrections', status, termId, page, pageSize],
    queryFn: () => get<Paged<GradeCorrectionDetail>>('/grades/corrections', { status, termId, page, pageSize }),
    placeholderData: keepPreviousData,
  });
  const withdraw = (c: GradeCorrectionDetail): void => {
    modal.confirm({
      title: t('grev.corrections.withdrawConfirm'),
      onOk: async () => {
        try {
          await post(`/grades/corrections/${c.id}/withdraw`);
          message.success(t('grev.corrections.withdrawn'));
          await qc.invalidateQueries({ queryKey: ['grade-corrections'] });
        } catch (e) {
          message.error(e instanceof ApiError ? e.message : t('errors.network'));
          throw e;
        }
      },
    });
  };

  return (
    <Card
      title={t('grev.corrections.title')}
      data-testid="grade-corrections"
      extra={
        can('grades.enter') && (
          <Button type="primary" onClick={() => setFormOpen(true)} data-testid="correction-new">
            {t('grev.corrections.new')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('grev.corrections.help')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select<number | undefined>
          allowClear
          placeholder={t('grev.corrections.term')}
          style={{ width: 220 }}
          value={termId}
          onChange={(v) => set({ termId: v })}
          options={termOptions}
        />
        <Select<Status | undefined>
          allowClear
          placeholder={t('grev.corrections.allStatuses')}
          style={{ width: 160 }}
          value={status}
          onChange={(v) => set({ status: v })}
          options={GRADE_CORRECTION_STATUSES.map((s) => ({ value: s, label: t(`grev.status.${s}`) }))}
          data-testid="corrections-status"
        />
      </Space>
      <QueryTable<GradeCorrectionDetail, Paged<GradeCorrectionDetail>>
        query={query}
        rowKey="id"
        size="middle"
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize,
          total: query.data?.total,
          showTotal: (n) => t('common.total', { total: n }),
          onChange: (p, s) => set({ page: p, pageSize: s }),
        }}
        columns={[
          { title: t('grev.corrections.student'), render: (_, c) => `${c.studentName}（${c.studentCode}）` },
          { title: t('grev.corrections.course'), render: (_, c) => `${c.courseCode} ${c.courseName}` },
          { title: t('grev.corrections.term'), dataIndex: 'termName' },
          {
            title: `${t('grev.corrections.before')} → ${t('grev.corrections.after')}`,
            render: (_, c) => `${entryText(c.before, lang)} → ${entryText(c.after, lang)}`,
          },
          { title: t('grev.corrections.reason'), dataIndex: 'reason', ellipsis: true },
          {
            title: t('grev.corrections.status'),
            render: (_, c) => <Tag color={STATUS_COLOR[c.status]}>{t(`grev.status.${c.status}`)}</Tag>,
          },
          { title: t('grev.corrections.requestedBy'), dataIndex: 'requestedByName' },
          { title: t('grev.corrections.createdAt'), render: (_, c) => formatDateTime(c.createdAt) },
          {
            title: '',
            key: 'actions',
            render: (_, c) => (
              <Space>
                <Button size="small" onClick={() => setViewing(c.id)} data-testid={`correction-view-${c.id}`}>
                  {t('grev.corrections.view')}
                </Button>
                {c.status === 'pending' && can('grades.enter') && (
                  <Button size="small" danger onClick={() => withdraw(c)}>
                    {t('grev.corrections.withdraw')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Drawer open={viewing !== null} onClose={() => setViewing(null)} width={560} title={t('grev.corrections.title')} destroyOnHidden>
        {viewing !== null && <CorrectionSummary id={viewing} divider={false} />}
      </Drawer>
      {formOpen && (
        <CorrectionForm
          initialRecordId={recordId}
          onClose={() => {
            setFormOpen(false);
            if (recordId !== undefined) set({ recordId: undefined });
          }}
        />
      )}
    </Card>
  );
}

interface FormValues {
  recordId?: number;
  entry?: string;
  components?: Partial<Record<(typeof GRADE_COMPONENTS)[number], string>>;
  reason?: string;
  attachment?: AttachmentInfo | null;
}

/** The request: which grade (its history shown), the corrected total and/or components, the reason and the evidence. */
function CorrectionForm({ initialRecordId, onClose }: { initialRecordId?: number; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const recordId = Form.useWatch('recordId', form) ?? initialRecordId;
  const history = useQuery({
    queryKey: ['grade-versions', recordId],
    queryFn: () => get<{ items: GradeRecordVersionView[] }>(`/grades/records/${recordId}/versions`),
    enabled: !!recordId,
    retry: false,
  });
  const submit = useMutation({
    mutationFn: (v: FormValues) => {
      const components = Object.fromEntries(Object.entries(v.components ?? {}).filter(([, x]) => x != null && x !== ''));
      const body: GradeCorrectionCreate = {
        recordId: v.recordId!,
        entry: v.entry || undefined,
        components: Object.keys(components).length ? components : undefined,
        reason: v.reason ?? '',
        attachmentId: v.attachment?.id,
      };
      return post<GradeCorrectionDetail>('/grades/corrections', body);
    },
    onSuccess: async () => {
      message.success(t('grev.form.submitted'));
      await qc.invalidateQueries({ queryKey: ['grade-corrections'] });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('grev.form.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('grev.form.submit')}
      confirmLoading={submit.isPending}
      destroyOnHidden
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={{ recordId: initialRecordId || undefined }}
        onFinish={(v) => submit.mutate(v)}
      >
        <Form.Item name="recordId" label={t('grev.form.recordId')} extra={t('grev.form.recordHelp')} rules={[{ required: true }]}>
          <InputNumber min={1} style={{ width: 200 }} data-testid="correction-record" />
        </Form.Item>
        {history.data && (
          <Table<GradeRecordVersionView>
            size="small"
            pagination={false}
            rowKey="version"
            style={{ marginBottom: 12 }}
            title={() => t('grev.form.history')}
            dataSource={history.data.items}
            columns={[
              { title: t('grev.corrections.version'), dataIndex: 'version', width: 60 },
              { title: t('grev.form.grade'), render: (_, v) => entryText(v.entry, lang) },
              {
                title: t('grev.form.why'),
                render: (_, v) => `${t(`grev.versionReason.${v.reason}`)}${v.note ? `：${v.note}` : ''}`,
              },
              { title: t('grev.form.by'), render: (_, v) => v.createdByName ?? '—' },
              { title: t('grev.form.at'), render: (_, v) => formatDateTime(v.createdAt) },
            ]}
          />
        )}
        <Form.Item name="entry" label={t('grev.form.entry')} extra={t('grev.form.entryHelp')}>
          <Input maxLength={40} style={{ width: 200 }} data-testid="correction-entry" />
        </Form.Item>
        <Space wrap>
          {GRADE_COMPONENTS.map((c) => (
            <Form.Item key={c} name={['components', c]} label={GRADE_WORDS.component[c][lang]}>
              <Input maxLength={40} style={{ width: 100 }} data-testid={`correction-component-${c}`} />
            </Form.Item>
          ))}
        </Space>
        <Form.Item name="reason" label={t('grev.form.reason')} rules={[{ required: true }]}>
          <Input.TextArea rows={3} maxLength={1000} showCount data-testid="correction-reason" />
        </Form.Item>
        <Form.Item name="attachment" label={t('grev.form.evidence')} initialValue={null}>
          <AttachmentPicker testId="correction-evidence-upload" />
        </Form.Item>
      </Form>
      {submit.isError && <Alert type="error" showIcon title={submit.error.message} data-testid="correction-error" />}
    </Modal>
  );
}
