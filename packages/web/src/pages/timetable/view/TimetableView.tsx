import { Card, Empty, Grid, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { weeksText, type LectureItem, type PublishedTimetable } from '@jiaowu/contracts';
import { WeekGrid } from '../../../components/timetable/WeekGrid.tsx';
import { schoolToday } from '../../../lib/time.ts';

type Placed = LectureItem & { day: number; startPeriod: number };

function useLectureWords() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  return {
    course: (l: LectureItem) => (en && l.courseNameEn ? l.courseNameEn : l.courseName),
    weeks: (l: LectureItem) => weeksText(l.weeks, en ? 'en' : 'zh-CN'),
    teachers: (l: LectureItem) => l.teacherNames.filter(Boolean).join(en ? ', ' : '、'),
    kind: (l: LectureItem) => (l.kind === 'regular' ? null : t(`ttview.kind.${l.kind}`)),
    day: (d: number) => t(`ttview.days.d${d}`),
    periods: (l: LectureItem) =>
      l.length > 1
        ? t('ttview.periods', { from: l.startPeriod, to: (l.startPeriod ?? 0) + l.length - 1 })
        : t('ttview.period', { n: l.startPeriod }),
  };
}

const placedOf = (t: PublishedTimetable) =>
  t.lectures
    .filter((l): l is Placed => l.day !== null && l.startPeriod !== null)
    .sort((a, b) => a.day - b.day || a.startPeriod - b.startPeriod || a.courseName.localeCompare(b.courseName));

/** One lecture in words: course, periods and clock, room, teachers, weeks. */
function LectureBlock({ l, data, showTime }: { l: LectureItem; data: PublishedTimetable; showTime?: boolean }) {
  const w = useLectureWords();
  const start = data.grid.periods.find((p) => p.period === l.startPeriod)?.startsAt;
  const end = data.grid.periods.find((p) => p.period === (l.startPeriod ?? 0) + l.length - 1)?.endsAt;
  const kind = w.kind(l);
  return (
    <div data-testid="lecture" data-key={l.key} style={{ lineHeight: 1.45 }}>
      <Typography.Text strong>{w.course(l)}</Typography.Text> {kind && <Tag color="orange">{kind}</Tag>}
      {showTime && (
        <div>
          {w.periods(l)} {start && end ? `${start}-${end}` : ''}
        </div>
      )}
      <div>{l.roomName}</div>
      <div>{w.teachers(l)}</div>
      <Typography.Text type="secondary">{w.weeks(l)}</Typography.Text>
    </div>
  );
}

/** A phone: the week day by day, lectures as cards (390 px wide screens). */
function DayList({ data }: { data: PublishedTimetable }) {
  const { t } = useTranslation();
  const w = useLectureWords();
  const placed = placedOf(data);
  const today = schoolToday();
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="timetable-days">
      {Array.from({ length: data.grid.daysPerWeek }, (_, i) => i + 1).map((day) => {
        const date = data.weekDates?.[day - 1];
        const items = placed.filter((l) => l.day === day);
        if (!items.length && day > 5) return null;
        return (
          <Card
            key={day}
            size="small"
            title={`${w.day(day)}${date ? ` ${date.slice(5)}` : ''}`}
            style={date === today ? { borderColor: '#1677ff', boxShadow: '0 0 0 1px #1677ff' } : undefined}
            data-testid={`day-${day}`}
          >
            {items.length ? (
              <Space direction="vertical" style={{ width: '100%' }} split={<div style={{ borderTop: '1px solid #f0f0f0' }} />}>
                {items.map((l) => (
                  <LectureBlock key={l.key} l={l} data={data} showTime />
                ))}
              </Space>
            ) : (
              <Typography.Text type="secondary">{t('ttview.noLectures')}</Typography.Text>
            )}
          </Card>
        );
      })}
    </Space>
  );
}

/** A wide screen: the shared week grid (days as columns, periods as rows), a lecture spanning its periods. */
function WeekTable({ data }: { data: PublishedTimetable }) {
  const today = schoolToday();
  const todayIndex = data.weekDates?.indexOf(today) ?? -1;
  return (
    <WeekGrid<Placed>
      days={data.grid.daysPerWeek}
      periods={data.grid.periods}
      items={placedOf(data)}
      dates={data.weekDates?.map((d) => d.slice(5))}
      highlightDay={todayIndex >= 0 ? todayIndex + 1 : null}
      rowHeight={52}
      data-testid="timetable-grid"
      renderItem={(l) => (
        <div
          style={{
            height: '100%',
            background: 'var(--ant-color-primary-bg, #e6f4ff)',
            borderRadius: 4,
            padding: '2px 4px',
            fontSize: 12,
            overflow: 'hidden',
          }}
        >
          <LectureBlock l={l} data={data} />
        </div>
      )}
    />
  );
}

/** The published timetable of one owner: a grid on wide screens, a day-by-day list on phones. */
export function TimetableView({ data }: { data: PublishedTimetable }) {
  const { t } = useTranslation();
  const isPhone = Grid.useBreakpoint().md === false;
  if (!data.version) return <Empty description={t('ttview.notPublished')} data-testid="not-published" />;
  if (!data.lectures.length) return <Empty description={t('ttview.noLecturesWeek')} data-testid="no-lectures" />;
  return isPhone ? <DayList data={data} /> : <WeekTable data={data} />;
}
