import { useState } from 'react';
import { Card, Select, Space, Table } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TeachingClass } from '@jiaowu/contracts';
import { teachingClasses } from '../../api/modules.ts';
import { useLabels } from '../../i18n/labels.ts';
import { useTerms } from '../../lib/terms.ts';
import { offeringColumns } from './columns.tsx';

/** Teaching classes (教学班) of a term: what approved course requests became. */
export function TeachingClassesPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const { current, options } = useTerms();
  const [termId, setTermId] = useState<number | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const term = termId ?? current?.id;
  const { data, isFetching } = useQuery({
    queryKey: ['teaching-classes', term, page, pageSize],
    queryFn: () => teachingClasses.list({ termId: term, page, pageSize }),
    enabled: term != null,
    placeholderData: keepPreviousData,
  });
  return (
    <Card title={t('classes.title')}>
      <Space style={{ marginBottom: 12 }}>
        <Select
          style={{ width: 220 }}
          value={term}
          options={options}
          onChange={(v) => {
            setTermId(v);
            setPage(1);
          }}
          data-testid="filter-term"
        />
      </Space>
      <Table<TeachingClass>
        rowKey="id"
        size="middle"
        loading={isFetching}
        dataSource={data?.items ?? []}
        scroll={{ x: 'max-content' }}
        data-testid="table-teaching-classes"
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
        columns={[{ title: t('classes.code'), dataIndex: 'code' }, ...offeringColumns<TeachingClass>(t, labels)]}
      />
    </Card>
  );
}
