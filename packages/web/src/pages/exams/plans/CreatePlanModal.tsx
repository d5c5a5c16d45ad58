import { Button, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Space, App } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import { EXAM_PLAN_KINDS, examPlanInput, type ExamPlanInput } from '@jiaowu/contracts';
import { useErrorReason } from '../../../components/QueryState.tsx';
import { useLabels } from '../../../i18n/labels.ts';
import { showApiFieldErrors, validateWith } from '../../../lib/form-errors.ts';
import { useTerms } from '../../../lib/terms.ts';
import { examsApi } from './api.ts';

/** The four sessions most schools hold a day; the office edits them per plan. */
const DEFAULT_SESSIONS = [
  { start: '08:30', end: '10:30' },
  { start: '10:50', end: '12:50' },
  { start: '14:30', end: '16:30' },
  { start: '19:00', end: '21:00' },
];

interface Values {
  name: string;
  kind: ExamPlanInput['kind'];
  sourceTermId?: number;
  startDate?: Dayjs;
  endDate?: Dayjs;
  dailySessions: { start: string; end: string }[];
  includeWeekends: boolean;
  allowRoomSharing: boolean;
  maxExamsPerDay: number;
  defaultDuration: number;
}

/** The form that opens a plan; checked with the server's schema, errors shown at their fields. */
export function CreatePlanModal({
  open,
  termId,
  onClose,
  onCreated,
}: {
  open: boolean;
  termId: number;
  onClose: () => void;
  onCreated: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const labels = useLabels();
  const reason = useErrorReason();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  // 补考 is usually held at the start of the next term, for the term before it.
  const { options: termOptions } = useTerms();
  const create = useMutation({
    mutationFn: (body: ExamPlanInput) => examsApi.createPlan(body),
    onSuccess: () => {
      form.resetFields();
      onCreated();
    },
    onError: (e) => {
      if (!showApiFieldErrors(form, e)) void message.error(reason(e));
    },
  });
  const submit = (v: Values) => {
    const body = {
      ...v,
      sourceTermId: v.kind === 'makeup' ? v.sourceTermId : undefined,
      termId,
      startDate: v.startDate?.format('YYYY-MM-DD'),
      endDate: v.endDate?.format('YYYY-MM-DD'),
    };
    const parsed = validateWith(form, examPlanInput, body, labels);
    if (parsed) create.mutate(parsed);
  };
  return (
    <Modal
      open={open}
      title={t('exams.plans.create')}
      onCancel={onClose}
      width={620}
      destroyOnHidden
      footer={
        <Button type="primary" loading={create.isPending} onClick={() => form.submit()} data-testid="exam-plan-create-ok">
          {t('exams.plans.create')}
        </Button>
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          kind: 'final',
          dailySessions: DEFAULT_SESSIONS,
          includeWeekends: false,
          allowRoomSharing: false,
          maxExamsPerDay: 2,
          defaultDuration: 120,
        }}
      >
        <Form.Item name="name" label={t('exams.plans.name')}>
          <Input maxLength={100} data-testid="exam-plan-name" />
        </Form.Item>
        <Form.Item name="kind" label={t('exams.plans.kind')}>
          <Radio.Group
            options={EXAM_PLAN_KINDS.map((k) => ({ value: k, label: t(`exams.plans.kinds.${k}`) }))}
            data-testid="exam-plan-kind"
          />
        </Form.Item>
        {kind === 'makeup' && (
          <Form.Item name="sourceTermId" label={t('exams.makeup.sourceTerm')} extra={t('exams.makeup.sourceTermHelp')} required>
            <Select<number>
              options={termOptions.filter((o) => o.value !== termId)}
              placeholder={t('exams.makeup.sourceTermPick')}
              style={{ maxWidth: 320 }}
              data-testid="exam-plan-source-term"
            />
          </Form.Item>
        )}
        <Space wrap>
          <Form.Item name="startDate" label={t('exams.plans.startDate')}>
            <DatePicker data-testid="exam-plan-start" />
          </Form.Item>
          <Form.Item name="endDate" label={t('exams.plans.endDate')}>
            <DatePicker data-testid="exam-plan-end" />
          </Form.Item>
        </Space>
        <Form.List name="dailySessions">
          {(fields, ops, { errors }) => (
            <Form.Item label={t('exams.plans.sessions')} required>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                  <Form.Item name={[f.name, 'start']} style={{ marginBottom: 8 }}>
                    <Input style={{ width: 90 }} placeholder="08:30" data-testid={`exam-session-start-${f.name}`} />
                  </Form.Item>
                  <span>–</span>
                  <Form.Item name={[f.name, 'end']} style={{ marginBottom: 8 }}>
                    <Input style={{ width: 90 }} placeholder="10:30" data-testid={`exam-session-end-${f.name}`} />
                  </Form.Item>
                  <Button type="link" danger disabled={fields.length <= 1} onClick={() => ops.remove(f.name)}>
                    {t('exams.plans.sessionRemove')}
                  </Button>
                </Space>
              ))}
              <Button size="small" disabled={fields.length >= 6} onClick={() => ops.add({ start: '', end: '' })}>
                {t('exams.plans.sessionAdd')}
              </Button>
              <Form.ErrorList errors={errors} />
            </Form.Item>
          )}
        </Form.List>
        <Form.Item name="includeWeekends" valuePropName="checked" style={{ marginBottom: 4 }}>
          <Checkbox>{t('exams.plans.includeWeekends')}</Checkbox>
        </Form.Item>
        <Form.Item name="allowRoomSharing" valuePropName="checked">
          <Checkbox>{t('exams.plans.allowRoomSharing')}</Checkbox>
        </Form.Item>
        <Space wrap>
          <Form.Item name="maxExamsPerDay" label={t('exams.plans.maxExamsPerDay')}>
            <InputNumber min={1} max={4} precision={0} />
          </Form.Item>
          <Form.Item name="defaultDuration" label={t('exams.plans.defaultDuration')}>
            <InputNumber min={15} max={480} step={10} precision={0} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
