import { Alert, App, Button, Card, Radio, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PASSWORD_POLICIES, type PasswordPolicy } from '@jiaowu/contracts';
import { accounts } from '../../../api/endpoints.ts';
import { QueryView, useErrorReason } from '../../../components/QueryState.tsx';

/** The school's initial password policy (office / administrator). */
export function PasswordPolicyCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reason = useErrorReason();
  const qc = useQueryClient();
  const query = useQuery({ queryKey: ['account-settings'], queryFn: accounts.settings });
  const [policy, setPolicy] = useState<PasswordPolicy | undefined>();
  useEffect(() => setPolicy(query.data?.passwordPolicy), [query.data?.passwordPolicy]);
  const save = useMutation({
    mutationFn: (p: PasswordPolicy) => accounts.saveSettings({ passwordPolicy: p }),
    onSuccess: (data) => {
      qc.setQueryData(['account-settings'], data);
      message.success(t('accounts.policySaved'));
    },
    onError: (e) => message.error(reason(e)),
  });
  return (
    <Card size="small" title={t('accounts.policyTitle')} style={{ marginBottom: 16 }} data-testid="password-policy">
      <QueryView query={query} rows={2}>
        {(data) => (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Text type="secondary">{t('accounts.policyHint')}</Typography.Text>
            <Radio.Group value={policy} onChange={(e) => setPolicy(e.target.value as PasswordPolicy)}>
              <Space orientation="vertical">
                {PASSWORD_POLICIES.map((p) => (
                  <Radio key={p} value={p}>
                    {t(`accounts.policy.${p}`)}
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
            {policy === 'id_last6' && (
              <Alert
                type="info"
                showIcon
                data-testid="id-last6-note"
                title={t('idnumber.policyIdLast6Note')}
                description={t('idnumber.policyIdLast6Risk')}
              />
            )}
            <Button
              type="primary"
              disabled={!policy || policy === data.passwordPolicy}
              loading={save.isPending}
              onClick={() => policy && save.mutate(policy)}
            >
              {t('accounts.save')}
            </Button>
          </Space>
        )}
      </QueryView>
    </Card>
  );
}
