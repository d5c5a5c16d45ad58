import { App, Button, Form, InputNumber, Modal, Select } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ExamItem } from '@jiaowu/contracts';
import { ApiSelect } from '../../../components/ApiSelect.tsx';
import { useErrorReason } from '../../../components/QueryState.tsx';
import { showApiFieldErrors } from '../../../lib/form-errors.ts';
import { useLabels } from '../../../i18n/labels.ts';
import { examsApi } from './api.ts';

interface Values {
  courseId?: number;
  teachingClassId?: number;
  durationMin: number;
  roomType?: string;
}

/** Adds an exam (a course, or one class of it) or edits one's duration and room type. */
export function ExamFormModal({
  planId,
  termId,
  exam,
  onClose,
  onSaved,
}: {
  planId: number;
  termId: number;
  exam: ExamItem | 'new' | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reason = useErrorReason();
  const labels = useLabels();
  const [form] = Form.useForm<Values>();
  const isNew = exam === 'new';
  const courseId = Form.useWatch('courseId', form);
  const save = useMutation({
    mutationFn: (v: Values) => {
      const roomType = v.roomType ?? null;
      if (isNew)
        return examsApi.addExam(planId, {
          courseId: v.courseId!,
          teachingClassId: v.teachingClassId ?? null,
          durationMin: v.durationMin,
          roomType,
        });
      return examsApi.patchExam(planId, (exam as ExamItem).id, { durationMin: v.durationMin, roomType });
    },
    onSuccess: () => {
      void message.success(isNew ? t('exams.list.added') : t('exams.list.saved'));
      form.resetFields();
      onSaved();
    },
    onError: (e) => {
      if (!showApiFieldErrors(form, e)) void message.error(reason(e));
    },
  });
  return (
    <Modal
      open={exam !== null}
      title={isNew ? t('exams.list.addTitle') : t('exams.list.editTitle')}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="exam-form-ok">
          {isNew ? t('exams.list.add') : t('exams.list.edit')}
        </Button>
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={
          exam && exam !== 'new' ? { durationMin: exam.durationMin, roomType: exam.roomType ?? undefined } : { durationMin: 120 }
        }
        onFinish={(v) => save.mutate(v)}
      >
        {isNew && (
          <>
            <Form.Item name="courseId" label={t('exams.list.course')} rules={[{ required: true, message: t('exams.list.course') }]}>
              <ApiSelect path="/courses" style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="teachingClassId" label={t('exams.list.klass')}>
              <ApiSelect path="/teaching-classes" filters={{ termId, courseId }} disabled={!courseId} style={{ width: '100%' }} />
            </Form.Item>
          </>
        )}
        <Form.Item name="durationMin" label={t('exams.list.duration')}>
          <InputNumber min={15} max={480} step={10} precision={0} addonAfter={t('exams.list.minutes', { n: '' }).trim()} />
        </Form.Item>
        <Form.Item name="roomType" label={t('exams.list.roomType')}>
          <Select allowClear placeholder={t('exams.list.anyRoom')} options={labels.enumOptions('roomType')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
