import { useEffect } from 'react';
import { App, Button, Drawer, Form, Grid, Input, InputNumber, Select, Space, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { courseInput, type CourseItem as Course } from '@jiaowu/contracts';
import { ApiError } from '../../api/client.ts';
import { courses } from '../../api/modules.ts';
import { RefSelect } from '../../components/RefSelect.tsx';
import { useLabels } from '../../i18n/labels.ts';
import { clearErrorsOnEdit, showApiFieldErrors, validateWith } from '../../lib/form-errors.ts';
import { PrereqEditor } from './PrereqEditor.tsx';

/** Create (course undefined → null) or edit a course; credits as decimals, the three kinds of hours, prerequisites. */
export function CourseForm({ course, onClose, onSaved }: { course: Course | null | undefined; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const screens = Grid.useBreakpoint();
  const example = (v: string) => t('shell.example', { example: v });
  const f = (k: string) => labels.field('courses', k);
  useEffect(() => {
    form.resetFields();
    if (course) form.setFieldsValue(course);
  }, [course, form]);
  const save = async () => {
    const values = { ...form.getFieldsValue(true) };
    for (const k of ['departmentName', 'collegeId', 'collegeName', 'departmentCode', 'id', 'version']) delete values[k];
    const parsed = validateWith(form, courseInput, values, labels);
    if (!parsed) return message.error(t('form.fixErrors'));
    try {
      if (course) await courses.update(course.id, { ...parsed, version: course.version });
      else await courses.create(parsed);
      message.success(t('common.saved'));
      onSaved();
    } catch (e) {
      showApiFieldErrors(form, e);
      message.error(e instanceof ApiError ? e.message : t('errors.network'));
    }
  };
  return (
    <Drawer
      open={course !== undefined}
      onClose={onClose}
      size={screens.md === false ? '100%' : 620}
      title={course ? t('courses.editTitle') : t('courses.create')}
      extra={
        <Space>
          <Button onClick={onClose} data-testid="form-cancel">
            {t('common.cancel')}
          </Button>
          <Button type="primary" onClick={() => void save()} data-testid="form-save">
            {t('common.save')}
          </Button>
        </Space>
      }
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onValuesChange={clearErrorsOnEdit(form)}
        initialValues={{ lectureHours: 0, labHours: 0, practiceHours: 0, assessment: 'exam', isActive: true }}
      >
        <Space wrap>
          <Form.Item name="code" label={f('code')} required>
            <Input style={{ width: 160 }} placeholder={example('CS201')} data-testid="field-code" />
          </Form.Item>
          <Form.Item name="name" label={f('name')} required>
            <Input
              style={{ width: 340, maxWidth: '100%' }}
              placeholder={example(t('shell.examples.courseName'))}
              data-testid="field-name"
            />
          </Form.Item>
        </Space>
        <Form.Item name="nameEn" label={f('nameEn')}>
          <Input placeholder={example('Data Structures')} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="credits" label={f('credits')} required>
            <Input style={{ width: 100 }} placeholder={example('2.5')} data-testid="field-credits" />
          </Form.Item>
          <Form.Item name="lectureHours" label={f('lectureHours')}>
            <InputNumber min={0} max={1000} />
          </Form.Item>
          <Form.Item name="labHours" label={f('labHours')}>
            <InputNumber min={0} max={1000} />
          </Form.Item>
          <Form.Item name="practiceHours" label={f('practiceHours')}>
            <InputNumber min={0} max={1000} />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="assessment" label={f('assessment')}>
            <Select style={{ width: 140 }} options={labels.enumOptions('assessmentType')} />
          </Form.Item>
          <Form.Item name="category" label={f('category')} required>
            <Select style={{ width: 160 }} options={labels.enumOptions('courseCategory')} data-testid="field-category" />
          </Form.Item>
          <Form.Item name="departmentId" label={f('departmentId')} required>
            <RefSelect
              resource="departments"
              currentLabel={course?.departmentName}
              style={{ width: 220 }}
              data-testid="field-departmentId"
            />
          </Form.Item>
        </Space>
        <Form.Item name="prerequisites" label={f('prerequisites')}>
          <PrereqEditor self={course?.code} />
        </Form.Item>
        <Form.Item name="description" label={f('description')}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="isActive" label={t('courses.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
