import { useState } from 'react';
import { Alert, Button, Form, Input, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { LIMITS } from '@jiaowu/contracts';
import { ApiError } from '../../api/client.ts';
import { auth } from '../../api/endpoints.ts';
import { useSession } from '../../auth/session.tsx';
import { showApiFieldErrors, clearErrorsOnEdit } from '../../lib/form-errors.ts';
import { AuthCard } from './AuthCard.tsx';

interface Values {
  newPassword: string;
  confirm: string;
}

/** The page a reset email links to (`/reset-password?token=…`): a new password, with the change-password page's rules. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token');
  const { refresh } = useSession();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (v: Values) => {
    setError(null);
    setBusy(true);
    try {
      await auth.resetWithToken({ token: token!, newPassword: v.newPassword });
      setDone(true);
      // Every session of the account has ended, possibly this browser's too.
      await refresh();
    } catch (e) {
      showApiFieldErrors(form, e);
      setError(e instanceof ApiError ? e : new ApiError(0, 'network', t('errors.network')));
    } finally {
      setBusy(false);
    }
  };

  const requestAgain = (
    <Link to="/forgot-password" data-testid="request-again">
      {t('auth2.reset.requestAgain')}
    </Link>
  );
  if (!token) {
    return (
      <AuthCard title={t('auth2.reset.title')}>
        <Alert type="error" showIcon title={t('auth2.reset.missingToken')} style={{ marginBottom: 16 }} />
        {requestAgain}
      </AuthCard>
    );
  }
  if (done) {
    return (
      <AuthCard title={t('auth2.reset.title')}>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Alert type="success" showIcon title={t('auth2.reset.done')} data-testid="reset-done" />
          <Link to="/login" data-testid="go-login">
            {t('auth2.reset.goLogin')}
          </Link>
        </Space>
      </AuthCard>
    );
  }
  const min = { min: LIMITS.passwordMin, message: t('password.min', { min: LIMITS.passwordMin }) };
  const linkDead = error?.code === 'reset_token_invalid' || error?.code === 'reset_token_expired';
  return (
    <AuthCard title={t('auth2.reset.title')}>
      {error && (
        <Alert
          type="error"
          showIcon
          title={error.message}
          description={linkDead ? requestAgain : undefined}
          style={{ marginBottom: 16 }}
          data-testid="reset-error"
        />
      )}
      <Form form={form} onValuesChange={clearErrorsOnEdit(form)} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
        <Form.Item
          name="newPassword"
          label={t('password.next')}
          rules={[{ required: true, message: t('password.min', { min: LIMITS.passwordMin }) }, min]}
        >
          <Input.Password autoComplete="new-password" autoFocus data-testid="reset-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('password.mismatch') },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="reset-confirm" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="reset-submit">
          {t('auth2.reset.title')}
        </Button>
      </Form>
      <div style={{ marginTop: 12 }}>
        <Link to="/login">{t('auth2.backToLogin')}</Link>
      </div>
    </AuthCard>
  );
}
