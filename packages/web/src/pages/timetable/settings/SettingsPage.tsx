import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, InputNumber, Select, Slider, Space, Tabs, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { settingsIssues, type TimetableSettingsInput, type TimetableSettingsView, type TimetableWeights } from '@jiaowu/contracts';
import { ApiError } from '../../../api/client.ts';
import { QueryView } from '../../../components/QueryState.tsx';
import { useLabels } from '../../../i18n/labels.ts';
import { apiFieldErrors, toNamePath } from '../../../lib/form-errors.ts';
import { useTerms } from '../../../lib/terms.ts';
import { useListParams } from '../../offerings/useListParams.ts';
import { ttSettingsApi } from './api.ts';
import { BlockedSlotsEditor } from './BlockedSlotsEditor.tsx';
import { CampusTravelMatrix } from './CampusTravelMatrix.tsx';

const WEIGHT_KEYS: (keyof TimetableWeights)[] = [
  'teacherWishes',
  'spread',
  'compactDays',
  'sameRoom',
  'buildingChanges',
  'teacherDayLimit',
  'eveningPeriods',
];

type FormValues = Omit<TimetableSettingsInput, 'blockedSlots'> & {
  blockedSlots: (TimetableSettingsInput['blockedSlots'][number] & { weeks?: number[] | null })[];
};

/** A weight: a slider for the feel, a number for the exact value. */
function WeightInput({ value, onChange, testId }: { value?: number; onChange?: (v: number) => void; testId: string }) {
  return (
    <Space>
      <Slider style={{ width: 220 }} min={0} max={20} step={0.5} value={value} onChange={(v) => onChange?.(v)} />
      <InputNumber min={0} max={100} step={0.5} value={value} onChange={(v) => onChange?.(v ?? 0)} data-testid={testId} />
    </Space>
  );
}

/** The form's values as the API takes them: "every week" is null, the target of a blocked slot only what its kind needs. */
function toBody(v: FormValues): TimetableSettingsInput {
  return {
    weights: v.weights,
    campusTravel: v.campusTravel ?? [],
    blockedSlots: (v.blockedSlots ?? []).map((b) => {
      const a = b.appliesTo as { kind: string; ids?: number[]; categories?: string[] };
      const appliesTo = (
        a.kind === 'college' || a.kind === 'cohort'
          ? { kind: a.kind, ids: a.ids ?? [] }
          : a.kind === 'category'
            ? { kind: a.kind, categories: a.categories ?? [] }
            : { kind: 'all' }
      ) as TimetableSettingsInput['blockedSlots'][number]['appliesTo'];
      return {
        ...b,
        appliesTo,
        weeks: b.weeks?.length ? b.weeks : null,
        exceptCategories: b.exceptCategories?.length ? b.exceptCategories : undefined,
        reasonEn: b.reasonEn ?? '',
      };
    }),
    teacherMaxPeriodsPerDay: v.teacherMaxPeriodsPerDay ?? null,
    eveningFromPeriod: v.eveningFromPeriod ?? null,
    changeRules: {
      ...v.changeRules,
      noChangeWeeks: v.changeRules.noChangeWeeks ?? [],
      maxPersonalPerTeacher: v.changeRules.maxPersonalPerTeacher ?? null,
    },
  };
}

