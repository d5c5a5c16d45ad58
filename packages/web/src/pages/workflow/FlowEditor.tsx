import { App, Button, Card, Drawer, Form, Input, InputNumber, Select, Space } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CONDITION_FIELDS, CONDITION_OPERATORS, OPERATOR_WORDS, flowInput, type FlowDetail, type FlowStep } from '@jiaowu/contracts';
import { ApiError } from '../../api/client.ts';
import { workflow } from '../../api/modules.ts';
import { ApiSelect } from '../../components/ApiSelect.tsx';
import { currentLang } from '../../i18n/index.ts';
import { useLabels } from '../../i18n/labels.ts';
import { apiFieldErrors, zodFieldErrors, clearErrorsOnEdit } from '../../lib/form-errors.ts';
import { ApproverInput } from './ApproverInput.tsx';

interface StepValues extends Omit<FlowStep, 'condition' | 'fallback'> {
  condition?: { field?: string; op?: string; value?: string };
  fallback?: FlowStep['approver'] | { kind: 'none' };
}

const toValue = (s: string): string | number | boolean =>
  s === 'true' ? true : s === 'false' ? false : s.trim() !== '' && !Number.isNaN(Number(s)) ? Number(s) : s;

/** Edits the steps of a flow; saving PUTs a new version. */
export function FlowEditor({ flow, onClose }: { flow: FlowDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const initial = {
    nameZh: flow.nameZh,
    nameEn: flow.nameEn,
    descriptionZh: flow.descriptionZh,
    descriptionEn: flow.descriptionEn,
    steps: flow.steps.map((s) => ({
      ...s,
      condition: s.condition ? { ...s.condition, value: String(s.condition.value) } : { field: '' },
      fallback: s.fallback ?? { kind: 'none' },
    })),
  };
  const save = async () => {
    const v = form.getFieldsValue(true) as {
      nameZh: string;
      nameEn: string;
      descriptionZh?: string;
      descriptionEn?: string;
      steps: StepValues[];
    };
    const body = {
      ...v,
      steps: v.steps.map((s) => ({
        ...s,
        condition: s.condition?.field ? { field: s.condition.field, op: s.condition.op, value: toValue(s.condition.value ?? '') } : null,
        fallback: !s.fallback || s.fallback.kind === 'none' ? null : s.fallback,
      })),
    };
    const parsed = flowInput.safeParse(body);
    if (!parsed.success) {
      form.setFields(zodFieldErrors(parsed.error, labels));
      message.error(t('form.fixErrors'));
      return;
    }
    try {
      const saved = await workflow.putFlow(flow.key, parsed.data);
      message.success(t('wf.savedVersion', { version: saved.version }));
      await qc.invalidateQueries({ queryKey: ['flow', flow.key] });
      await qc.invalidateQueries({ queryKey: ['flow-diagram', flow.key] });
      await qc.invalidateQueries({ queryKey: ['flows'] });
      onClose();
    } catch (e) {
      form.setFields(apiFieldErrors(e));
      message.error(e instanceof ApiError ? e.message : t('errors.network'));
    }
  };
  return (
    <Drawer
      open
      onClose={onClose}
      size={760}
      title={t('wf.editSteps')}
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" onClick={() => void save()} data-testid="save-flow">
            {t('wf.saveVersion')}
          </Button>
        </Space>
      }
    >
      <Form form={form} onValuesChange={clearErrorsOnEdit(form)} layout="vertical" initialValues={initial}>
        <Space wrap>
          <Form.Item name="nameZh" label={t('roles.nameZh')}>
            <Input style={{ width: 300 }} />
          </Form.Item>
          <Form.Item name="nameEn" label={t('roles.nameEn')}>
            <Input style={{ width: 300 }} />
          </Form.Item>
        </Space>
        <Form.Item name="descriptionZh" label={t('flowsx.descriptionZh')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="descriptionEn" label={t('flowsx.descriptionEn')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.List name="steps">
          {(items, { add, remove }) => (
            <>
              {items.map((it, i) => (
                <Card
                  key={it.key}
                  size="small"
                  title={`${i + 1}`}
                  style={{ marginBottom: 12 }}
                  extra={<Button size="small" icon={<DeleteOutlined />} onClick={() => remove(it.name)} aria-label={t('common.remove')} />}
                >
                  <Space wrap>
                    <Form.Item name={[it.name, 'nameZh']} label={t('wf.stepNameZh')}>
                      <Input style={{ width: 260 }} />
                    </Form.Item>
                    <Form.Item name={[it.name, 'nameEn']} label={t('wf.stepNameEn')}>
                      <Input style={{ width: 260 }} />
                    </Form.Item>
                    <Form.Item name={[it.name, 'deadlineDays']} label={t('wf.deadlineDays')}>
                      <InputNumber min={1} max={60} />
                    </Form.Item>
                  </Space>
                  <ApproverInput name={[it.name, 'approver']} label={t('wf.approver')} />
                  <ConditionInput flowKey={flow.key} name={it.name} />
                  <ApproverInput name={[it.name, 'fallback']} label={t('wf.fallback')} allowNone />
                </Card>
              ))}
              <Button
                icon={<PlusOutlined />}
                onClick={() =>
                  add({
                    nameZh: '',
                    nameEn: '',
                    deadlineDays: 3,
                    approver: { kind: 'role', role: 'office', scope: 'all' },
                    condition: { field: '' },
                    fallback: { kind: 'none' },
                  })
                }
              >
                {t('wf.addStep')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}

/**
 * A step's condition as words: the field by its label (容量, 学院 …), the
 * comparison in words (大于, 为 …), and the value — a college picked by name
 * where the field holds a college.
 */
function ConditionInput({ flowKey, name }: { flowKey: string; name: number }) {
  const { t } = useTranslation();
  const lang = currentLang();
  const fields = CONDITION_FIELDS[flowKey] ?? {};
  const field = Form.useWatch(['steps', name, 'condition', 'field']) as string | undefined;
  const spec = field ? fields[field] : undefined;
  // A field saved by hand (not declared for this flow) stays choosable under its own name.
  const options = [
    { value: '', label: t('flowsx.noCondition') },
    ...Object.entries(fields).map(([key, f]) => ({ value: key, label: f.label[lang] })),
    ...(field && !spec ? [{ value: field, label: field }] : []),
  ];
  return (
    <Space wrap>
      <Form.Item name={[name, 'condition', 'field']} label={t('flowsx.conditionField')}>
        <Select style={{ width: 180 }} options={options} data-testid="condition-field" />
      </Form.Item>
      {field && (
        <>
          <Form.Item name={[name, 'condition', 'op']} label={t('wf.op')}>
            <Select style={{ width: 140 }} options={CONDITION_OPERATORS.map((o) => ({ value: o, label: OPERATOR_WORDS[o][lang] }))} />
          </Form.Item>
          <Form.Item
            name={[name, 'condition', 'value']}
            label={t('flowsx.conditionValue')}
            // The college picker gives a number; the form keeps every value as text (see toValue).
            getValueProps={(v: unknown) => ({ value: spec?.ref === 'college' && v !== undefined && v !== '' ? Number(v) : v })}
            normalize={(v: unknown) => (v === undefined || v === null ? '' : String(v))}
          >
            {spec?.ref === 'college' ? <ApiSelect path="/colleges" style={{ width: 240 }} /> : <Input style={{ width: 160 }} />}
          </Form.Item>
        </>
      )}
    </Space>
  );
}
