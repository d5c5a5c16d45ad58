import { useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { LIMITS, type User } from '@jiaowu/contracts';
import { ApiError } from '../../api/client.ts';
import { users } from '../../api/endpoints.ts';
import { UserForm } from './UserForm.tsx';
import { formatDateTime } from '../../lib/time.ts';

/** Users admin: list, create, edit (roles), reset password, unlock. */
export function UsersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<User | null | undefined>(undefined);
  const [resetting, setResetting] = useState<User | null>(null);
  const [resetForm] = Form.useForm<{ newPassword: string }>();
  const { data, isFetching } = useQuery({
    queryKey: ['users', page, pageSize, q],
    queryFn: () => users.list({ page, pageSize, q }),
    placeholderData: keepPreviousData,
  });
  const reload = () => qc.invalidateQueries({ queryKey: ['users'] });
  const fail = (e: unknown) => message.error(e instanceof ApiError ? e.message : t('errors.network'));

  const unlock = async (u: User) => {
    try {
      await users.unlock(u.id);
      message.success(t('users.unlocked'));
      await reload();
    } catch (e) {
      fail(e);
    }
  };
  const resetPassword = async () => {
    const { newPassword } = await resetForm.validateFields();
    try {
      await users.resetPassword(resetting!.id, newPassword);
      message.success(t('users.passwordReset'));
      setResetting(null);
    } catch (e) {
      fail(e);
    }
  };
  const isLocked = (u: User) => !!u.lockedUntil && dayjs(u.lockedUntil).isAfter(dayjs());

  return (
    <Card
      title={t('users.title')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
          {t('users.create')}
        </Button>
      }
    >
      <Input.Search
        allowClear
        placeholder={t('common.search')}
        onSearch={(v) => {
          setQ(v);
          setPage(1);
        }}
        style={{ width: 240, marginBottom: 12 }}
      />
      <Table<User>
        rowKey="id"
        size="middle"
        loading={isFetching}
        dataSource={data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          showTotal: (total) => t('common.total', { total }),
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
        columns={[
          { title: t('users.username'), dataIndex: 'username' },
          { title: t('users.displayName'), dataIndex: 'displayName' },
          {
            title: t('users.roles'),
            dataIndex: 'roles',
            render: (roles: User['roles']) => roles.map((r) => <Tag key={`${r.roleId}-${r.collegeId}`}>{r.roleName}</Tag>),
          },
          {
            title: t('users.status'),
            render: (_, u) => (
              <Space size={4}>
                {u.isDisabled ? <Tag color="default">{t('users.disabled')}</Tag> : <Tag color="green">{t('users.active')}</Tag>}
                {isLocked(u) && <Tag color="red">{t('users.locked')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('users.lastLogin'),
            dataIndex: 'lastLoginAt',
            render: (v: string | null) => (v ? formatDateTime(v) : '—'),
          },
          {
            title: t('common.actions'),
            fixed: 'right',
            render: (_, u) => (
              <Space size={0} wrap>
                <Button type="link" size="small" onClick={() => setEditing(u)}>
                  {t('common.edit')}
                </Button>
                <Button
                  type="link"
                  size="small"
                  onClick={() => {
                    resetForm.resetFields();
                    setResetting(u);
                  }}
                >
                  {t('users.resetPassword')}
                </Button>
                {isLocked(u) && (
                  <Button type="link" size="small" onClick={() => void unlock(u)}>
                    {t('users.unlock')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <UserForm
        user={editing}
        onClose={() => setEditing(undefined)}
        onSaved={() => {
          setEditing(undefined);
          void reload();
        }}
      />
      <Modal
        open={!!resetting}
        title={`${t('users.resetPassword')}: ${resetting?.username ?? ''}`}
        onOk={() => void resetPassword()}
        onCancel={() => setResetting(null)}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        destroyOnHidden
      >
        <Form form={resetForm} layout="vertical">
          <Form.Item
            name="newPassword"
            label={t('users.newPassword')}
            rules={[{ required: true }, { min: LIMITS.passwordMin, message: t('password.min', { min: LIMITS.passwordMin }) }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
