import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Select, Space, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ACCOUNT_KINDS, ACCOUNT_STATUSES, LIMITS, type AccountFilter, type AccountItem, type User } from '@jiaowu/contracts';
import { ApiError } from '../../api/client.ts';
import { accounts, users } from '../../api/endpoints.ts';
import { useSession } from '../../auth/session.tsx';
import { ApiSelect } from '../../components/ApiSelect.tsx';
import { QueryTable } from '../../components/QueryState.tsx';
import { AccountBulkBar, selectionSize, type AccountSelection } from './accounts/AccountBulkBar.tsx';
import { IssueJobModal } from './accounts/IssueJobModal.tsx';
import { PasswordPolicyCard } from './accounts/PasswordPolicyCard.tsx';
import { UserForm } from './UserForm.tsx';
import { formatDateTime } from '../../lib/time.ts';

/**
 * Users and accounts: every account with the person behind it, filtered by type, college and
 * status; bulk reset (with the handout list), disable and enable; the initial password policy.
 * Creating and editing users (roles), single resets and unlocking stay with `users.manage`.
 */
export function UsersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useSession();
  const isAdmin = can('users.manage');
  const qc = useQueryClient();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [filter, setFilter] = useState<AccountFilter>({});
  const [selection, setSelection] = useState<AccountSelection>({ ids: [] });
  const [jobId, setJobId] = useState<number | null>(null);
  const [editing, setEditing] = useState<User | null | undefined>(undefined);
  const [resetting, setResetting] = useState<User | null>(null);
  const [resetForm] = Form.useForm<{ newPassword: string }>();
  const query = useQuery({
    queryKey: ['accounts', page, pageSize, filter],
    queryFn: () => accounts.list({ page, pageSize, ...filter }),
    placeholderData: keepPreviousData,
  });
  const unissued = useQuery({
    queryKey: ['accounts', 'unissued'],
    queryFn: () => accounts.list({ page: 1, pageSize: 1, status: 'unissued' }),
  });
  const reload = () => qc.invalidateQueries({ queryKey: ['accounts'] });
  const fail = (e: unknown) => message.error(e instanceof ApiError ? e.message : t('errors.network'));
  const changeFilter = (next: Partial<AccountFilter>) => {
    setFilter((f) => ({ ...f, ...next }));
    setPage(1);
    setSelection({ ids: [] });
  };

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
      await reload();
    } catch (e) {
      fail(e);
    }
  };
  const isLocked = (u: User) => !!u.lockedUntil && dayjs(u.lockedUntil).isAfter(dayjs());
  const total = query.data?.total ?? 0;
  const kinds = isAdmin ? ACCOUNT_KINDS : ACCOUNT_KINDS.filter((k) => k !== 'staff');

  return (
    <>
      <PasswordPolicyCard />
      <Card
        title={t('accounts.title')}
        extra={
          isAdmin && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
              {t('users.create')}
            </Button>
          )
        }
      >
        {!!unissued.data?.total && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="unissued-banner"
            title={t('accounts.unissuedBanner', { count: unissued.data.total })}
            action={
              <Button
                size="small"
                type="primary"
                onClick={() => {
                  changeFilter({ status: 'unissued' });
                  setSelection({ filter: { status: 'unissued' }, total: unissued.data.total });
                }}
              >
                {t('accounts.issueAll')}
              </Button>
            }
          />
        )}
        <Space wrap style={{ marginBottom: 12 }}>
          <Input.Search
            allowClear
            placeholder={t('common.search')}
            onSearch={(q) => changeFilter({ q: q || undefined })}
            style={{ width: 220 }}
          />
          <Select
            allowClear
            placeholder={t('accounts.allKinds')}
            style={{ width: 140 }}
            value={filter.kind}
            onChange={(kind) => changeFilter({ kind })}
            options={kinds.map((k) => ({ value: k, label: t(`accounts.kinds.${k}`) }))}
            data-testid="filter-kind"
          />
          <ApiSelect
            path="/colleges"
            allowClear
            placeholder={t('accounts.allColleges')}
            style={{ width: 200 }}
            value={filter.collegeId}
            onChange={(collegeId) => changeFilter({ collegeId })}
          />
          <Select
            allowClear
            placeholder={t('accounts.allStatuses')}
            style={{ width: 160 }}
            value={filter.status}
            onChange={(status) => changeFilter({ status })}
            options={ACCOUNT_STATUSES.map((s) => ({ value: s, label: t(`accounts.statuses.${s}`) }))}
            data-testid="filter-status"
          />
        </Space>
        {selectionSize(selection) > 0 && (
          <AccountBulkBar
            selection={selection}
            total={total}
            onSelectAllMatching={() => setSelection({ filter, total })}
            onClear={() => setSelection({ ids: [] })}
            onJob={setJobId}
            onChanged={() => {
              setSelection({ ids: [] });
              void reload();
            }}
          />
        )}
        <QueryTable<AccountItem>
          query={query}
          rowKey="id"
          size="middle"
          scroll={{ x: 'max-content' }}
          rowSelection={{
            selectedRowKeys: 'ids' in selection ? selection.ids : (query.data?.items.map((u) => u.id) ?? []),
            onChange: (keys) => setSelection({ ids: keys.map(Number) }),
            preserveSelectedRowKeys: true,
          }}
          pagination={{
            current: page,
            pageSize,
            total,
            showTotal: (n) => t('common.total', { total: n }),
            onChange: (p, s) => {
              setPage(p);
              setPageSize(s);
            },
          }}
          columns={[
            { title: t('users.username'), dataIndex: 'username' },
            { title: t('users.displayName'), dataIndex: 'displayName' },
            { title: t('accounts.kind'), dataIndex: 'kind', render: (k: AccountItem['kind']) => t(`accounts.kinds.${k}`) },
            { title: t('accounts.group'), dataIndex: 'groupName', render: (v: string | null) => v ?? '—' },
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
                  {!u.passwordIssued && <Tag color="orange">{t('accounts.statuses.unissued')}</Tag>}
                  {isLocked(u) && <Tag color="red">{t('users.locked')}</Tag>}
                </Space>
              ),
            },
            {
              title: t('users.lastLogin'),
              dataIndex: 'lastLoginAt',
              render: (v: string | null) => (v ? formatDateTime(v) : '—'),
            },
            ...(isAdmin
              ? [
                  {
                    title: t('common.actions'),
                    fixed: 'right' as const,
                    render: (_: unknown, u: AccountItem) => (
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
                ]
              : []),
          ]}
        />
      </Card>
      <IssueJobModal
        jobId={jobId}
        onClose={() => {
          setJobId(null);
          void reload();
        }}
      />
      {isAdmin && (
        <UserForm
          user={editing}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            void reload();
          }}
        />
      )}
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
    </>
  );
}
