import { Card, Col, Row, Select, Space, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ttchange } from '../../../api/ttchange.ts';
import { QueryView } from '../../../components/QueryState.tsx';
import { useTerms } from '../../../lib/terms.ts';
import { useListParams } from '../../offerings/useListParams.ts';

/** 调课统计 for the office: changes per teacher, college, reason and kind in a term. */
export function ChangeStatsPage() {
  const { t } = useTranslation();
  const { current, options } = useTerms();
  const { num, set } = useListParams();
  const termId = num('termId') ?? current?.id;
  const query = useQuery({ queryKey: ['tt-change-stats', termId], queryFn: () => ttchange.stats(termId!), enabled: termId != null });
  const count = { title: t('ttchange.count'), dataIndex: 'count' };
  const periods = { title: t('ttchange.periodsCount'), dataIndex: 'periods' };
  return (
    <Card title={t('ttchange.stats')}>
      <Space style={{ marginBottom: 12 }}>
        <Select
          style={{ width: 200 }}
          value={termId}
          options={options}
          onChange={(v) => set({ termId: v })}
          aria-label={t('ttchange.term')}
        />
      </Space>
      <QueryView query={query}>
        {(s) => (
          <Row gutter={[16, 16]} data-testid="change-stats">
            <Col span={24}>{t('ttchange.total', { n: s.total })}</Col>
            <Col xs={24} md={12}>
              <Card type="inner" title={t('ttchange.byTeacher')}>
                <Table
                  size="small"
                  rowKey={(r) => String(r.teacherId)}
                  pagination={{ pageSize: 10 }}
                  dataSource={s.byTeacher}
                  columns={[{ title: t('ttchange.teacher'), dataIndex: 'name' }, count, periods]}
                />
              </Card>
            </Col>
            <Col xs={24} md={12}>
              <Card type="inner" title={t('ttchange.byCollege')}>
                <Table
                  size="small"
                  rowKey="collegeId"
                  pagination={{ pageSize: 10 }}
                  dataSource={s.byCollege}
                  columns={[{ title: t('ttchange.college'), dataIndex: 'name' }, count, periods]}
                />
              </Card>
            </Col>
            <Col xs={24} md={12}>
              <Card type="inner" title={t('ttchange.byReason')}>
                <Table
                  size="small"
                  rowKey="reasonKind"
                  pagination={false}
                  dataSource={s.byReason}
                  columns={[
                    { title: t('ttchange.reasonKind'), dataIndex: 'reasonKind', render: (r: string) => t(`ttchange.reasons.${r}`) },
                    count,
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} md={12}>
              <Card type="inner" title={t('ttchange.byKind')}>
                <Table
                  size="small"
                  rowKey="kind"
                  pagination={false}
                  dataSource={s.byKind}
                  columns={[{ title: t('ttchange.kind'), dataIndex: 'kind', render: (k: string) => t(`ttchange.kinds.${k}`) }, count]}
                />
              </Card>
            </Col>
          </Row>
        )}
      </QueryView>
    </Card>
  );
}
