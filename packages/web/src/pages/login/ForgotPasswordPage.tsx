import { useState } from 'react';
import { Alert, Button, Form, Input, Space, Typography } from 'antd';
import { UserOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CaptchaChallenge } from '@jiaowu/contracts';
import { ApiError } from '../../api/client.ts';
import { auth } from '../../api/endpoints.ts';
import { AuthCard } from './AuthCard.tsx';
import { CaptchaField, captchaAnswer, captchaOf } from './CaptchaField.tsx';

interface Values {
  login: string;
  captchaAnswer?: string;
}

/**
 * Asks for a reset link by email. The answer is the same whether or not the account exists (the
 * server never says), so the page says what happens in either case, and that accounts without an
 * email are reset by the office.
 */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [challenge, setChallenge] = useState<CaptchaChallenge | null>(null);
  const [busy, setBusy] = useState(false);
  const config = useQuery({ queryKey: ['auth-config'], queryFn: auth.config, staleTime: 60_000 });

  const submit = async (v: Values) => {
    setError(null);
    setBusy(true);
    try {
      await auth.forgot({ login: v.login, captcha: captchaAnswer(challenge, v.captchaAnswer) });
      setSent(true);
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

  const back = (
    <Link to="/login" data-testid="back-to-login">
      {t('auth2.backToLogin')}
    </Link>
  );
  // Without a mail server nothing can be sent: say so instead of pretending.
  if (config.data && !config.data.passwordResetByEmail) {
    return (
      <AuthCard title={t('auth2.forgot.title')}>
        <Alert type="info" showIcon title={t('auth2.forgot.noMail')} style={{ marginBottom: 16 }} data-testid="forgot-no-mail" />
        {back}
      </AuthCard>
    );
  }
  return (
    <AuthCard title={t('auth2.forgot.title')}>
      {sent ? (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Alert type="success" showIcon title={t('auth2.forgot.sent')} data-testid="forgot-sent" />
          <Typography.Paragraph type="secondary">{t('auth2.forgot.noEmail')}</Typography.Paragraph>
          {back}
        </Space>
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t('auth2.forgot.intro')}</Typography.Paragraph>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="forgot-error" />}
          <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
            <Form.Item name="login" label={t('auth2.forgot.login')} rules={[{ required: true, message: t('auth2.forgot.loginRequired') }]}>
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="forgot-login" />
            </Form.Item>
            <CaptchaField challenge={challenge} />
            <Button type="primary" htmlType="submit" block loading={busy} data-testid="forgot-submit">
              {t('auth2.forgot.submit')}
            </Button>
          </Form>
          <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
            {t('auth2.forgot.noEmail')}
          </Typography.Paragraph>
          {back}
        </>
      )}
    </AuthCard>
  );
}