function SettingsForm({ data, onSaved }: { data: TimetableSettingsView; onSaved: (v: TimetableSettingsView) => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [problems, setProblems] = useState<string[]>([]);
  const [stale, setStale] = useState(false);
  const [busy, setBusy] = useState(false);
  const qc = useQueryClient();
  useEffect(() => {
    form.setFieldsValue({ ...data, blockedSlots: data.blockedSlots.map((b) => ({ ...b, weeks: b.weeks ?? [] })) });
  }, [data, form]);

  const save = async () => {
    setProblems([]);
    try {
      await form.validateFields();
    } catch {
      return;
    }
    const body = toBody(form.getFieldsValue(true) as FormValues);
    // The same checks the server runs, shown before the round trip.
    const local = settingsIssues(body, data.grid);
    if (local.length) {
      form.setFields(local.map((i) => ({ name: toNamePath(i.field), errors: [labels.fieldMessage(i.code, i.params)] })));
      setProblems(local.map((i) => labels.fieldMessage(i.code, i.params)));
      return;
    }
    setBusy(true);
    try {
      const saved = await ttSettingsApi.saveSettings({ ...body, termId: data.termId, version: data.version });
      message.success(t('ttsettings.saved'));
      onSaved(saved);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'stale') setStale(true);
      else if (e instanceof ApiError && e.fields.length) {
        form.setFields(apiFieldErrors(e));
        setProblems(e.fields.map((f) => f.message));
      } else message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const s = (k: string) => t(`ttsettings.settings.${k}`);
  const weeks = Array.from({ length: data.grid.weeks }, (_, i) => ({ value: i + 1, label: String(i + 1) }));
  return (
    <Form form={form} layout="vertical" data-testid="tt-settings-form">
      {stale && (
        <Alert
          type="warning"
          showIcon
          message={t('ttsettings.stale')}
          style={{ marginBottom: 12 }}
          data-testid="tt-stale"
          action={
            <Button onClick={() => (setStale(false), void qc.invalidateQueries({ queryKey: ['tt-settings', data.termId] }))}>
              {t('ttsettings.reload')}
            </Button>
          }
        />
      )}
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          message={t('ttsettings.fixErrors')}
          style={{ marginBottom: 12 }}
          data-testid="tt-problems"
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          }
        />
      )}
      <Tabs
        items={[
          {
            key: 'weights',
            label: s('tabs.weights'),
            children: (
              <>
                <Typography.Paragraph type="secondary">{s('weightsHelp')}</Typography.Paragraph>
                {WEIGHT_KEYS.map((k) => {
                  const [title, help] = t(`ttsettings.settings.weights.${k}`, { returnObjects: true }) as [string, string];
                  return (
                    <Form.Item key={k} label={title} extra={help} name={['weights', k]}>
                      <WeightInput testId={`weight-${k}`} />
                    </Form.Item>
                  );
                })}
              </>
            ),
          },
          {
            key: 'blocked',
            label: <span data-testid="tab-blocked">{s('tabs.blocked')}</span>,
            children: <BlockedSlotsEditor grid={data.grid} />,
          },
          {
            key: 'travel',
            label: s('tabs.travel'),
            children: (
              <>
                <Typography.Paragraph type="secondary">{s('travel.help')}</Typography.Paragraph>
                <Form.Item name="campusTravel">
                  <CampusTravelMatrix />
                </Form.Item>
              </>
            ),
          },
          {
            key: 'limits',
            label: s('tabs.limits'),
            children: (
              <>
                <Form.Item label={s('limits.teacherMax')} extra={s('limits.teacherMaxHelp')} name="teacherMaxPeriodsPerDay">
                  <InputNumber min={1} max={data.grid.periodsPerDay} data-testid="field-teacherMax" />
                </Form.Item>
                <Form.Item label={s('limits.evening')} extra={s('limits.eveningHelp')} name="eveningFromPeriod">
                  <InputNumber min={1} max={data.grid.periodsPerDay} data-testid="field-evening" />
                </Form.Item>
              </>
            ),
          },
          {
            key: 'changes',
            label: s('tabs.changes'),
            children: (
              <>
                <Form.Item label={s('changes.noChangeWeeks')} name={['changeRules', 'noChangeWeeks']}>
                  <Select mode="multiple" allowClear style={{ maxWidth: 480 }} options={weeks} />
                </Form.Item>
                <Form.Item
                  label={s('changes.maxPersonal')}
                  extra={s('changes.maxPersonalHelp')}
                  name={['changeRules', 'maxPersonalPerTeacher']}
                >
                  <InputNumber min={0} max={100} />
                </Form.Item>
                <Form.Item
                  label={s('changes.collegeOnly')}
                  extra={s('changes.collegeOnlyHelp')}
                  rules={[{ required: true }]}
                  name={['changeRules', 'collegeOnlyUpToPeriods']}
                >
                  <InputNumber min={0} max={200} />
                </Form.Item>
              </>
            ),
          },
        ]}
      />
      <Button type="primary" loading={busy} onClick={() => void save()} data-testid="tt-settings-save">
        {t('ttsettings.save')}
      </Button>
    </Form>
  );
}

/** 排课设置: what the office sets for a term before solving, saved as one versioned whole. */
export function SettingsPage() {
  const { t } = useTranslation();
  const { current, options } = useTerms();
  const { num, set } = useListParams();
  const termId = num('termId') ?? current?.id;
  const qc = useQueryClient();
  const query = useQuery({ queryKey: ['tt-settings', termId], queryFn: () => ttSettingsApi.settings(termId!), enabled: termId != null });
  return (
    <Card
      title={t('ttsettings.settings.title')}
      extra={
        <Space>
          {query.data &&
            (query.data.version ? (
              <Tag data-testid="tt-version">{t('ttsettings.settings.version', { version: query.data.version })}</Tag>
            ) : (
              <Tag>{t('ttsettings.settings.neverSaved')}</Tag>
            ))}
          <Select
            style={{ width: 220 }}
            value={termId}
            options={options}
            onChange={(v) => set({ termId: v })}
            data-testid="filter-term"
            aria-label={t('ttsettings.term')}
          />
        </Space>
      }
    >
      <QueryView query={query}>
        {(data) => (
          <SettingsForm key={`${data.termId}:${data.version}`} data={data} onSaved={(v) => qc.setQueryData(['tt-settings', termId], v)} />
        )}
      </QueryView>
    </Card>
  );
}
