import { useEffect, useState } from 'react';
import { App, Alert, Button, Checkbox, Divider, Drawer, Form, Input, InputNumber, Radio, Select, Space, Switch, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import {
  DEFAULT_MIN_CLASS_SIZE,
  RETAKE_MODES,
  SELECTION_MODES,
  roundInput,
  roundUpdate,
  type Round,
  type RoundInput,
} from '@jiaowu/contracts';
import { ApiError } from '../../../api/client.ts';
import { selectionOffice } from '../../../api/selection-office.ts';
import { ApiSelect } from '../../../components/ApiSelect.tsx';
import { useLabels } from '../../../i18n/labels.ts';
import { clearErrorsOnEdit } from '../../../lib/form-errors.ts';
import { schoolTimeZone } from '../../../lib/time.ts';
import { SchoolInstantInput } from './school-instant.tsx';
import { showServerFieldErrors, validateRound } from './words.ts';

interface ScopeValues {
  cohorts?: number[];
  majorIds?: number[];
  collegeIds?: number[];
}
/** The form's shape: the round's fields, with the scope and seat release flattened for the widgets. */
interface FormValues {
  name?: string;
  mode?: Round['mode'];
  opensAt?: string | null;
  closesAt?: string | null;
  staggered?: { cohorts?: number[]; opensAt?: string | null }[];
  scope?: ScopeValues;
  isPilot?: boolean;
  creditLimits?: {
    minCredits?: number | null;
    maxCredits?: number | null;
    groups?: (ScopeValues & { label?: string; minCredits?: number | null; maxCredits?: number | null })[];
  };
  maxClasses?: number | null;
  minClassSize?: number | null;
  dropsAllowed?: boolean;
  dropDeadline?: string | null;
  noReselectAfterDrop?: boolean;
  retakeModes?: Round['retakeModes'];
  seatReleaseMode?: 'immediate' | 'random_window';
  windowMinutes?: number | null;
  notice?: string | null;
  noticeDaysBefore?: number | null;
}

/** The seat release is laid out as two fields (mode, minutes); its errors go there. */
const rename = (name: (string | number)[]) =>
  name[0] === 'seatRelease' ? [name[1] === 'windowMinutes' ? 'windowMinutes' : 'seatReleaseMode'] : name;

const scopeOf = (s: ScopeValues | undefined) => ({
  cohorts: s?.cohorts ?? [],
  majorIds: s?.majorIds ?? [],
  collegeIds: s?.collegeIds ?? [],
});

/** Form values → the API body (without term and version). An empty scope means everybody. */
function toBody(v: FormValues): Omit<RoundInput, 'termId'> {
  const scope = scopeOf(v.scope);
  const everybody = !scope.cohorts.length && !scope.majorIds.length && !scope.collegeIds.length;
  return {
    name: v.name ?? '',
    mode: v.mode ?? 'first_come',
    opensAt: v.opensAt ?? '',
    closesAt: v.closesAt ?? '',
    staggered: (v.staggered ?? []).map((s) => ({ cohorts: s.cohorts ?? [], opensAt: s.opensAt ?? '' })),
    scope: everybody ? null : scope,
    isPilot: v.isPilot ?? false,
    creditLimits: {
      minCredits: v.creditLimits?.minCredits ?? null,
      maxCredits: v.creditLimits?.maxCredits ?? null,
      groups: (v.creditLimits?.groups ?? []).map((g) => ({
        label: g.label ?? '',
        ...scopeOf(g),
        minCredits: g.minCredits ?? null,
        maxCredits: g.maxCredits ?? null,
      })),
    },
    maxClasses: v.maxClasses ?? null,
    minClassSize: v.minClassSize ?? null,
    dropsAllowed: v.dropsAllowed ?? true,
    dropDeadline: v.dropDeadline ?? null,
    noReselectAfterDrop: v.noReselectAfterDrop ?? false,
    retakeModes: v.retakeModes ?? [],
    seatRelease:
      v.seatReleaseMode === 'random_window'
        ? { mode: 'random_window', windowMinutes: v.windowMinutes ?? (undefined as unknown as number) }
        : { mode: 'immediate' },
    notice: v.notice?.trim() ? v.notice : null,
    noticeDaysBefore: v.noticeDaysBefore ?? (undefined as unknown as number),
  };
}

function toValues(r: Round | null): FormValues {
  if (!r)
    return {
      mode: 'first_come',
      staggered: [],
      scope: {},
      isPilot: false,
      creditLimits: { minCredits: null, maxCredits: null, groups: [] },
      dropsAllowed: true,
      noReselectAfterDrop: false,
      retakeModes: [...RETAKE_MODES],
      seatReleaseMode: 'immediate',
      windowMinutes: 30,
      noticeDaysBefore: 3,
      minClassSize: DEFAULT_MIN_CLASS_SIZE,
    };
  return {
    ...r,
    scope: r.scope ?? {},
    seatReleaseMode: r.seatRelease.mode,
    windowMinutes: r.seatRelease.mode === 'random_window' ? r.seatRelease.windowMinutes : 30,
  };
}

/** Cohorts to choose from: this year's and the seven before it, and next year's. */
function cohortOptions(t: TFunction) {
  const year = new Date().getFullYear();
  return Array.from({ length: 9 }, (_, i) => year + 1 - i).map((y) => ({ value: y, label: t('seloff.cohortLabel', { year: y }) }));
}

/** Cohorts, majors and colleges pickers under `name` (the round's scope or a credit group). */
function ScopeFields({ name, t }: { name: (string | number)[]; t: TFunction }) {
  return (
    <>
      <Form.Item name={[...name, 'cohorts']} label={t('seloff.cohorts')}>
        <Select mode="multiple" allowClear options={cohortOptions(t)} data-testid={`${name.join('-')}-cohorts`} />
      </Form.Item>
      <Form.Item name={[...name, 'majorIds']} label={t('seloff.majors')}>
        <ApiSelect<number[]> path="/majors" mode="multiple" data-testid={`${name.join('-')}-majors`} />
      </Form.Item>
      <Form.Item name={[...name, 'collegeIds']} label={t('seloff.colleges')}>
        <ApiSelect<number[]> path="/colleges" mode="multiple" data-testid={`${name.join('-')}-colleges`} />
      </Form.Item>
    </>
  );
}

/** Create or edit a round 选课轮次: every field of the round, checked with the contracts schema, server field errors on the fields. */
export function RoundForm({
  open,
  termId,
  round,
  onClose,
  onSaved,
}: {
  open: boolean;
  termId: number;
  round: Round | null;
  onClose: () => void;
  onSaved: (r: Round) => void;
}) {
  const { t } = useTranslation();
  const labels = useLabels();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const seatReleaseMode = Form.useWatch('seatReleaseMode', form);
  const dropsAllowed = Form.useWatch('dropsAllowed', form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(toValues(round));
    setFailure(null);
  }, [open, round, form]);

  const save = async () => {
    setFailure(null);
    const body = toBody(form.getFieldsValue(true) as FormValues);
    const parsed = round
      ? validateRound(form, roundUpdate, { ...body, version: round.version }, labels, t, rename)
      : validateRound(form, roundInput, { ...body, termId }, labels, t, rename);
    if (!parsed) return void message.error(t('form.fixErrors'));
    setSaving(true);
    try {
      const saved = round
        ? await selectionOffice.updateRound(round.id, { ...body, version: round.version })
        : await selectionOffice.createRound({ ...body, termId });
      message.success(round ? t('seloff.saved') : t('seloff.created'));
      onSaved(saved);
    } catch (e) {
      showServerFieldErrors(form, e, t, rename);
      setFailure(e instanceof ApiError ? e.message : t('errors.network'));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size="large"
      title={round ? t('seloff.editRound') : t('seloff.newRound')}
      destroyOnHidden
      data-testid="round-form"
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => void save()} data-testid="round-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 12 }} data-testid="round-form-error" />}
      <Form form={form} layout="vertical" onValuesChange={clearErrorsOnEdit(form, () => setFailure(null))}>
        <Typography.Paragraph type="secondary">{t('seloff.zoneHint', { zone: schoolTimeZone() })}</Typography.Paragraph>
        <Divider titlePlacement="start">{t('seloff.section.basic')}</Divider>
        <Form.Item name="name" label={t('seloff.name')} required>
          <Input maxLength={100} data-testid="round-name" />
        </Form.Item>
        <Form.Item name="mode" label={t('seloff.mode')} required>
          <Radio.Group data-testid="round-mode">
            {SELECTION_MODES.map((m) => (
              <Radio key={m} value={m}>
                {t(`seloff.modes.${m}`)}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="opensAt" label={t('seloff.opensAt')} required>
            <SchoolInstantInput data-testid="round-opens" />
          </Form.Item>
          <Form.Item name="closesAt" label={t('seloff.closesAt')} required>
            <SchoolInstantInput data-testid="round-closes" />
          </Form.Item>
        </Space>
        <Form.Item label={t('seloff.staggered')} tooltip={t('seloff.staggeredHelp')}>
          <Form.List name="staggered">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="start" wrap>
                    <Form.Item name={[f.name, 'cohorts']} label={t('seloff.staggeredCohorts')}>
                      <Select mode="multiple" style={{ minWidth: 200 }} options={cohortOptions(t)} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'opensAt']} label={t('seloff.staggeredOpensAt')}>
                      <SchoolInstantInput />
                    </Form.Item>
                    <MinusCircleOutlined style={{ marginTop: 38 }} onClick={() => remove(f.name)} aria-label={t('common.remove')} />
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ cohorts: [], opensAt: null })}>
                  {t('seloff.addStaggered')}
                </Button>
              </>
            )}
          </Form.List>
        </Form.Item>

        <Divider titlePlacement="start">{t('seloff.section.scope')}</Divider>
        <Typography.Paragraph type="secondary">{t('seloff.scopeHelp')}</Typography.Paragraph>
        <ScopeFields name={['scope']} t={t} />
        <Form.Item name="isPilot" valuePropName="checked" extra={t('seloff.pilotHelp')}>
          <Checkbox>{t('seloff.isPilot')}</Checkbox>
        </Form.Item>

        <Divider titlePlacement="start">{t('seloff.section.limits')}</Divider>
        <Space wrap>
          <Form.Item name={['creditLimits', 'minCredits']} label={t('seloff.minCredits')}>
            <InputNumber min={0} max={99} step={0.5} placeholder={t('seloff.noLimit')} />
          </Form.Item>
          <Form.Item name={['creditLimits', 'maxCredits']} label={t('seloff.maxCredits')}>
            <InputNumber min={0} max={99} step={0.5} placeholder={t('seloff.noLimit')} />
          </Form.Item>
          <Form.Item name="maxClasses" label={t('seloff.maxClasses')}>
            <InputNumber min={1} max={100} precision={0} placeholder={t('seloff.noLimit')} />
          </Form.Item>
          <Form.Item name="minClassSize" label={t('selaudit.minClassSize')} tooltip={t('selaudit.minClassSizeHelp')}>
            <InputNumber min={1} max={1000} precision={0} placeholder={t('selaudit.notChecked')} data-testid="round-min-class-size" />
          </Form.Item>
        </Space>
        <Form.Item label={t('seloff.creditGroups')} tooltip={t('seloff.creditGroupsHelp')}>
          <Form.List name={['creditLimits', 'groups']}>
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <div key={f.key} style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: 12, marginBottom: 8 }}>
                    <Space wrap align="start">
                      <Form.Item name={[f.name, 'label']} label={t('seloff.groupLabel')}>
                        <Input maxLength={100} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'minCredits']} label={t('seloff.minCredits')}>
                        <InputNumber min={0} max={99} step={0.5} placeholder={t('seloff.noLimit')} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'maxCredits']} label={t('seloff.maxCredits')}>
                        <InputNumber min={0} max={99} step={0.5} placeholder={t('seloff.noLimit')} />
                      </Form.Item>
                      <Button type="text" danger icon={<MinusCircleOutlined />} style={{ marginTop: 30 }} onClick={() => remove(f.name)}>
                        {t('common.remove')}
                      </Button>
                    </Space>
                    <ScopeFields name={[f.name]} t={t} />
                  </div>
                ))}
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ label: '', cohorts: [], majorIds: [], collegeIds: [], minCredits: null, maxCredits: null })}
                >
                  {t('seloff.addGroup')}
                </Button>
              </>
            )}
          </Form.List>
        </Form.Item>

        <Divider titlePlacement="start">{t('seloff.section.drops')}</Divider>
        <Space wrap align="start">
          <Form.Item name="dropsAllowed" label={t('seloff.dropsAllowed')} valuePropName="checked">
            <Switch data-testid="round-drops" />
          </Form.Item>
          {dropsAllowed !== false && (
            <Form.Item name="dropDeadline" label={t('seloff.dropDeadline')} extra={t('seloff.dropDeadlineHelp')}>
              <SchoolInstantInput />
            </Form.Item>
          )}
        </Space>
        <Form.Item name="noReselectAfterDrop" valuePropName="checked">
          <Checkbox>{t('seloff.noReselectAfterDrop')}</Checkbox>
        </Form.Item>
        <Form.Item name="retakeModes" label={t('seloff.retakeModes')}>
          <Checkbox.Group options={RETAKE_MODES.map((m) => ({ value: m, label: t(`seloff.retakeModeNames.${m}`) }))} />
        </Form.Item>

        <Divider titlePlacement="start">{t('seloff.section.release')}</Divider>
        <Form.Item name="seatReleaseMode" label={t('seloff.seatRelease')}>
          <Radio.Group>
            <Space orientation="vertical">
              <Radio value="immediate">{t('seloff.seatReleaseModes.immediate')}</Radio>
              <Radio value="random_window">{t('seloff.seatReleaseModes.random_window')}</Radio>
            </Space>
          </Radio.Group>
        </Form.Item>
        {seatReleaseMode === 'random_window' && (
          <Form.Item name="windowMinutes" label={t('seloff.windowMinutes')}>
            <InputNumber min={1} max={24 * 60} precision={0} data-testid="round-window-minutes" />
          </Form.Item>
        )}

        <Divider titlePlacement="start">{t('seloff.section.notice')}</Divider>
        <Form.Item name="notice" label={t('seloff.notice')}>
          <Input.TextArea rows={5} maxLength={2000} placeholder={t('seloff.noticePlaceholder')} />
        </Form.Item>
        <Form.Item name="noticeDaysBefore" label={t('seloff.noticeDaysBefore')} extra={t('seloff.noticeDaysBeforeHelp')}>
          <InputNumber min={0} max={30} precision={0} data-testid="round-notice-days" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
