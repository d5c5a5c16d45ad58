import { useState } from 'react';
import { Alert, App, Button, Form, InputNumber, Modal, Radio, Select } from 'antd';
import type { ButtonProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { EXAM_PAPER_COPIES_MAX, EXAM_PAPER_VERSIONS, type ExamPaperInput } from '@jiaowu/contracts';
import { ApiError } from '../../../api/client.ts';
import { examPapers } from '../../../api/exam-papers.ts';
import { clearErrorsOnEdit, showApiFieldErrors } from '../../../lib/form-errors.ts';
import { useTerms } from '../../../lib/terms.ts';
import { examsApi } from '../plans/api.ts';

interface Values {
  termId?: number;
  planId?: number;
  examId?: number;
  version?: ExamPaperInput['version'];
  copies?: number;
}

/**
 * 登记试卷: the office (or an author) registers a paper of one of the term's exams — plan, exam,
 * version A/B and copies (the exam's candidates by default). The registering user is its author;
 * its first handover (review) is recorded on the paper's page.
 */
export function PaperRegisterButton({ termId }: { termId?: number }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="paper-register">
        {t('exampapers.register.open')}
      </Button>
      {open && <PaperRegisterModal termId={termId} onClose={() => setOpen(false)} />}
    </>
  );
}

function PaperRegisterModal({ termId: pageTerm, onClose }: { termId?: number; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const { options: terms, current } = useTerms();
  const termId = Form.useWatch('termId', form) ?? pageTerm ?? current?.id;
  const planId = Form.useWatch('planId', form);
  const plans = useQuery({ queryKey: ['exam-plans', termId], queryFn: () => examsApi.plans(termId!), enabled: termId !== undefined });
  const exams = useQuery({
    queryKey: ['exam-plan-exams', planId, 'all'],
    queryFn: () => examsApi.exams(planId!, { pageSize: 200 }),
    enabled: planId !== undefined,
  });
  const create = useMutation({
    mutationFn: (body: ExamPaperInput) => examPapers.create(body),
    onSuccess: async () => {
      message.success(t('exampapers.register.done'));
      await qc.invalidateQueries({ queryKey: ['exam-papers'] });
      onClose();
    },
    onError: (e) => showApiFieldErrors(form, e),
  });
  const required = (what: string) => [{ required: true, message: t('exampapers.register.required', { field: what }) }];
  const submit = () =>
    void form
      .validateFields()
      .then((v) => create.mutate({ examId: v.examId!, version: v.version!, copies: v.copies! }))
      .catch(() => undefined);
  const failed = create.error instanceof ApiError && create.error.fields.length === 0 ? create.error.message : null;

  return (
    <Modal
      open
      title={t('exampapers.register.title')}
      okText={t('exampapers.register.submit')}
      onOk={submit}
      confirmLoading={create.isPending}
      onCancel={onClose}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'paper-register-submit' } as ButtonProps}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ version: 'A' }}
        onValuesChange={clearErrorsOnEdit(form)}
        data-testid="paper-register-form"
      >
        <Form.Item label={t('exampapers.register.term')} name="termId" initialValue={pageTerm ?? current?.id}>
          <Select
            options={terms}
            onChange={() => form.setFieldsValue({ planId: undefined, examId: undefined })}
            data-testid="paper-register-term"
          />
        </Form.Item>
        <Form.Item label={t('exampapers.register.plan')} name="planId" rules={required(t('exampapers.register.plan'))}>
          <Select
            loading={plans.isLoading}
            options={(plans.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
            notFoundContent={plans.isError ? t('exampapers.register.loadFailed') : t('exampapers.register.noPlans')}
            onChange={() => form.setFieldsValue({ examId: undefined })}
            data-testid="paper-register-plan"
          />
        </Form.Item>
        <Form.Item label={t('exampapers.course')} name="examId" rules={required(t('exampapers.course'))}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={exams.isLoading}
            disabled={planId === undefined}
            options={(exams.data?.items ?? []).map((e) => ({
              value: e.id,
              label: `${e.courseCode} ${e.courseName}${e.teachingClassCode ? `（${e.teachingClassCode}）` : `（${t('exampapers.register.unified')}）`}`,
            }))}
            notFoundContent={exams.isError ? t('exampapers.register.loadFailed') : t('exampapers.register.noExams')}
            onChange={(id: number) => {
              const exam = exams.data?.items.find((e) => e.id === id);
              if (exam && exam.students > 0) form.setFieldsValue({ copies: exam.students });
            }}
            data-testid="paper-register-exam"
          />
        </Form.Item>
        <Form.Item label={t('exampapers.version')} name="version" rules={required(t('exampapers.version'))}>
          <Radio.Group
            options={EXAM_PAPER_VERSIONS.map((v) => ({ value: v, label: t('exampapers.register.versionOf', { version: v }) }))}
            data-testid="paper-register-version"
          />
        </Form.Item>
        <Form.Item
          label={t('exampapers.copies')}
          name="copies"
          extra={t('exampapers.register.copiesHelp')}
          rules={[
            ...required(t('exampapers.copies')),
            {
              type: 'integer',
              min: 1,
              max: EXAM_PAPER_COPIES_MAX,
              message: t('exampapers.register.copiesRange', { max: EXAM_PAPER_COPIES_MAX }),
            },
          ]}
        >
          <InputNumber style={{ width: 160 }} data-testid="paper-register-copies" />
        </Form.Item>
      </Form>
      {failed && <Alert type="error" showIcon title={failed} data-testid="paper-register-error" />}
    </Modal>
  );
}
