import { Button, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TimetableVersionView } from '@jiaowu/contracts';
import { QueryTable } from '../../../components/QueryState.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { timetableView } from './ttview.api.ts';

/** The versions of a term's published timetable, newest first; `onView` opens one. */
export function VersionsList({ termId, onView }: { termId: number; onView?: (versionNo: number) => void }) {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: ['timetable-versions', termId], queryFn: () => timetableView.versions(termId) });
  return (
    <QueryTable<TimetableVersionView, { items: TimetableVersionView[] }>
      query={query}
      rowKey="id"
      size="small"
      pagination={false}
      scroll={{ x: 'max-content' }}
      data-testid="table-versions"
      columns={[
        {
          title: t('ttview.versions.no'),
          dataIndex: 'versionNo',
          render: (n: number, _r, i) => (
            <>
              {n} {i === 0 && <Tag color="green">{t('ttview.versions.current')}</Tag>}
            </>
          ),
        },
        {
          title: t('ttview.versions.source'),
          dataIndex: 'source',
          render: (s: string) => t(`ttview.versions.sources.${s}`, { defaultValue: s }),
        },
        { title: t('ttview.versions.at'), dataIndex: 'publishedAt', render: (v: string) => formatDateTime(v) },
        { title: t('ttview.versions.by'), dataIndex: 'publishedByName', render: (v: string | null) => v ?? t('ttview.versions.system') },
        { title: t('ttview.versions.lectures'), dataIndex: 'lectureCount' },
        { title: t('ttview.versions.note'), dataIndex: 'note' },
        ...(onView
          ? [
              {
                title: '',
                key: 'view',
                render: (_: unknown, r: TimetableVersionView) => (
                  <Button size="small" type="link" onClick={() => onView(r.versionNo)}>
                    {t('ttview.versions.view')}
                  </Button>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}
