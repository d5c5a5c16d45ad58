import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Form, Input, InputNumber, Modal, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { createApiTokenRequest, PERMISSIONS, type ApiToken, type Paged } from '@jiaowu/contracts';
import { ApiError } from '../../api/client.ts';
import { apiTokens } from '../../api/endpoints.ts';
import { useLabels } from '../../i18n/labels.ts';
import { clearErrorsOnEdit, showApiFieldErrors, validateWith } from '../../lib/form-errors.ts';
import { QueryTable } from '../../components/QueryState.tsx';
import { RowActions, useActionsColumn } from '../../components/RowActions.tsx';
import { formatDateTime } from '../../lib/time.ts';

const fmt = (v: string | null) => (v ? formatDateTime(v) : '—');

/** API tokens for integrations: create (the token is shown once), list, revoke. */
export function ApiTokensPage() {
  const { t } = useTranslation();
  const actionsColumn = useActionsColumn();
  const labels = useLabels();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const list = useQuery({ queryKey: ['api-tokens'], queryFn: apiTokens.list });
  const reload = () => qc.invalidateQueries({ queryKey: ['api-tokens'] });

  const create = async () => {
    setError(null);
    const v = form.getFieldsValue(true);
    const body = validateWith(
      form,
      createApiTokenRequest,
      { ...v, permissions: v.permissions ?? [], expiresInDays: v.expiresInDays ?? null },
      labels,
    );
    if (!body) return setError(t('form.fixErrors'));
    try {
      const res = await apiTokens.create(body);
      setCreating(false);
      setCreated(res.token);
      await reload();
    } catch (e) {
      showApiFieldErrors(form, e);
      setError(e instanceof ApiError ? e.message : t('errors.network'));
    }
  };
  const revoke = async (tok: ApiToken) => {
    try {
      await apiTokens.revoke(tok.id);
      message.success(t('tokens.revoked'));
      await reload();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : t('errors.network'));
    }
  };

  return (
    <Card
      title={t('tokens.title')}
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => {
            form.resetFields();
            setError(null);
            setCreating(true);
          }}
        >
          {t('tokens.create')}
        </Button>
      }
    >
      <QueryTable<ApiToken, ApiToken[] | Paged<ApiToken>>
        query={list}
        rowKey="id"
        size="middle"
        data-testid="table-api-tokens"
        scroll={{ x: 'max-content' }}
        pagination={false}
        columns={[
          { title: t('tokens.name'), dataIndex: 'name' },
          { title: t('tokens.prefix'), dataIndex: 'prefix', render: (v: string) => <Typography.Text code>{v}…</Typography.Text> },
          {
            title: t('tokens.permissions'),
            dataIndex: 'permissions',
            render: (ps: string[]) => ps.map((p) => <Tag key={p}>{labels.enumLabel('permission', p)}</Tag>),
          },
          { title: t('tokens.createdAt'), dataIndex: 'createdAt', className: 'num', render: fmt },
          {
            title: t('tokens.expiresAt'),
            dataIndex: 'expiresAt',
            className: 'num',
            render: (v: string | null) => (v ? fmt(v) : t('tokens.never')),
          },
          { title: t('tokens.lastUsed'), dataIndex: 'lastUsedAt', className: 'num', render: fmt },
          {
            title: t('tokens.status'),
            render: (_, tok) => (tok.revokedAt ? <Tag>{t('tokens.revoked')}</Tag> : <Tag color="green">{t('tokens.active')}</Tag>),
          },
          {
            ...actionsColumn,
            title: t('common.actions'),
            // Revoking is this list's delete: the same place and icon, its own question.
            render: (_, tok) =>
              tok.revokedAt ? null : <RowActions onDelete={() => revoke(tok)} deleteConfirm={t('tokens.confirmRevoke')} />,
          },
        ]}
      />
      <Modal
        open={creating}
        title={t('tokens.create')}
        onOk={() => void create()}
        onCancel={() => setCreating(false)}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        destroyOnHidden
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Form
          form={form}
          layout="vertical"
          onValuesChange={clearErrorsOnEdit(form, () => setError((e) => (e === t('form.fixErrors') ? null : e)))}
        >
          <Form.Item name="name" label={t('tokens.name')} required>
            <Input placeholder={t('shell.example', { example: t('shell.examples.tokenName') })} />
          </Form.Item>
          <Form.Item name="permissions" label={t('tokens.permissions')} required>
            <Checkbox.Group options={PERMISSIONS.map((p) => ({ value: p, label: labels.enumLabel('permission', p) }))} />
          </Form.Item>
          <Form.Item name="expiresInDays" label={t('tokens.expiresInDays')}>
            <InputNumber min={1} max={3650} placeholder={t('tokens.never')} style={{ width: 160 }} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={!!created}
        title={t('tokens.create')}
        onOk={() => setCreated(null)}
        onCancel={() => setCreated(null)}
        cancelButtonProps={{ style: { display: 'none' } }}
      >
        <Alert type="warning" showIcon title={t('tokens.shownOnce')} style={{ marginBottom: 12 }} />
        <Typography.Paragraph copyable={{ text: created ?? '' }} code style={{ wordBreak: 'break-all' }} data-testid="new-token">
          {created}
        </Typography.Paragraph>
      </Modal>
    </Card>
  );
}
