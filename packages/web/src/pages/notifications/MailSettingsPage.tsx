import { useEffect, useState } from 'react';
import { App, Button, Card, Checkbox, Form, Input, InputNumber, Space, Switch, Tag } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { mailSettingsInput } from '@jiaowu/contracts';
import { ApiError } from '../../api/client.ts';
import { notifications } from '../../api/modules.ts';
import { useLabels } from '../../i18n/labels.ts';
import { clearErrorsOnEdit, showApiFieldErrors, validateWith } from '../../lib/form-errors.ts';
import { QueryView } from '../../components/QueryState.tsx';

/** SMTP settings; the password is write-only (empty keeps it, “clear” removes it). */
export function MailSettingsPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [clear, setClear] = useState(false);
  const settings = useQuery({ queryKey: ['mail-settings'], queryFn: notifications.mailSettings });
  const data = settings.data;
  useEffect(() => {
    if (data) form.setFieldsValue({ ...data, password: '' });
  }, [data, form]);
  const save = async () => {
    const v = form.getFieldsValue();
    const body = { ...v, port: v.port ?? null, password: clear ? null : v.password ? v.password : undefined };
    const parsed = validateWith(form, mailSettingsInput, body, labels);
    if (!parsed) return;
    try {
      await notifications.saveMailSettings(parsed);
      message.success(t('common.saved'));
      setClear(false);
      await qc.invalidateQueries({ queryKey: ['mail-settings'] });
    } catch (e) {
      showApiFieldErrors(form, e);
      message.error(e instanceof ApiError ? e.message : t('errors.network'));
    }
  };
  return (
    <Card
      title={t('mail.title')}
      extra={
        data && (
          <Tag>
            {t('mail.source')}: {t(`mail.sources.${data.source}`)}
          </Tag>
        )
      }
    >
      <QueryView query={settings} rows={8}>
        {() => (
          <Form form={form} layout="vertical" style={{ maxWidth: 520 }} onValuesChange={clearErrorsOnEdit(form)}>
            <Form.Item name="enabled" label={t('mail.enabled')} valuePropName="checked">
              <Switch />
            </Form.Item>
            <Space wrap>
              <Form.Item name="host" label={t('mail.host')}>
                <Input style={{ width: 280, maxWidth: '100%' }} placeholder={t('shell.example', { example: 'smtp.example.edu.cn' })} />
              </Form.Item>
              <Form.Item name="port" label={t('mail.port')}>
                <InputNumber min={1} max={65535} placeholder={t('shell.example', { example: '465' })} />
              </Form.Item>
              <Form.Item name="secure" label={t('mail.secure')} valuePropName="checked">
                <Switch />
              </Form.Item>
            </Space>
            <Form.Item name="username" label={t('mail.username')}>
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('mail.password')}
              extra={data?.hasPassword ? `${t('mail.passwordSet')} · ${t('mail.passwordKeep')}` : undefined}
            >
              <Input.Password autoComplete="new-password" disabled={clear} />
            </Form.Item>
            {data?.hasPassword && (
              <Checkbox checked={clear} onChange={(e) => setClear(e.target.checked)} style={{ marginBottom: 16 }}>
                {t('mail.clearPassword')}
              </Checkbox>
            )}
            <Form.Item name="from" label={t('mail.from')}>
              <Input placeholder="教务处 <jw@example.edu.cn>" />
            </Form.Item>
            <Button type="primary" onClick={() => void save()} data-testid="save-mail">
              {t('common.save')}
            </Button>
          </Form>
        )}
      </QueryView>
    </Card>
  );
}
