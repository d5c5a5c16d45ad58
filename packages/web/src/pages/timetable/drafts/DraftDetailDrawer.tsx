import { Drawer, Empty, List, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { UnplacedItem } from '@jiaowu/contracts';
import { QueryView } from '../../../components/QueryState.tsx';
import { draftsApi } from './api.ts';
import { SummaryLine } from './SummaryLine.tsx';

/** A draft's result: the summary and every unplaced lecture with the reasons in words. */
export function DraftDetailDrawer({ draftId, onClose }: { draftId: number | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const query = useQuery({
    queryKey: ['timetable-draft', draftId, i18n.language],
    queryFn: () => draftsApi.get(draftId!),
    enabled: draftId !== null,
  });
  return (
    <Drawer open={draftId !== null} onClose={onClose} size="large" title={query.data?.name ?? t('ttsolve.details')} destroyOnHidden>
      <QueryView query={query}>
        {(d) => (
          <Space orientation="vertical" style={{ width: '100%' }} data-testid="draft-detail">
            <SummaryLine draft={d} />
            <Typography.Title level={5}>{t('ttsolve.unplacedTitle', { n: d.unplaced.length })}</Typography.Title>
            {d.unplaced.length === 0 ? (
              <Empty description={t('ttsolve.unplacedNone')} />
            ) : (
              <Table<UnplacedItem>
                size="small"
                rowKey={(r) => r.lecture.key}
                dataSource={d.unplaced}
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                data-testid="unplaced-table"
                columns={[
                  {
                    title: t('ttsolve.course'),
                    render: (_, r) => (
                      <span style={{ whiteSpace: 'nowrap' }}>
                        {i18n.language === 'en' && r.lecture.courseNameEn ? r.lecture.courseNameEn : r.lecture.courseName}{' '}
                        {r.lecture.teachingClassCode}
                      </span>
                    ),
                  },
                  { title: t('ttsolve.teachers'), render: (_, r) => r.lecture.teacherNames.join('、') },
                  { title: t('ttsolve.classes'), render: (_, r) => r.lecture.adminClassNames.join('、') },
                  {
                    title: t('ttsolve.reasons'),
                    render: (_, r) => (
                      <List
                        size="small"
                        dataSource={r.reasons}
                        renderItem={(x) => <List.Item style={{ padding: '2px 0' }}>{x.message}</List.Item>}
                      />
                    ),
                  },
                ]}
              />
            )}
            {d.basedOnVersionId !== null && <Tag color="blue">{t('ttsolve.basedOn')}</Tag>}
          </Space>
        )}
      </QueryView>
    </Drawer>
  );
}
