import { Card, Select, Skeleton, Space, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryView } from '../../../components/QueryState.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { useTerms } from '../../../lib/terms.ts';
import { FeedButton } from './FeedPanel.tsx';
import { TimetableView } from './TimetableView.tsx';
import { timetableView } from './ttview.api.ts';
import { WeekSelect, type WeekChoice } from './WeekSelect.tsx';

/** 我的课表: a student's or teacher's own timetable, this week by default, phone-friendly. */
export function MyTimetablePage() {
  const { t } = useTranslation();
  const { current, options } = useTerms();
  const [termId, setTermId] = useState<number | undefined>();
  const term = termId ?? current?.id;
  // undefined until the first answer says which week it is; then the user's choice.
  const [week, setWeek] = useState<WeekChoice | null>(null);
  const query = useQuery({
    queryKey: ['timetable-mine', term, week],
    queryFn: () => timetableView.published({ termId: term, week: week ?? undefined }),
    enabled: term != null,
    placeholderData: keepPreviousData,
  });
  // Opens on this week when the term is running, else the whole term.
  const currentWeek = query.data?.currentWeek ?? null;
  useEffect(() => {
    if (week === null && query.data && query.data.week === null && currentWeek !== null) setWeek(currentWeek);
  }, [week, query.data, currentWeek]);
  // The first answer (whole term) only says which week it is: this week's answer follows.
  const deciding = week === null && query.data?.week === null && currentWeek !== null;
  return (
    <Card title={t('ttview.mine.title')} extra={<FeedButton />} styles={{ body: { padding: 12 } }}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          style={{ width: 200 }}
          value={term}
          options={options}
          onChange={(v: number) => {
            setTermId(v);
            setWeek(null);
          }}
          aria-label={t('ttview.term')}
          data-testid="filter-term"
        />
        {query.data && <WeekSelect weeks={query.data.weekList} currentWeek={currentWeek} value={week ?? undefined} onChange={setWeek} />}
      </Space>
      <QueryView query={query}>
        {(data) =>
          deciding ? (
            <Skeleton active data-testid="query-loading" />
          ) : (
            <>
              {data.version && (
                <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                  {data.owner.name} · {t('ttview.version', { n: data.version.versionNo, at: formatDateTime(data.version.publishedAt) })}
                </Typography.Paragraph>
              )}
              <TimetableView data={data} />
            </>
          )
        }
      </QueryView>
    </Card>
  );
}
