import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Form, InputNumber, Radio, Select, Space, Switch, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { FIVE_LEVELS, GPA_FORMULAS, GRADE_WORDS, SPECIAL_MARKS, type GradeRules } from '@jiaowu/contracts';
import { ApiError } from '../../api/client.ts';
import { QueryView, useErrorReason } from '../../components/QueryState.tsx';
import { gradesApi } from './api.ts';
import { useGradeLocale } from './issue-text.ts';

/** 成绩规则 — the office's grade rules (GET/PUT /api/grades/settings). Points show as 3.7, travel as hundredths. */
export function GradeRulesPage() {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: ['grade-settings'], queryFn: gradesApi.settings });
  return (
    <Card title={t('grades.rules.title')} data-testid="grade-rules">
      <Typography.Paragraph type="secondary">{t('grades.rules.help')}</Typography.Paragraph>
      <QueryView query={query}>{(rules) => <RulesForm rules={rules} />}</QueryView>
    </Card>
  );
}

const pts = (h: number | null | undefined) => (h === null || h === undefined ? null : h / 100);
const hundredths = (v: number | null | undefined) => (v === null || v === undefined ? 0 : Math.round(v * 100));

function RulesForm({ rules }: { rules: GradeRules }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorReason = useErrorReason();
  const locale = useGradeLocale();
  const qc = useQueryClient();
  const [draft, setDraft] = useState<GradeRules>(rules);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const gpa = draft.gpa;
  const setGpa = (patch: Partial<GradeRules['gpa']>) => setDraft({ ...draft, gpa: { ...gpa, ...patch } });

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      const saved = await gradesApi.saveSettings(draft);
      qc.setQueryData(['grade-settings'], saved ?? draft);
      void message.success(t('grades.rules.saved'));
    } catch (e) {
      setError(e instanceof ApiError && e.fields.length ? e.fields.map((f) => f.message).join('；') : errorReason(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form layout="vertical" style={{ maxWidth: 720 }}>
      <Form.Item label={t('grades.rules.gpaFormula')}>
        <Radio.Group
          value={gpa.formula}
          onChange={(e) => setGpa({ formula: e.target.value as GradeRules['gpa']['formula'] })}
          data-testid="rules-formula"
        >
          <Space direction="vertical">
            {GPA_FORMULAS.map((f) => (
              <Radio key={f} value={f}>
                {t(`grades.rules.formula.${f}`)}
              </Radio>
            ))}
          </Space>
        </Radio.Group>
      </Form.Item>
      {gpa.formula === 'custom' && (
        <Form.Item label={t('grades.rules.bands')}>
          {gpa.bands.map((b, i) => (
            <Space key={i} style={{ display: 'flex', marginBottom: 8 }}>
              <InputNumber
                min={0}
                max={100}
                step={0.1}
                addonBefore={t('grades.rules.bandMin')}
                value={b.minTenths / 10}
                onChange={(v) => setGpa({ bands: gpa.bands.map((x, j) => (j === i ? { ...x, minTenths: Math.round((v ?? 0) * 10) } : x)) })}
              />
              <InputNumber
                min={0}
                max={5}
                step={0.1}
                addonBefore={t('grades.rules.bandPoints')}
                value={pts(b.pointsHundredths)}
                onChange={(v) => setGpa({ bands: gpa.bands.map((x, j) => (j === i ? { ...x, pointsHundredths: hundredths(v) } : x)) })}
              />
              <Button
                icon={<DeleteOutlined />}
                onClick={() => setGpa({ bands: gpa.bands.filter((_, j) => j !== i) })}
                aria-label={t('common.remove')}
              />
            </Space>
          ))}
          <Button icon={<PlusOutlined />} onClick={() => setGpa({ bands: [...gpa.bands, { minTenths: 600, pointsHundredths: 100 }] })}>
            {t('grades.rules.addBand')}
          </Button>
        </Form.Item>
      )}
      <Form.Item label={t('grades.rules.fiveLevelPoints')}>
        <Space wrap>
          {FIVE_LEVELS.map((l) => (
            <InputNumber
              key={l}
              min={0}
              max={5}
              step={0.1}
              style={{ width: 150 }}
              addonBefore={GRADE_WORDS.fiveLevel[l][locale]}
              value={pts(gpa.fiveLevelPoints[l])}
              onChange={(v) => setGpa({ fiveLevelPoints: { ...gpa.fiveLevelPoints, [l]: hundredths(v) } })}
            />
          ))}
        </Space>
      </Form.Item>
      <Form.Item label={t('grades.rules.twoLevelInGpa')}>
        <Space wrap>
          <Switch checked={gpa.twoLevelPoints !== null} onChange={(on) => setGpa({ twoLevelPoints: on ? { pass: 300, fail: 0 } : null })} />
          {gpa.twoLevelPoints &&
            (['pass', 'fail'] as const).map((l) => (
              <InputNumber
                key={l}
                min={0}
                max={5}
                step={0.1}
                style={{ width: 160 }}
                addonBefore={GRADE_WORDS.twoLevel[l][locale]}
                value={pts(gpa.twoLevelPoints![l])}
                onChange={(v) => setGpa({ twoLevelPoints: { ...gpa.twoLevelPoints!, [l]: hundredths(v) } })}
              />
            ))}
        </Space>
      </Form.Item>
      <Form.Item label={t('grades.rules.exemptInGpa')}>
        <Space>
          <Switch checked={gpa.exemptPoints !== null} onChange={(on) => setGpa({ exemptPoints: on ? 300 : null })} />
          {gpa.exemptPoints !== null && (
            <InputNumber
              min={0}
              max={5}
              step={0.1}
              value={pts(gpa.exemptPoints)}
              onChange={(v) => setGpa({ exemptPoints: hundredths(v) })}
            />
          )}
        </Space>
      </Form.Item>
      <Form.Item label={t('grades.rules.excluded')} extra={t('grades.rules.excludedHelp')}>
        <Select
          mode="tags"
          value={gpa.excludedCategories}
          onChange={(v: string[]) => setGpa({ excludedCategories: v })}
          data-testid="rules-excluded"
        />
      </Form.Item>
      <Form.Item label={t('grades.rules.makeupCap')}>
        <Space>
          <Switch
            checked={draft.attempts.makeupCapTenths !== null}
            onChange={(on) => setDraft({ ...draft, attempts: { ...draft.attempts, makeupCapTenths: on ? 600 : null } })}
          />
          {draft.attempts.makeupCapTenths !== null ? (
            <InputNumber
              min={0}
              max={100}
              value={draft.attempts.makeupCapTenths / 10}
              onChange={(v) => setDraft({ ...draft, attempts: { ...draft.attempts, makeupCapTenths: Math.round((v ?? 60) * 10) } })}
              data-testid="rules-makeup-cap"
            />
          ) : (
            <Typography.Text type="secondary">{t('grades.rules.makeupCapNone')}</Typography.Text>
          )}
        </Space>
      </Form.Item>
      <Form.Item label={t('grades.rules.retake')}>
        <Radio.Group
          value={draft.attempts.retakeCounts}
          onChange={(e) => setDraft({ ...draft, attempts: { ...draft.attempts, retakeCounts: e.target.value as 'best' | 'latest' } })}
        >
          <Radio value="best">{t('grades.rules.retakeBest')}</Radio>
          <Radio value="latest">{t('grades.rules.retakeLatest')}</Radio>
        </Radio.Group>
      </Form.Item>
      <Form.Item label={t('grades.rules.makeupAfter')}>
        <Checkbox.Group
          value={draft.marks.makeupAllowedAfter}
          onChange={(v) => setDraft({ ...draft, marks: { makeupAllowedAfter: v as GradeRules['marks']['makeupAllowedAfter'] } })}
          options={SPECIAL_MARKS.filter((m) => m !== 'deferred' && m !== 'exempt').map((m) => ({
            value: m,
            label: GRADE_WORDS.mark[m][locale],
          }))}
        />
      </Form.Item>
      <Form.Item>
        <Space direction="vertical">
          <Space>
            <Switch
              checked={draft.showComponents}
              onChange={(v) => setDraft({ ...draft, showComponents: v })}
              data-testid="rules-show-components"
            />
            {t('grades.rules.showComponents')}
          </Space>
          <Space>
            <Switch checked={draft.showRanks} onChange={(v) => setDraft({ ...draft, showRanks: v })} data-testid="rules-show-ranks" />
            {t('grades.rules.showRanks')}
          </Space>
        </Space>
      </Form.Item>
      <Form.Item label={t('grades.rules.risk')}>
        <InputNumber
          min={1}
          max={100}
          step={0.5}
          addonAfter={t('grades.mine.credits')}
          value={draft.riskFailedCreditsTenths / 10}
          onChange={(v) => setDraft({ ...draft, riskFailedCreditsTenths: Math.round((v ?? 1) * 10) })}
          data-testid="rules-risk"
        />
      </Form.Item>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="rules-error" />}
      <Button type="primary" loading={saving} onClick={() => void save()} data-testid="rules-save">
        {t('grades.rules.save')}
      </Button>
    </Form>
  );
}
