import { useState } from 'react';
import { Card, DatePicker, Input, Select, Space, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ACADEMIC_AUDIT_ENTITIES, AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS, type AuditEntry } from '@jiaowu/contracts';
import { audit } from '../../api/endpoints.ts';
import { useSession } from '../../auth/session.tsx';
import { AuditDiff } from '../../components/AuditDiff.tsx';
import { QueryTable } from '../../components/QueryState.tsx';
import { useLabels } from '../../i18n/labels.ts';
import { endOfSchoolDay, formatDateTimeSeconds, startOfSchoolDay } from '../../lib/time.ts';

interface Filters {
  q?: string;
  action?: string;
  entityType?: string;
  actor?: string;
  from?: string;
  to?: string;
}

/**
 * The append-only audit log in words: who did what to which record, each
 * entry expandable into the fields it changed. The search box takes the
 * action's words (修改学生, 登录); the server answers in the page's language.
 */
export function AuditPage() {
  const { t } = useTranslation();
  const { lang } = useLabels();
  const { can } = useSession();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [filters, setFilters] = useState<Filters>({});
  const query = useQuery({
    // The entries come worded in the request's language: a language switch reads them again.
    queryKey: ['audit', lang, page, pageSize, filters],
    queryFn: () => audit.list({ page, pageSize, ...filters }),
    placeholderData: keepPreviousData,
  });
  const set = (patch: Filters) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
  };
  const onRange = (range: [Dayjs | null, Dayjs | null] | null) =>
    // Day boundaries at the school, whatever the browser's zone.
    set({
      from: range?.[0] ? startOfSchoolDay(range[0].format('YYYY-MM-DD')).toISOString() : undefined,
      to: range?.[1] ? endOfSchoolDay(range[1].format('YYYY-MM-DD')).toISOString() : undefined,
    });

  // The office reads its own domain only: offer the filters that can match something.
  const entityTypes = (
    can('audit.read') ? Object.keys(AUDIT_ENTITY_LABELS) : [...ACADEMIC_AUDIT_ENTITIES]
  ) as (keyof typeof AUDIT_ENTITY_LABELS)[];
  const entityOptions = entityTypes.map((e) => ({ value: e, label: AUDIT_ENTITY_LABELS[e][lang] }));
  // An action's entity is its prefix (students.update); approval actions (workflow.*) are on approvals.
  const entityOfAction = (action: string) => (action.startsWith('workflow.') ? 'workflow_instances' : action.split('.')[0]);
  const actionOptions = Object.entries(AUDIT_ACTION_LABELS)
    .filter(([a]) => can('audit.read') || (entityTypes as string[]).includes(entityOfAction(a)))
    .map(([value, l]) => ({ value, label: l[lang] }));

  return (
    <Card title={t('audit.title')}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('auditx.search')}
          onSearch={(q) => set({ q: q || undefined })}
          style={{ width: 280 }}
          data-testid="audit-search"
        />
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('auditx.actionFilter')}
          options={actionOptions}
          onChange={(action?: string) => set({ action })}
          style={{ width: 200 }}
        />
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('auditx.entityFilter')}
          options={entityOptions}
          onChange={(entityType?: string) => set({ entityType })}
          style={{ width: 160 }}
        />
        <Input.Search
          allowClear
          placeholder={t('auditx.actorFilter')}
          onSearch={(actor) => set({ actor: actor || undefined })}
          style={{ width: 160 }}
        />
        <DatePicker.RangePicker onChange={(r) => onRange(r as [Dayjs | null, Dayjs | null] | null)} />
      </Space>
      <QueryTable<AuditEntry>
        query={query}
        rowKey="id"
        size="middle"
        scroll={{ x: 'max-content' }}
        data-testid="audit-table"
        expandable={{ expandedRowRender: (e) => <AuditDiff entry={e} />, rowExpandable: () => true }}
        pagination={{
          current: page,
          pageSize,
          total: query.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (p, s) => {
            setPage(s !== pageSize ? 1 : p);
            setPageSize(s);
          },
        }}
        columns={[
          { title: t('audit.at'), dataIndex: 'at', render: (v: string) => formatDateTimeSeconds(v) },
          {
            title: t('audit.actor'),
            dataIndex: 'actorLabel',
            render: (v: string | null, e) => (
              <Space size={4}>
                <span title={e.actorName ?? undefined}>{v ?? '—'}</span>
                {e.actorKind !== 'system' && <Tag>{t(`audit.kind.${e.actorKind}`)}</Tag>}
              </Space>
            ),
          },
          {
            title: t('audit.action'),
            dataIndex: 'actionLabel',
            render: (v: string) => (
              <Tag color="blue" data-testid="audit-action">
                {v}
              </Tag>
            ),
          },
          {
            title: t('auditx.entity'),
            dataIndex: 'entityName',
            render: (v: string | null, e) => (
              <Space size={4}>
                <Typography.Text type="secondary">{e.entityLabel}</Typography.Text>
                {v && <span>{v}</span>}
              </Space>
            ),
          },
          {
            title: t('auditx.changedFields'),
            dataIndex: 'changes',
            render: (changes: AuditEntry['changes']) =>
              changes.length ? (
                <Typography.Text type="secondary" ellipsis style={{ maxWidth: 260 }}>
                  {changes.map((c) => c.label).join(lang === 'en' ? ', ' : '、')}
                </Typography.Text>
              ) : null,
          },
          { title: t('audit.ip'), dataIndex: 'ip' },
        ]}
      />
    </Card>
  );
}
