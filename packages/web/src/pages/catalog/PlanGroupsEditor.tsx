import { App, Button, Card, Drawer, Form, Grid, Input, InputNumber, Select, Space } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { curriculumPlanPatch, type CurriculumPlan } from '@jiaowu/contracts';
import { ApiError } from '../../api/client.ts';
import { plans } from '../../api/modules.ts';
import { ApiSelect } from '../../components/ApiSelect.tsx';
import { useLabels } from '../../i18n/labels.ts';
import { clearErrorsOnEdit, showApiFieldErrors, validateWith } from '../../lib/form-errors.ts';

/** Edits the groups of a plan: name, kind, minimum credits, and the courses with their recommended term. */
export function PlanGroupsEditor({ plan, onClose }: { plan: CurriculumPlan; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const screens = Grid.useBreakpoint();
  const initial = {
    totalCredits: plan.totalCredits,
    groups: plan.groups.map((g) => ({
      name: g.name,
      kind: g.kind,
      minCredits: g.minCredits,
      courses: g.courses.map((c) => ({ courseId: c.courseId, term: c.term })),
    })),
  };
  const save = async () => {
    const parsed = validateWith(form, curriculumPlanPatch, form.getFieldsValue(true), labels);
    if (!parsed) return message.error(t('form.fixErrors'));
    try {
      qc.setQueryData(['plan', plan.id], await plans.update(plan.id, parsed));
      message.success(t('common.saved'));
      onClose();
    } catch (e) {
      showApiFieldErrors(form, e);
      message.error(e instanceof ApiError ? e.message : t('errors.network'));
    }
  };
  return (
    <Drawer
      open
      onClose={onClose}
      size={screens.md === false ? '100%' : 760}
      title={t('plans.editGroups')}
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
    >
      <Form form={form} layout="vertical" initialValues={initial} onValuesChange={clearErrorsOnEdit(form)}>
        <Form.Item name="totalCredits" label={t('plans.totalCredits')}>
          <Input style={{ width: 160 }} placeholder={t('shell.example', { example: '160' })} />
        </Form.Item>
        <Form.List name="groups">
          {(groups, { add, remove }) => (
            <>
              {groups.map((g) => (
                <Card
                  key={g.key}
                  size="small"
                  style={{ marginBottom: 12 }}
                  extra={<Button size="small" icon={<DeleteOutlined />} onClick={() => remove(g.name)} aria-label={t('common.remove')} />}
                  title={
                    <Space>
                      <Form.Item name={[g.name, 'name']} noStyle>
                        <Input placeholder={t('plans.groupName')} style={{ width: 200 }} />
                      </Form.Item>
                      <Form.Item name={[g.name, 'kind']} noStyle>
                        <Select style={{ width: 100 }} options={labels.enumOptions('planGroupKind')} />
                      </Form.Item>
                      <Form.Item name={[g.name, 'minCredits']} noStyle>
                        <Input placeholder={t('plans.minCredits')} style={{ width: 100 }} />
                      </Form.Item>
                    </Space>
                  }
                >
                  <Form.List name={[g.name, 'courses']}>
                    {(items, { add: addCourse, remove: removeCourse }) => (
                      <>
                        {items.map((it) => (
                          <Space key={it.key} style={{ display: 'flex' }} align="start">
                            <Form.Item name={[it.name, 'courseId']} style={{ marginBottom: 6 }}>
                              <ApiSelect path="/courses" style={{ width: 360 }} />
                            </Form.Item>
                            <Form.Item name={[it.name, 'term']} style={{ marginBottom: 6 }}>
                              <InputNumber min={1} max={8} prefix={t('plans.termShort')} />
                            </Form.Item>
                            <Button icon={<DeleteOutlined />} onClick={() => removeCourse(it.name)} aria-label={t('common.remove')} />
                          </Space>
                        ))}
                        <Button size="small" icon={<PlusOutlined />} onClick={() => addCourse({ term: 1 })}>
                          {t('plans.addCourse')}
                        </Button>
                      </>
                    )}
                  </Form.List>
                </Card>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ name: '', kind: 'required', courses: [] })}>
                {t('plans.addGroup')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
