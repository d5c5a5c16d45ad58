import { Alert, Button, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ExamSitting } from '@jiaowu/contracts';
import { roomLabel } from '@jiaowu/contracts';
import { useSession } from '../../../auth/session.tsx';
import { QueryView } from '../../../components/QueryState.tsx';
import { useTerms } from '../../../lib/terms.ts';
import { examsApi } from '../plans/api.ts';
import { ScheduleDownload } from '../ScheduleDownload.tsx';
import { dayLabel, timeRange } from '../plans/words.ts';

/** Sittings in time order, grouped by their (local) date. */
function byDate(items: ExamSitting[]): [string, ExamSitting[]][] {
  const sorted = [...items].sort((a, b) => `${a.date} ${a.start}`.localeCompare(`${b.date} ${b.start}`));
  const groups = new Map<string, ExamSitting[]>();
  for (const s of sorted) groups.set(s.date, [...(groups.get(s.date) ?? []), s]);
  return [...groups.entries()];
}

/** 我的考试 — a student's published exams of the current term, phone first: when, where, which seat. */
export function MyExamsPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const { current } = useTerms();
  const studentId = me?.user.studentId ?? null;
  const sittings = useQuery({
    queryKey: ['my-exams', current?.id, studentId],
    queryFn: () => examsApi.sittings({ termId: current!.id, studentId: studentId! }),
    enabled: current != null && studentId !== null,
  });
  if (studentId === null) return <Alert type="info" showIcon message={t('exams.mine.noStudent')} />;
  return (
    <Card
      title={t('exams.mine.title')}
      data-testid="my-exams-page"
      styles={{ body: { padding: 12 } }}
      extra={
        <Button
          type="primary"
          icon={<DownloadOutlined />}
          href={`/api/exams/tickets/${studentId}?format=pdf`}
          target="_blank"
          data-testid="exam-ticket"
        >
          {t('exams.mine.ticket')}
        </Button>
      }
    >
      <div style={{ marginBottom: 12 }}>
        <ScheduleDownload termId={current?.id} />
      </div>
      <QueryView query={sittings}>
        {(data) =>
          data.items.length === 0 ? (
            <Empty description={t('exams.mine.none')} />
          ) : (
            <Space orientation="vertical" style={{ width: '100%' }} size={16}>
              {byDate(data.items).map(([date, items]) => (
                <div key={date} data-testid="my-exams-day">
                  <Typography.Text strong>{dayLabel(t, date)}</Typography.Text>
                  <List
                    size="small"
                    bordered
                    style={{ marginTop: 6 }}
                    dataSource={items}
                    renderItem={(s) => (
                      <List.Item data-testid="my-exam">
                        <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                          <Space align="start" style={{ justifyContent: 'space-between', width: '100%' }}>
                            <Typography.Text strong>{s.courseName}</Typography.Text>
                            <Typography.Text style={{ whiteSpace: 'nowrap' }}>{timeRange(s.start, s.end)}</Typography.Text>
                          </Space>
                          <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
                            <Typography.Text type="secondary">{roomLabel(s.buildingName, s.roomName)}</Typography.Text>
                            {s.seat !== undefined && (
                              <Tag color="blue" data-testid="my-exam-seat">{`${t('exams.mine.seat')} ${s.seat}`}</Tag>
                            )}
                          </Space>
                        </Space>
                      </List.Item>
                    )}
                  />
                </div>
              ))}
            </Space>
          )
        }
      </QueryView>
    </Card>
  );
}
