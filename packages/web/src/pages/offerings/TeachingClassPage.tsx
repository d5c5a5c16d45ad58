import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { Button, Card, Descriptions, Input, Space, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Paged, TeachingClass } from '@jiaowu/contracts';
import { teachingClassDetail, type RosterStudent } from '../../api/pagesx.ts';
import { Breadcrumbs } from '../../components/Breadcrumbs.tsx';
import { QueryTable, QueryView } from '../../components/QueryState.tsx';
import { useLabels } from '../../i18n/labels.ts';
import { useSession } from '../../auth/session.tsx';
import { ClassFlagsCard } from './ClassFlagsCard.tsx';
import { formatWeeks } from './columns.tsx';
import { TimeWishGrid } from './TimeWishGrid.tsx';

type Wish = { kind: 'prefer' | 'avoid'; day: number; fromPeriod: number; toPeriod: number };

/** Major names by id, to name a class's whole-cohort targets. */
/**
 * 教学班 detail: course, teachers, targets, capacity, weeks and sessions, time wishes, the
 * request it came from, and its roster (one server page at a time). Teachers see the
 * classes they teach, secretaries their college's, the office all (the server scopes it).
 */
export function TeachingClassPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const from = (useLocation().state as { from?: string } | null)?.from;
  const navigate = useNavigate();
  const { can } = useSession();
  const query = useQuery({ queryKey: ['teaching-class', id], queryFn: () => teachingClassDetail.get(id), enabled: id > 0 });
  const back = () => void navigate(from ?? '/teaching-classes');
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Breadcrumbs items={[{ label: t('classes.title'), to: from ?? '/teaching-classes' }, { label: query.data?.code ?? '…' }]} />
      <QueryView query={query}>
        {(c) => (
          <>
            <Card
              title={t('pagesx.classDetail.title', { code: c.code })}
              extra={<Button onClick={back}>{t('pagesx.classDetail.back')}</Button>}
              data-testid="class-detail"
            >
              <ClassFacts c={c} />
            </Card>
            {can('selection.manage') && <ClassFlagsCard key={`${c.genderRestriction}-${c.isRetakeClass}`} c={c} />}
            <Roster classId={c.id} />
          </>
        )}
      </QueryView>
    </Space>
  );
}

function ClassFacts({ c }: { c: TeachingClass }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const k = (key: string) => t(`pagesx.classDetail.${key}`);
  const wishes = c.timeWishes as Wish[];
  const items = [
    { key: 'course', label: k('course'), children: `${c.courseName}（${c.courseCode}）` },
    { key: 'credits', label: k('credits'), children: c.credits },
    { key: 'term', label: k('term'), children: c.termCode },
    { key: 'college', label: k('college'), children: c.collegeName },
    {
      key: 'teachers',
      label: k('teachers'),
      children: c.teachers.length
        ? c.teachers.map((x) => (
            <Tag key={x.teacherId}>
              {x.name ?? '—'} {x.share}%
            </Tag>
          ))
        : k('none'),
    },
    { key: 'capacity', label: k('capacity'), children: <span style={{ whiteSpace: 'nowrap' }}>{c.capacity}</span> },
    {
      key: 'adminClasses',
      label: k('adminClasses'),
      children: c.adminClassIds.length ? c.adminClassIds.map((i, n) => <Tag key={i}>{c.adminClassCodes[n]}</Tag>) : k('none'),
    },
    ...(c.targetMajors.length
      ? [
          {
            key: 'targetMajors',
            label: k('targetMajors'),
            children: c.targetMajors.map((m) => (
              <Tag key={`${m.majorId}-${m.cohort}`}>
                {m.majorName ?? '…'} {m.cohort}
              </Tag>
            )),
          },
        ]
      : []),
    { key: 'weeks', label: k('weeks'), children: `${labels.enumLabel('weekPattern', c.weekPattern)} ${formatWeeks(c.weeks)}` },
    {
      key: 'sessions',
      label: k('sessions'),
      children: t('pagesx.classDetail.sessionsValue', { count: c.sessions.length, hours: c.sessions.join('+') }),
    },
    { key: 'roomType', label: k('roomType'), children: c.roomType ? labels.enumLabel('roomType', c.roomType) : '—' },
    ...(c.sourceRequestId
      ? [
          {
            key: 'request',
            label: k('request'),
            children: (
              <Link to={`/course-requests/${c.sourceRequestId}`} data-testid="class-request-link">
                {k('openRequest')}
              </Link>
            ),
          },
        ]
      : []),
  ];
  return (
    <>
      <Descriptions column={{ xs: 1, sm: 1, md: 2 }} bordered size="small" items={items} />
      {wishes.length > 0 && (
        <div style={{ marginTop: 16, overflowX: 'auto' }}>
          <Typography.Text strong>{k('timeWishes')}</Typography.Text>
          <div style={{ marginTop: 8 }}>
            <TimeWishGrid value={wishes} disabled />
          </div>
        </div>
      )}
    </>
  );
}

function Roster({ classId }: { classId: number }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [q, setQ] = useState('');
  const query = useQuery({
    queryKey: ['teaching-class-roster', classId, page, pageSize, q],
    queryFn: () => teachingClassDetail.roster(classId, { page, pageSize, q: q || undefined }),
    placeholderData: keepPreviousData,
  });
  const k = (key: string) => t(`pagesx.classDetail.${key}`);
  return (
    <Card
      title={k('roster')}
      extra={
        <Input.Search
          allowClear
          placeholder={k('searchStudent')}
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
          style={{ width: 220 }}
          data-testid="roster-search"
        />
      }
    >
      <QueryTable<RosterStudent, Paged<RosterStudent>>
        query={query}
        rowKey="id"
        size="small"
        scroll={{ x: 'max-content' }}
        data-testid="table-roster"
        pagination={{
          current: page,
          pageSize,
          total: query.data?.total ?? 0,
          showTotal: (total) => t('pagesx.classDetail.rosterCount', { total }),
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
        columns={[
          { title: k('studentCode'), dataIndex: 'code', render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{v}</span> },
          { title: k('studentName'), dataIndex: 'name' },
          { title: k('gender'), dataIndex: 'gender', render: (v: string | null) => (v ? labels.enumLabel('gender', v) : '—') },
          { title: k('adminClass'), dataIndex: 'adminClassName' },
          { title: k('major'), dataIndex: 'majorName' },
          { title: k('cohort'), dataIndex: 'cohort' },
        ]}
      />
    </Card>
  );
}
