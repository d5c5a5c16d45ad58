import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, InputNumber, Radio, Select, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { EXAM_PAPER_CODE_TTL_MIN, EXAM_PAPER_COUNTED_STEPS, type ExamPaper, type ExamPaperRecord } from '@jiaowu/contracts';
import { ApiError } from '../../../api/client.ts';
import { examPapers } from '../../../api/exam-papers.ts';
import { showApiFieldErrors } from '../../../lib/form-errors.ts';

interface Values {
  receiverUserId?: number;
  place?: string;
  copies?: number;
  returned?: number;
  used?: number;
  note?: string;
  correctsId?: number;
}

/**
 * 记录下一环节: the next step of the chain, given by the signed-in user (the server checks the
 * order, the counts and who may receive), or a correction of an earlier record. After a handover
 * the one-time code is shown once, for the receiver to type on this screen or to confirm in the app.
 */
export function HandoverForm({ paper, records, onRecorded }: { paper: ExamPaper; records: ExamPaperRecord[]; onRecorded: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [mode, setMode] = useState<'next' | 'correction'>(paper.nextStep ? 'next' : 'correction');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [code, setCode] = useState<string | null>(null);
  const receivers = useQuery({ queryKey: ['exam-paper-receivers', paper.id], queryFn: () => examPapers.receivers(paper.id) });
  const step = mode === 'next' ? paper.nextStep : null;
  const counted = step !== null && EXAM_PAPER_COUNTED_STEPS.includes(step);

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    setFailure(null);
    try {
      const res = await examPapers.handover(paper.id, {
        kind: step === null || step === 'drafted' ? 'correction' : step,
        receiverUserId: step ? v.receiverUserId : null,
        place: v.place ?? '',
        copies: step === 'collected' ? null : (v.copies ?? null),
        returned: v.returned ?? null,
        used: v.used ?? null,
        note: v.note ?? '',
        correctsId: step ? null : v.correctsId,
      });
      message.success(t('exampapers.saved'));
      setCode(res.oneTimeCode);
      form.resetFields();
      onRecorded();
    } catch (e) {
      showApiFieldErrors(form, e);
      setFailure(e instanceof ApiError ? e.message : t('errors.network'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      title={step ? t('exampapers.recordNext', { step: t(`exampapers.steps.${step}`) }) : t('exampapers.recordCorrection')}
      data-testid="handover-form"
    >
      {code && (
        <Alert
          type="info"
          showIcon
          closable
          onClose={() => setCode(null)}
          style={{ marginBottom: 12 }}
          title={<span data-testid="one-time-code">{t('exampapers.codeShown', { code })}</span>}
          description={t('exampapers.codeShownHelp', { minutes: EXAM_PAPER_CODE_TTL_MIN })}
        />
      )}
      {!paper.nextStep && <Typography.Paragraph type="secondary">{t('exampapers.archivedDone')}</Typography.Paragraph>}
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 12 }} data-testid="handover-error" />}
      {paper.nextStep && (
        <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as 'next' | 'correction')} style={{ marginBottom: 12 }}>
          <Radio.Button value="next">{t(`exampapers.steps.${paper.nextStep}`)}</Radio.Button>
          <Radio.Button value="correction">{t('exampapers.recordCorrection')}</Radio.Button>
        </Radio.Group>
      )}
      <Form form={form} layout="vertical" style={{ maxWidth: 520 }}>
        {step ? (
          <Form.Item
            name="receiverUserId"
            label={t('exampapers.receiver')}
            rules={[{ required: true, message: t('exampapers.pickReceiver') }]}
          >
            <Select
              showSearch
              optionFilterProp="label"
              loading={receivers.isLoading}
              options={(receivers.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
              data-testid="handover-receiver"
            />
          </Form.Item>
        ) : (
          <Form.Item name="correctsId" label={t('exampapers.corrects')} rules={[{ required: true }]}>
            <Select
              options={records
                .filter((r) => r.kind !== 'correction')
                .map((r) => ({ value: r.id, label: `${r.seq}. ${t(`exampapers.steps.${r.kind}`)}` }))}
              data-testid="handover-corrects"
            />
          </Form.Item>
        )}
        <Form.Item name="place" label={t('exampapers.place')}>
          <Input maxLength={200} data-testid="handover-place" />
        </Form.Item>
        {(step === 'collected' || !step) && (
          <>
            <Form.Item name="returned" label={t('exampapers.returned')} rules={step ? [{ required: true }] : []}>
              <InputNumber min={0} precision={0} data-testid="handover-returned" />
            </Form.Item>
            <Form.Item name="used" label={t('exampapers.used')} rules={step ? [{ required: true }] : []}>
              <InputNumber min={0} precision={0} data-testid="handover-used" />
            </Form.Item>
          </>
        )}
        {(counted && step !== 'collected') || !step ? (
          <Form.Item name="copies" label={t('exampapers.handedCopies')} rules={counted ? [{ required: true }] : []}>
            <InputNumber min={0} precision={0} data-testid="handover-copies" />
          </Form.Item>
        ) : null}
        <Form.Item name="note" label={t('exampapers.note')} rules={step ? [] : [{ required: true }]}>
          <Input.TextArea maxLength={500} rows={2} data-testid="handover-note" />
        </Form.Item>
        <Button type="primary" loading={busy} onClick={() => void submit()} data-testid="handover-save">
          {t('exampapers.save')}
        </Button>
      </Form>
    </Card>
  );
}
