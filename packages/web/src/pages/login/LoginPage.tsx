import { useState } from 'react';
import { Alert, Button, Divider, Form, Input, Typography } from 'antd';
import { LockOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import type { CaptchaChallenge } from '@jiaowu/contracts';
import { ApiError } from '../../api/client.ts';
import { auth } from '../../api/endpoints.ts';
import { useSession } from '../../auth/session.tsx';
import { AuthCard } from './AuthCard.tsx';
import { CaptchaField, captchaAnswer, captchaOf } from './CaptchaField.tsx';

interface Values {
  username: string;
  password: string;
  captchaAnswer?: string;
}

const SSO_ERRORS = ['sso_unknown_user', 'account_disabled', 'sso_not_configured', 'sso_failed'];

/**
 * Username/password sign-in; shows the server's translated error (wrong password, locked …), a
 * CAPTCHA question when the server asks for one, the forgotten-password link, and single sign-on
 * (统一身份认证) when the server has it configured.
 */
export function LoginPage() {
  const { t } = useTranslation();
  const { me, login } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const ssoError = params.get('sso_error');
  const [error, setError] = useState<string | null>(
    ssoError ? t(`auth2.sso.errors.${SSO_ERRORS.includes(ssoError) ? ssoError : 'sso_failed'}`) : null,
  );
  const [challenge, setChallenge] = useState<CaptchaChallenge | null>(null);
  const [busy, setBusy] = useState(false);
  const config = useQuery({ queryKey: ['auth-config'], queryFn: auth.config, staleTime: 60_000 });
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  if (me) return <Navigate to={me.user.mustChangePassword ? '/change-password' : from} replace />;

  const submit = async (v: Values) => {
    setError(null);
    setBusy(true);
    try {
      const session = await login(v.username, v.password, captchaAnswer(challenge, v.captchaAnswer));
      void navigate(session.user.mustChangePassword ? '/change-password' : from, { replace: true });
    } catch (e) {
      // Every answer uses its question up: show the new one (or none, when no longer needed).
      if (e instanceof ApiError) {
        form.setFieldValue('captchaAnswer', undefined);
        setChallenge(captchaOf(e));
      }
      setError(e instanceof ApiError ? e.message : t('errors.network'));
    } finally {
      setBusy(false);
    }
  };

  const oidc = config.data?.oidc;
  return (
    <AuthCard>
      <Typography.Paragraph type="secondary">{t('login.subtitle')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
        <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('login.required') }]}>
          <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
        </Form.Item>
        <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.required') }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
        </Form.Item>
        <CaptchaField challenge={challenge} />
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
          {t('login.submit')}
        </Button>
      </Form>
      <div style={{ marginTop: 12, textAlign: 'right' }}>
        <Link to="/forgot-password" data-testid="forgot-link">
          {t('auth2.forgotLink')}
        </Link>
      </div>
      {oidc && (
        <>
          <Divider plain>{t('auth2.sso.or')}</Divider>
          {/* A full navigation: the provider's sign-in page, then back to our callback. */}
          <Button
            block
            icon={<SafetyCertificateOutlined />}
            href={`/api/auth/oidc/start?returnTo=${encodeURIComponent(from)}`}
            data-testid="sso-login"
          >
            {oidc.label ?? t('auth2.sso.button')}
          </Button>
        </>
      )}
    </AuthCard>
  );
}
