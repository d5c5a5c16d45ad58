import { useState } from 'react';
import { Alert, Button, Card, InputNumber, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { DEFAULT_COMPONENT_RULES, validateComponentWeights } from '@jiaowu/contracts/grades-core';
import { GRADE_COMPONENTS, GRADE_SCALES, GRADE_WORDS, type ComponentWeight, type GradingScheme } from '@jiaowu/contracts';
import { useGradeLocale, useIssueText } from './issue-text.ts';

/**
 * 记分方式 before entry starts: the scale and, for 百分制, each component's weight, checked as
 * the server checks them (sum 100 %, the office's limits such as 期末 at least 50 %).
 */
export function SchemeEditor({
  scheme,
  onSave,
  saving,
}: {
  scheme: GradingScheme;
  onSave: (s: GradingScheme) => Promise<void>;
  saving: boolean;
}) {
  const { t } = useTranslation();
  const locale = useGradeLocale();
  const issueText = useIssueText();
  const [draft, setDraft] = useState<GradingScheme>(scheme);
  const weights = draft.components;
  const issues = draft.scale === 'percent' && weights.length ? validateComponentWeights(weights, DEFAULT_COMPONENT_RULES) : [];
  const setWeights = (components: ComponentWeight[]) => setDraft({ ...draft, components });
  const unused = GRADE_COMPONENTS.filter((c) => !weights.some((w) => w.component === c));
  const sum = weights.reduce((s, w) => s + w.weight, 0);
  return (
    <Card size="small" title={t('grades.scheme.title')} data-testid="scheme-editor" style={{ marginBottom: 12 }}>
      <Typography.Paragraph type="secondary">{t('grades.scheme.help')}</Typography.Paragraph>
      <Space wrap align="start">
        <span>{t('grades.scheme.scale')}</span>
        <Select
          style={{ width: 160 }}
          value={draft.scale}
          onChange={(scale) => setDraft({ ...draft, scale, components: scale === 'percent' ? draft.components : [] })}
          options={GRADE_SCALES.map((s) => ({ value: s, label: GRADE_WORDS.scale[s][locale] }))}
          data-testid="scheme-scale"
        />
      </Space>
      {draft.scale === 'percent' && (
        <div style={{ marginTop: 12 }}>
          {weights.map((w, i) => (
            <Space key={w.component} style={{ display: 'flex', marginBottom: 8 }}>
              <span style={{ width: 80, display: 'inline-block' }}>{GRADE_WORDS.component[w.component][locale]}</span>
              <InputNumber
                min={0}
                max={100}
                precision={0}
                value={w.weight}
                addonAfter="%"
                onChange={(v) => setWeights(weights.map((x, j) => (j === i ? { ...x, weight: v ?? 0 } : x)))}
                data-testid={`scheme-weight-${w.component}`}
              />
              <Button
                icon={<DeleteOutlined />}
                onClick={() => setWeights(weights.filter((_, j) => j !== i))}
                aria-label={t('common.remove')}
              />
            </Space>
          ))}
          <Space wrap>
            {unused.map((c) => (
              <Button key={c} size="small" icon={<PlusOutlined />} onClick={() => setWeights([...weights, { component: c, weight: 0 }])}>
                {GRADE_WORDS.component[c][locale]}
              </Button>
            ))}
            <Typography.Text type={sum === 100 ? 'success' : 'danger'}>{t('grades.scheme.sum', { sum })}</Typography.Text>
          </Space>
        </div>
      )}
      {issues.length > 0 && (
        <Alert
          type="error"
          style={{ marginTop: 12 }}
          message={issues.map((i) => (
            <div key={`${i.code}-${String(i.params.component)}`}>{issueText(i)}</div>
          ))}
        />
      )}
      <div style={{ marginTop: 12 }}>
        <Button type="primary" disabled={issues.length > 0} loading={saving} onClick={() => void onSave(draft)} data-testid="scheme-save">
          {t('grades.scheme.save')}
        </Button>
      </div>
    </Card>
  );
}
