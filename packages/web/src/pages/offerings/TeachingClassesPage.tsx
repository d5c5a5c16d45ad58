import { Link, useNavigate } from 'react-router';
import { Card, Input, Select, Space } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Paged, TeachingClass } from '@jiaowu/contracts';
import { teachingClasses } from '../../api/modules.ts';
import { QueryTable } from '../../components/QueryState.tsx';
import { useLabels } from '../../i18n/labels.ts';
import { useTerms } from '../../lib/terms.ts';
import { offeringColumns } from './columns.tsx';
import { useListParams } from './useListParams.ts';

/** Teaching classes (教学班) of a term: what approved course requests became. A row opens the class. */
export function TeachingClassesPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const navigate = useNavigate();
  const { current, options } = useTerms();
  const { num, str, set, from } = useListParams();
  const term = num('termId') ?? current?.id;
  const page = num('page') ?? 1;
  const pageSize = num('pageSize') ?? 20;
  const q = str('q');
  const query = useQuery({
    queryKey: ['teaching-classes', term, page, pageSize, q],
    queryFn: () => teachingClasses.list({ termId: term, page, pageSize, q }),
    enabled: term != null,
    placeholderData: keepPreviousData,
  });
  const open = (id: number) => void navigate(`/teaching-classes/${id}`, { state: { from: from() } });
  return (
    <Card title={t('classes.title')}>
      <Space style={{ marginBottom: 12 }}>
        <Select style={{ width: 220 }} value={term} options={options} onChange={(v) => set({ termId: v })} data-testid="filter-term" />
        {/* A term has hundreds of classes: find one by its code or its course's name. */}
        <Input.Search
          key={q ?? ''}
          allowClear
          defaultValue={q}
          placeholder={t('table.searchPlaceholder')}
          onSearch={(v) => set({ q: v.trim() || undefined })}
          style={{ width: 260 }}
          data-testid="table-search"
        />
      </Space>
      <QueryTable<TeachingClass, Paged<TeachingClass>>
        query={query}
        rowKey="id"
        size="middle"
        scroll={{ x: 'max-content' }}
        data-testid="table-teaching-classes"
        onRow={(r) => ({ onClick: () => open(r.id), style: { cursor: 'pointer' } })}
        pagination={{
          current: page,
          pageSize,
          total: query.data?.total ?? 0,
          showTotal: (total) => t('common.total', { total }),
          onChange: (p, s) => set({ page: p, pageSize: s }),
        }}
        columns={[
          {
            title: t('classes.code'),
            dataIndex: 'code',
            render: (v: string, r) => (
              <Link
                to={`/teaching-classes/${r.id}`}
                onClick={(e) => {
                  // A plain click opens it here with the list's address; ctrl/middle-click a new tab.
                  if (e.ctrlKey || e.metaKey || e.shiftKey) return e.stopPropagation();
                  e.preventDefault();
                  e.stopPropagation();
                  open(r.id);
                }}
                style={{ whiteSpace: 'nowrap' }}
              >
                {v}
              </Link>
            ),
          },
          ...offeringColumns<TeachingClass>(t, labels),
        ]}
      />
    </Card>
  );
}
