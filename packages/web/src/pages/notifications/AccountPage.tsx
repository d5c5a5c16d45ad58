import { useEffect } from 'react';
import { App, Button, Card, Checkbox, Descriptions, Form, Space } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { NOTIFICATION_KINDS, type NotificationKind } from '@jiaowu/contracts';
import { ApiError } from '../../api/client.ts';
import { notifications } from '../../api/modules.ts';
import { useSession } from '../../auth/session.tsx';
import { QueryView } from '../../components/QueryState.tsx';

/** The signed-in user's account: who they are, and which notifications also go by email. */
export function AccountPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { me } = useSession();
  const [form] = Form.useForm<{ emailKinds: NotificationKind[] }>();
  const settings = useQuery({ queryKey: ['notification-settings'], queryFn: notifications.settings });
  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);
  const save = async () => {
    try {
      await notifications.saveSettings(form.getFieldsValue());
      message.success(t('notif.saved'));
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : t('errors.network'));
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Card title={t('account.title')}>
        <Descriptions
          column={1}
          size="small"
          items={[
            { label: t('users.username'), children: me?.user.username },
            { label: t('users.displayName'), children: me?.user.displayName },
            { label: t('users.roles'), children: me?.user.roles.map((r) => r.roleName).join('、') },
          ]}
        />
      </Card>
      <Card title={t('notif.settings')}>
        <QueryView query={settings}>
          {() => (
            <Form form={form} layout="vertical">
              <Form.Item name="emailKinds" label={t('notif.emailKinds')}>
                <Checkbox.Group options={NOTIFICATION_KINDS.map((k) => ({ value: k, label: t(`notif.kinds.${k}`) }))} />
              </Form.Item>
              <Button type="primary" onClick={() => void save()} data-testid="save-notification-settings">
                {t('common.save')}
              </Button>
            </Form>
          )}
        </QueryView>
      </Card>
    </Space>
  );
}
