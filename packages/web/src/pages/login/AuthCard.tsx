import type { ReactNode } from 'react';
import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';

/** The centred card of the pages used signed out (sign-in, forgotten password, new password). */
export function AuthCard({ title, children }: { title?: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        padding: 16,
        background: 'linear-gradient(135deg, #e6f4ff 0%, #f0f5ff 50%, #fff 100%)',
      }}
    >
      <Card style={{ width: '100%', maxWidth: 400 }} extra={<LanguageSwitch />} title={title ?? t('app.name')}>
        {children}
      </Card>
    </div>
  );
}
