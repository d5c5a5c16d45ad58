import { useEffect, useState } from 'react';
import { Alert, App, Button, Drawer, Form, Grid, Space } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { RESOURCES, type ResourceKey } from '@jiaowu/contracts';
import { ApiError } from '../api/client.ts';
import { resources, type Row } from '../api/endpoints.ts';
import { useLabels } from '../i18n/labels.ts';
import { clearErrorsOnEdit, showApiFieldErrors, validateWith } from '../lib/form-errors.ts';
import { acceptsNull, defaultOf } from '../lib/resource-schemas.ts';
import { FieldInput } from './FieldInput.tsx';
import { SlotsEditor } from './SlotsEditor.tsx';

interface Props {
  resource: ResourceKey;
  /** The record to edit; null to create; undefined when closed. */
  row: Row | null | undefined;
  onClose: () => void;
  onSaved: (row: Row) => void;
}

/** Record → form values (dates become dayjs). */
function toFormValues(resource: ResourceKey, row: Row | null): Record<string, unknown> {
  const spec = RESOURCES[resource];
  const values: Record<string, unknown> = {};
  for (const f of spec.fields) {
    const v = row ? row[f.key] : defaultOf(resource, f.key);
    if (f.kind === 'date') values[f.key] = v ? dayjs(String(v)) : undefined;
    else if (f.kind === 'enumList' || f.kind === 'slots') values[f.key] = v ?? [];
    else if (f.kind === 'bool') values[f.key] = !!v;
    else values[f.key] = v ?? undefined;
  }
  return values;
}

/** Form values → the request body candidate (validated by the contracts schema next). */
function toBody(resource: ResourceKey, values: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const f of RESOURCES[resource].fields) {
    if (f.readOnly) continue;
    let v = values[f.key];
    if (f.kind === 'date' && v) v = dayjs(v as dayjs.Dayjs).format('YYYY-MM-DD');
    if (v === '' || v === null) v = undefined;
    if (v === undefined && !f.required && acceptsNull(resource, f.key)) v = null;
    if (v !== undefined) body[f.key] = v;
  }
  return body;
}

/** Create/edit drawer of a resource, validated with the same zod schema as the server. */
export function ResourceForm({ resource, row, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const labels = useLabels();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The record as last read: its version is the one an edit is based on.
  const [base, setBase] = useState<Row | null>(null);
  // Someone else saved the record since it was read: offer to reload it.
  const [stale, setStale] = useState(false);
  const screens = Grid.useBreakpoint();
  const open = row !== undefined;
  const spec = RESOURCES[resource];

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(toFormValues(resource, row ?? null));
    setBase(row ?? null);
    setError(null);
    setStale(false);
  }, [open, row, resource, form]);

  /** Reads the record again (the other person's changes replace the form's values). */
  const reload = async () => {
    if (!base) return;
    try {
      const fresh = await resources.get(resource, base.id);
      form.resetFields();
      form.setFieldsValue(toFormValues(resource, fresh));
      setBase(fresh);
      setError(null);
      setStale(false);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('errors.network'));
    }
  };

  const submit = async () => {
    setError(null);
    const body = validateWith(form, spec.input, toBody(resource, form.getFieldsValue(true)), labels);
    if (!body) {
      setError(t('form.fixErrors'));
      return;
    }
    setSaving(true);
    try {
      const saved = base
        ? await resources.update(resource, base.id, { ...body, version: Number(base.version) })
        : await resources.create(resource, body);
      message.success(row ? t('common.saved') : t('common.created'));
      onSaved(saved);
    } catch (e) {
      showApiFieldErrors(form, e);
      setError(e instanceof ApiError ? e.message : t('errors.network'));
      setStale(e instanceof ApiError && e.code === 'stale');
    } finally {
      setSaving(false);
    }
  };

  const title = t(row ? 'form.editTitle' : 'form.createTitle', { resource: labels.resource(resource) });
  return (
    <Drawer
      open={open}
      title={title}
      onClose={onClose}
      size={screens.md ? 560 : '100%'}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose} data-testid="form-cancel">
            {t('common.cancel')}
          </Button>
          <Button type="primary" loading={saving} onClick={() => void submit()} data-testid="form-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {error && (
        <Alert
          type="error"
          showIcon
          title={error}
          style={{ marginBottom: 16 }}
          data-testid="form-error"
          action={
            stale ? (
              <Button size="small" onClick={() => void reload()} data-testid="form-reload">
                {t('common.refresh')}
              </Button>
            ) : undefined
          }
        />
      )}
      <Form
        form={form}
        layout="vertical"
        onFinish={() => void submit()}
        // The "fix the marked fields" banner goes with the last marked field.
        onValuesChange={clearErrorsOnEdit(form, () => setError((e) => (e === t('form.fixErrors') ? null : e)))}
        data-testid={`form-${resource}`}
      >
        {spec.fields
          .filter((f) => !f.readOnly)
          .map((f) => (
            <Form.Item
              key={f.key}
              name={f.kind === 'slots' ? undefined : f.key}
              label={labels.field(resource, f.key)}
              required={f.required}
            >
              {f.kind === 'slots' ? <SlotsEditor name={f.key} /> : <FieldInput field={f} labels={labels} row={row ?? undefined} />}
            </Form.Item>
          ))}
        <button type="submit" hidden />
      </Form>
    </Drawer>
  );
}
