import { Card, Empty, Grid, Space, Typography } from 'antd';
import type { MyEnrolment } from '@jiaowu/contracts';
import { WeekGrid } from '../../../components/timetable/WeekGrid.tsx';
import { useSelectionWords, type Lecture } from './words.ts';

type Placed = Lecture & { key: string; item: MyEnrolment };

/** The enrolled classes as a week: a day-by-day list on a phone, the week grid on a wide screen. */
export function SelectionTimetable({ items }: { items: MyEnrolment[] }) {
  const w = useSelectionWords();
  const { t } = w;
  const isPhone = Grid.useBreakpoint().md === false;
  const enrolled = items.filter((i) => i.status === 'enrolled');
  const placed: Placed[] = enrolled
    .flatMap((item) => item.lectures.map((l, i) => ({ ...l, key: `${item.id}-${i}`, item })))
    .sort((a, b) => a.day - b.day || a.startPeriod - b.startPeriod);
  const unplaced = enrolled.filter((i) => i.lectures.length === 0);
  if (!enrolled.length) return <Empty description={t('selstu.mine.noTimetable')} data-testid="selection-timetable-empty" />;
  const days = Math.max(5, ...placed.map((l) => l.day));
  const lastPeriod = Math.max(8, ...placed.map((l) => l.startPeriod + l.length - 1));
  const dayNames = t('selstu.days', { returnObjects: true }) as string[];
  const unplacedNote = unplaced.length > 0 && (
    <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
      {t('selstu.mine.unplaced', { names: unplaced.map((i) => w.course(i)).join('、') })}
    </Typography.Paragraph>
  );
  if (isPhone) {
    return (
      <Space direction="vertical" style={{ width: '100%' }} size={8} data-testid="selection-timetable">
        {Array.from({ length: days }, (_, i) => i + 1).map((day) => {
          const today = placed.filter((l) => l.day === day);
          if (!today.length && day > 5) return null;
          return (
            <Card key={day} size="small" title={dayNames[day - 1]} data-testid={`sel-day-${day}`}>
              {today.length ? (
                <Space direction="vertical" style={{ width: '100%' }} split={<div style={{ borderTop: '1px solid #f0f0f0' }} />}>
                  {today.map((l) => (
                    <div key={l.key} data-testid="sel-lecture" style={{ lineHeight: 1.5 }}>
                      <Typography.Text strong>{w.course(l.item)}</Typography.Text>
                      <div>{w.lecture(l, false)}</div>
                    </div>
                  ))}
                </Space>
              ) : (
                <Typography.Text type="secondary">{t('selstu.mine.noLectures')}</Typography.Text>
              )}
            </Card>
          );
        })}
        {unplacedNote}
      </Space>
    );
  }
  return (
    <div data-testid="selection-timetable">
      <WeekGrid<Placed>
        days={days}
        periods={Array.from({ length: lastPeriod }, (_, i) => ({ period: i + 1 }))}
        items={placed}
        rowHeight={48}
        renderItem={(l) => (
          <div
            data-testid="sel-lecture"
            title={`${w.course(l.item)} ${w.lecture(l)}`}
            style={{
              height: '100%',
              background: 'var(--ant-color-primary-bg, #e6f4ff)',
              borderRadius: 4,
              padding: '2px 4px',
              fontSize: 12,
              overflow: 'hidden',
              lineHeight: 1.4,
            }}
          >
            <Typography.Text strong style={{ fontSize: 12 }}>
              {w.course(l.item)}
            </Typography.Text>
            <div>{l.roomName ?? t('selstu.noRoom')}</div>
          </div>
        )}
      />
      {unplacedNote}
    </div>
  );
}
