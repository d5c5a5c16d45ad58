import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Drawer, Form, Grid, Input, Space, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { roleInput, type Role } from '@jiaowu/contracts';
import { ApiError } from '../../api/client.ts';
import { roles } from '../../api/endpoints.ts';
import { useLabels } from '../../i18n/labels.ts';
import { clearErrorsOnEdit, showApiFieldErrors, validateWith } from '../../lib/form-errors.ts';
import { QueryTable } from '../../components/QueryState.tsx';
import { RowActions, useActionsColumn } from '../../components/RowActions.tsx';
import { GrantMatrix } from './GrantMatrix.tsx';

/** Roles admin: list, create, edit (with the permission × scope matrix), delete. */
export function RolesPage() {
  const { t, i18n } = useTranslation();
  const actionsColumn = useActionsColumn();
  const labels = useLabels();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm();
  const [editing, setEditing] = useState<Role | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const list = useQuery({ queryKey: ['roles'], queryFn: roles.list });
  const reload = () => qc.invalidateQueries({ queryKey: ['roles'] });

  useEffect(() => {
    if (editing === undefined) return;
    form.resetFields();
    setError(null);
    form.setFieldsValue(editing ?? { grants: [] });
  }, [editing, form]);

  const save = async () => {
    setError(null);
    const v = form.getFieldsValue(true);
    const body = validateWith(form, roleInput, { ...v, description: v.description || null, grants: v.grants ?? [] }, labels);
    if (!body) return setError(t('form.fixErrors'));
    setSaving(true);
    try {
      if (editing) await roles.update(editing.id, body);
      else await roles.create(body);
      message.success(t('common.saved'));
      setEditing(undefined);
      await reload();
    } catch (e) {
      showApiFieldErrors(form, e);
      setError(e instanceof ApiError ? e.message : t('errors.network'));
    } finally {
      setSaving(false);
    }
  };
  const remove = async (r: Role) => {
    try {
      await roles.remove(r.id);
      message.success(t('common.deleted'));
      await reload();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : t('errors.network'));
    }
  };

  return (
    <Card
      title={t('roles.title')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
          {t('roles.create')}
        </Button>
      }
    >
      <QueryTable<Role, Role[]>
        query={list}
        rowKey="id"
        size="middle"
        data-testid="table-roles"
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: t('roles.code'),
            dataIndex: 'code',
            render: (v, r) => (
              <Space>
                {v}
                {r.isBuiltin && <Tag>{t('roles.builtin')}</Tag>}
              </Space>
            ),
          },
          { title: t('roles.name'), dataIndex: i18n.language === 'en' ? 'nameEn' : 'nameZh' },
          {
            title: t('roles.grants'),
            dataIndex: 'grants',
            render: (grants: Role['grants']) => (
              <Space size={[4, 4]} wrap style={{ maxWidth: 520 }}>
                {grants.map((g) => (
                  <Tag key={`${g.permission}:${g.scope}`}>
                    {labels.enumLabel('permission', g.permission)} · {labels.enumLabel('scope', g.scope)}
                  </Tag>
                ))}
              </Space>
            ),
          },
          { title: t('roles.users'), dataIndex: 'userCount' },
          {
            ...actionsColumn,
            title: t('common.actions'),
            render: (_, r) => <RowActions onEdit={() => setEditing(r)} onDelete={r.isBuiltin ? undefined : () => remove(r)} />,
          },
        ]}
      />
      <Drawer
        open={editing !== undefined}
        title={editing ? `${t('common.edit')}: ${editing.code}` : t('roles.create')}
        onClose={() => setEditing(undefined)}
        size={screens.md ? 760 : '100%'}
        destroyOnHidden
        extra={
          <Space>
            <Button onClick={() => setEditing(undefined)} data-testid="form-cancel">
              {t('common.cancel')}
            </Button>
            <Button type="primary" loading={saving} onClick={() => void save()} data-testid="form-save">
              {t('common.save')}
            </Button>
          </Space>
        }
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form
          form={form}
          layout="vertical"
          onValuesChange={clearErrorsOnEdit(form, () => setError((e) => (e === t('form.fixErrors') ? null : e)))}
        >
          <Form.Item name="code" label={t('roles.code')} required>
            <Input disabled={!!editing?.isBuiltin} placeholder={t('shell.example', { example: 'lab_manager' })} />
          </Form.Item>
          <Space wrap style={{ display: 'flex' }}>
            <Form.Item name="nameZh" label={t('roles.nameZh')} required>
              <Input />
            </Form.Item>
            <Form.Item name="nameEn" label={t('roles.nameEn')} required>
              <Input />
            </Form.Item>
          </Space>
          <Form.Item name="description" label={t('roles.description')}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="grants" label={t('roles.matrix')}>
            <GrantMatrix />
          </Form.Item>
        </Form>
      </Drawer>
    </Card>
  );
}
