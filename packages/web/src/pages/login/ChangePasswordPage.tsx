import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { LIMITS } from '@jiaowu/contracts';
import { ApiError } from '../../api/client.ts';
import { auth } from '../../api/endpoints.ts';
import { useSession } from '../../auth/session.tsx';
import { showApiFieldErrors, clearErrorsOnEdit } from '../../lib/form-errors.ts';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Change one's own password; forced on first sign-in (`mustChangePassword`). */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  const { me, refresh } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const forced = !!me?.user.mustChangePassword;

  const submit = async (v: Values) => {
    setError(null);
    setBusy(true);
    try {
      await auth.changePassword(v.currentPassword, v.newPassword);
      message.success(t('password.changed'));
      await refresh();
      void navigate('/', { replace: true });
    } catch (e) {
      showApiFieldErrors(form, e);
      setError(e instanceof ApiError ? e.message : t('errors.network'));
    } finally {
      setBusy(false);
    }
  };

  const min = { min: LIMITS.passwordMin, message: t('password.min', { min: LIMITS.passwordMin }) };
  return (
    <Card title={t('password.title')} style={{ maxWidth: 480, margin: forced ? '10vh auto' : undefined }}>
      {forced && <Alert type="warning" showIcon title={t('password.forced')} style={{ marginBottom: 16 }} />}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="password-error" />}
      <Form form={form} onValuesChange={clearErrorsOnEdit(form)} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="newPassword" label={t('password.next')} rules={[{ required: true }, min]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('password.submit')}
        </Button>
      </Form>
    </Card>
  );
}
