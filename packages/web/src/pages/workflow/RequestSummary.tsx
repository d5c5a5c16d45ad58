import { Link } from 'react-router';
import { Descriptions, Divider, Space, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { requests } from '../../api/modules.ts';
import { QueryView } from '../../components/QueryState.tsx';
import { useLabels } from '../../i18n/labels.ts';
import { formatWeeks } from '../offerings/columns.tsx';

/** The details of a course request, as an approver sees them in the task drawer. */
export function RequestSummary({ id }: { id: number }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const query = useQuery({ queryKey: ['course-request', id], queryFn: () => requests.get(id) });
  const r = query.data;
  if (!r) return <QueryView query={query}>{() => null}</QueryView>;
  const f = (k: string) => labels.field('courseRequests', k);
  return (
    <>
      <Divider titlePlacement="start">{t('wf.details')}</Divider>
      <Descriptions
        size="small"
        column={2}
        bordered
        data-testid="request-summary"
        items={[
          { label: f('courseId'), children: `${r.courseName}（${r.courseCode}）· ${r.credits}` },
          { label: f('termId'), children: r.termCode },
          {
            label: f('teachers'),
            children: r.teachers.map((x) => (
              <Tag key={x.teacherId}>
                {x.name} {x.share}%
              </Tag>
            )),
          },
          { label: f('capacity'), children: r.capacity },
          { label: f('adminClassIds'), children: r.adminClassCodes.join(', ') || '—' },
          { label: f('sessions'), children: r.sessions.join('+') },
          { label: f('weeks'), children: `${labels.enumLabel('weekPattern', r.weekPattern)} ${formatWeeks(r.weeks)}` },
          { label: f('roomType'), children: r.roomType ? labels.enumLabel('roomType', r.roomType) : '—' },
          { label: f('roomFeatures'), children: r.roomFeatures.map((x) => labels.enumLabel('roomFeature', x)).join('、') || '—' },
          { label: f('note'), children: r.note ?? '—' },
          {
            label: t('pagesx.classDetail.request'),
            children: (
              <Space size={12} wrap>
                <Link to={`/course-requests/${r.id}`} data-testid="summary-request-link">
                  {t('pagesx.classDetail.openRequest')}
                </Link>
                {r.teachingClassId && (
                  <Link to={`/teaching-classes/${r.teachingClassId}`}>
                    {t('classes.title')} {r.teachingClassCode}
                  </Link>
                )}
              </Space>
            ),
          },
        ]}
      />
    </>
  );
}
