import { useState } from 'react';
import { App, InputNumber, Modal, Table, Typography, type ButtonProps } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CATALOG_LIMITS, COURSE_CATEGORIES, creditRequirement, type CourseCategory, type CurriculumPlan } from '@jiaowu/contracts';
import { ApiError } from '../../api/client.ts';
import { plans } from '../../api/modules.ts';
import { useLabels } from '../../i18n/labels.ts';

interface Row {
  category: CourseCategory;
  planned: string;
}

/**
 * The credit requirements of a plan (学分要求): for each course category the
 * minimum credits, one decimal; an empty field means no requirement. Saved as
 * the plan's `creditRequirements` (PATCH replaces the whole list); the answer
 * is the recomputed plan, so the table and the warnings follow at once.
 */
export function PlanRequirementsEditor({ plan, onClose }: { plan: CurriculumPlan; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [values, setValues] = useState<Partial<Record<CourseCategory, number | null>>>(() =>
    Object.fromEntries(plan.creditRequirements.map((r) => [r.category, Number(r.credits)])),
  );
  const [errors, setErrors] = useState<Partial<Record<CourseCategory, string>>>({});
  const [saving, setSaving] = useState(false);
  const planned = new Map(plan.creditsByCategory.map((c) => [c.category, c.planned]));
  const rows: Row[] = COURSE_CATEGORIES.map((category) => ({ category, planned: planned.get(category) ?? '0.0' }));

  const save = async () => {
    const next: Partial<Record<CourseCategory, string>> = {};
    const body: { category: CourseCategory; credits: string }[] = [];
    for (const category of COURSE_CATEGORIES) {
      const v = values[category];
      if (v === null || v === undefined) continue;
      const parsed = creditRequirement.safeParse({ category, credits: Number(v.toFixed(1)) });
      if (parsed.success) body.push(parsed.data);
      else
        next[category] = labels.fieldMessage(parsed.error.issues[0]?.message ?? 'credits_format', { max: CATALOG_LIMITS.planCreditsMax });
    }
    setErrors(next);
    if (Object.keys(next).length) return void message.error(t('form.fixErrors'));
    setSaving(true);
    try {
      qc.setQueryData(['plan', plan.id], await plans.update(plan.id, { creditRequirements: body }));
      void qc.invalidateQueries({ queryKey: ['plans'] });
      message.success(t('common.saved'));
      onClose();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : t('errors.network'));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('plans.editRequirements')}
      onOk={() => void save()}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'save-requirements' } as ButtonProps}
      width={560}
    >
      <Typography.Paragraph type="secondary">{t('plans.requirementsHint')}</Typography.Paragraph>
      <Table<Row>
        size="small"
        pagination={false}
        rowKey="category"
        dataSource={rows}
        data-testid="requirements-editor"
        columns={[
          {
            title: labels.field('courses', 'category'),
            dataIndex: 'category',
            render: (v: CourseCategory) => labels.enumLabel('courseCategory', v),
          },
          {
            title: t('plans.required'),
            dataIndex: 'category',
            key: 'required',
            width: 200,
            render: (category: CourseCategory) => (
              <>
                <InputNumber
                  min={0}
                  max={CATALOG_LIMITS.planCreditsMax}
                  step={0.5}
                  precision={1}
                  placeholder="—"
                  style={{ width: 140 }}
                  status={errors[category] ? 'error' : undefined}
                  value={values[category] ?? null}
                  onChange={(v) => setValues((old) => ({ ...old, [category]: v }))}
                  aria-label={labels.enumLabel('courseCategory', category)}
                  data-testid={`requirement-${category}`}
                />
                {errors[category] && (
                  <Typography.Text type="danger" style={{ display: 'block' }}>
                    {errors[category]}
                  </Typography.Text>
                )}
              </>
            ),
          },
          { title: t('plans.planned'), dataIndex: 'planned', width: 110, align: 'right' },
        ]}
      />
    </Modal>
  );
}
