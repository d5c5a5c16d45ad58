import { useEffect, useState } from 'react';
import { Alert, App, Button, Drawer, Form, Grid, Input, Select, Space, Switch } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { createUserRequest, updateUserRequest, type User } from '@jiaowu/contracts';
import { ApiError } from '../../api/client.ts';
import { roles as rolesApi, users } from '../../api/endpoints.ts';
import { RefSelect } from '../../components/RefSelect.tsx';
import { useLabels } from '../../i18n/labels.ts';
import { clearErrorsOnEdit, showApiFieldErrors, validateWith } from '../../lib/form-errors.ts';

interface Props {
  user: User | null | undefined;
  onClose: () => void;
  onSaved: () => void;
}

const blankToNull = (v: unknown) => (v === '' || v === undefined ? null : v);

/** Create or edit a user: name, email, language, disabled, and roles with their college/department anchor. */
export function UserForm({ user, onClose, onSaved }: Props) {
  const { t, i18n } = useTranslation();
  const labels = useLabels();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const screens = Grid.useBreakpoint();
  const open = user !== undefined;
  const roleList = useQuery({ queryKey: ['roles'], queryFn: rolesApi.list, enabled: open });

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setError(null);
    form.setFieldsValue(
      user
        ? { ...user, roles: user.roles.map((r) => ({ roleId: r.roleId, collegeId: r.collegeId, departmentId: r.departmentId })) }
        : { locale: 'zh-CN', roles: [] },
    );
  }, [open, user, form]);

  const submit = async () => {
    setError(null);
    const v = form.getFieldsValue(true);
    const roles = (v.roles ?? []).map((r: Record<string, unknown>) => ({
      roleId: r.roleId,
      collegeId: blankToNull(r.collegeId),
      departmentId: blankToNull(r.departmentId),
    }));
    const candidate = user
      ? { displayName: v.displayName, email: blankToNull(v.email), locale: v.locale, isDisabled: !!v.isDisabled, roles }
      : { username: v.username, displayName: v.displayName, email: blankToNull(v.email), locale: v.locale, password: v.password, roles };
    const body = user ? validateWith(form, updateUserRequest, candidate, labels) : validateWith(form, createUserRequest, candidate, labels);
    if (!body) return setError(t('form.fixErrors'));
    setSaving(true);
    try {
      if (user) await users.update(user.id, body);
      else await users.create(body);
      message.success(user ? t('common.saved') : t('common.created'));
      onSaved();
    } catch (e) {
      showApiFieldErrors(form, e);
      setError(e instanceof ApiError ? e.message : t('errors.network'));
    } finally {
      setSaving(false);
    }
  };

  const roleOptions = (roleList.data ?? []).map((r) => ({ value: r.id, label: i18n.language === 'en' ? r.nameEn : r.nameZh }));
  return (
    <Drawer
      open={open}
      title={user ? `${t('common.edit')}: ${user.username}` : t('users.create')}
      onClose={onClose}
      size={screens.md ? 600 : '100%'}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => void submit()}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onValuesChange={clearErrorsOnEdit(form)}>
        {!user && (
          <Form.Item name="username" label={t('users.username')} required>
            <Input autoComplete="off" />
          </Form.Item>
        )}
        <Form.Item name="displayName" label={t('users.displayName')} required>
          <Input />
        </Form.Item>
        <Form.Item name="email" label={t('users.email')}>
          <Input type="email" />
        </Form.Item>
        <Form.Item name="locale" label={t('users.locale')}>
          <Select
            options={[
              { value: 'zh-CN', label: t('lang.zh-CN') },
              { value: 'en', label: t('lang.en') },
            ]}
          />
        </Form.Item>
        {!user && (
          <Form.Item name="password" label={t('users.initialPassword')} required>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
        {user && (
          <Form.Item name="isDisabled" label={t('users.isDisabled')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
        <Form.Item label={t('users.roles')}>
          <Form.List name="roles">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} wrap align="baseline" style={{ display: 'flex', marginBottom: 4 }}>
                    <Form.Item name={[f.name, 'roleId']} rules={[{ required: true, message: t('users.role') }]}>
                      <Select placeholder={t('users.role')} options={roleOptions} style={{ width: 150 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'collegeId']}>
                      <RefSelect resource="colleges" placeholder={t('users.college')} style={{ width: 160 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'departmentId']}>
                      <RefSelect resource="departments" placeholder={t('users.department')} style={{ width: 160 }} />
                    </Form.Item>
                    <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} />
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                  {t('users.addRole')}
                </Button>
              </>
            )}
          </Form.List>
        </Form.Item>
      </Form>
    </Drawer>
  );
}
