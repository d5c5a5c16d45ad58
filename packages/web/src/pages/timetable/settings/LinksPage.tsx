import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { sessionsText, type LinkClassItem, type LinkItem } from '@jiaowu/contracts';
import { ApiError } from '../../../api/client.ts';
import { QueryTable } from '../../../components/QueryState.tsx';
import { apiFieldErrors } from '../../../lib/form-errors.ts';
import { useTerms } from '../../../lib/terms.ts';
import { useListParams } from '../../offerings/useListParams.ts';
import { ttSettingsApi } from './api.ts';

const classLabel = (c: LinkClassItem, lang: string) => `${c.code} ${lang === 'en' ? (c.courseNameEn ?? c.courseName) : c.courseName}`;

function NewLinkModal({ termId, open, onClose }: { termId: number; open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [q, setQ] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const classes = useQuery({
    queryKey: ['tt-link-classes', termId, q],
    queryFn: () => ttSettingsApi.linkClasses(termId, q),
    enabled: open,
  });
  const l = (k: string, o: Record<string, unknown> = {}) => t(`ttsettings.links.${k}`, o);
  const submit = async () => {
    const v = (await form.validateFields()) as { name: string; teachingClassIds: number[] };
    setBusy(true);
    setErrors([]);
    try {
      await ttSettingsApi.createLink({ termId, name: v.name, teachingClassIds: v.teachingClassIds });
      message.success(l('created'));
      await qc.invalidateQueries({ queryKey: ['tt-links', termId] });
      form.resetFields();
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.fields.length) {
        // Row errors (teachingClassIds.2) are about the class picker as a whole.
        form.setFields(apiFieldErrors(e).map((f) => ({ ...f, name: [f.name[0]] })));
        setErrors(e.fields.map((f) => f.message));
      } else message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={l('add')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={busy}
      width={640}
      destroyOnHidden
      okButtonProps={{ id: 'link-save' }}
    >
      {errors.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          message={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          }
          data-testid="link-errors"
        />
      )}
      <Form form={form} layout="vertical">
        <Form.Item name="name" label={l('name')} rules={[{ required: true }]}>
          <Input maxLength={60} placeholder={l('namePlaceholder')} data-testid="link-name" />
        </Form.Item>
        <Form.Item name="teachingClassIds" label={l('classes')} rules={[{ required: true, type: 'array', min: 2 }]}>
          <Select
            mode="multiple"
            showSearch
            filterOption={false}
            onSearch={setQ}
            loading={classes.isFetching}
            placeholder={l('search')}
            data-testid="link-classes"
            options={(classes.data?.items ?? []).map((c) => ({
              value: c.id,
              disabled: !!c.linkName,
              label: (
                <Space>
                  {classLabel(c, i18n.language)}
                  <Typography.Text type="secondary">
                    {l('sessions')} {sessionsText(c.sessions)} · {c.teacherNames.join('、')}
                  </Typography.Text>
                  {c.linkName && <Tag>{l('inGroup', { name: c.linkName })}</Tag>}
                </Space>
              ),
            }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 同时上课: groups of teaching classes that must meet at one time. */
export function LinksPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { current, options } = useTerms();
  const { num, set } = useListParams();
  const termId = num('termId') ?? current?.id;
  const [open, setOpen] = useState(false);
  const query = useQuery({ queryKey: ['tt-links', termId], queryFn: () => ttSettingsApi.links(termId!), enabled: termId != null });
  const l = (k: string, o: Record<string, unknown> = {}) => t(`ttsettings.links.${k}`, o);
  const remove = async (id: number) => {
    try {
      await ttSettingsApi.removeLink(id);
      message.success(l('removed'));
      await qc.invalidateQueries({ queryKey: ['tt-links', termId] });
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <Card
      title={l('title')}
      extra={
        <Space>
          <Select
            style={{ width: 220 }}
            value={termId}
            options={options}
            onChange={(v) => set({ termId: v })}
            data-testid="filter-term"
            aria-label={t('ttsettings.term')}
          />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} disabled={termId == null} data-testid="link-add">
            {l('add')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{l('help')}</Typography.Paragraph>
      <QueryTable<LinkItem, LinkItem[]>
        query={query}
        rowKey="id"
        pagination={false}
        locale={{ emptyText: l('empty') }}
        data-testid="table-links"
        columns={[
          { title: l('name'), dataIndex: 'name' },
          {
            title: l('classes'),
            render: (_, r) => (
              <Space wrap>
                {r.teachingClasses.map((c) => (
                  <Tag key={c.id}>{classLabel(c, i18n.language)}</Tag>
                ))}
              </Space>
            ),
          },
          { title: l('sessions'), render: (_, r) => [...new Set(r.teachingClasses.map((c) => sessionsText(c.sessions)))].join(' / ') },
          {
            title: '',
            width: 90,
            render: (_, r) => (
              <Popconfirm title={l('removeConfirm', { name: r.name })} onConfirm={() => void remove(r.id)}>
                <Button size="small" danger>
                  {l('remove')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
      {termId != null && <NewLinkModal termId={termId} open={open} onClose={() => setOpen(false)} />}
    </Card>
  );
}
