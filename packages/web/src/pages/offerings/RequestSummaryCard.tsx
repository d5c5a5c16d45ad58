import { Card, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { RequestSummaryRow } from '@jiaowu/contracts';
import { requestTools } from '../../api/pagesx.ts';
import { QueryView } from '../../components/QueryState.tsx';

/** Per college: requests, approved, under review, returned, rejected (the server counts in the reader's scope). */
export function RequestSummaryCard({ termId, onCollege }: { termId: number | undefined; onCollege: (id: number) => void }) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: ['course-request-summary', termId],
    queryFn: () => requestTools.summary({ termId }),
    enabled: termId != null,
  });
  const k = (key: string) => t(`pagesx.requests.${key}`);
  const num = (v: number) => <span style={{ whiteSpace: 'nowrap' }}>{v}</span>;
  return (
    <Card size="small" title={k('summary')} style={{ marginBottom: 12 }} data-testid="request-summary-card">
      <QueryView query={query} rows={2}>
        {(rows) => (
          <Table<RequestSummaryRow>
            rowKey="collegeId"
            size="small"
            pagination={false}
            dataSource={rows}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: k('summaryEmpty') }}
            onRow={(r) => ({ onClick: () => onCollege(r.collegeId), style: { cursor: 'pointer' } })}
            data-testid="table-request-summary"
            columns={[
              { title: k('college'), dataIndex: 'collegeName' },
              { title: k('total'), dataIndex: 'total', render: num },
              { title: k('approved'), dataIndex: 'approved', render: num },
              { title: k('pending'), dataIndex: 'pending', render: num },
              { title: k('returned'), dataIndex: 'returned', render: num },
              { title: k('rejected'), dataIndex: 'rejected', render: num },
              { title: k('draft'), dataIndex: 'draft', render: num },
            ]}
          />
        )}
      </QueryView>
    </Card>
  );
}
