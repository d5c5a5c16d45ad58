import { roomLabel } from '@jiaowu/contracts';
import { Alert, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../auth/session.tsx';
import { QueryView } from '../../../components/QueryState.tsx';
import { useTerms } from '../../../lib/terms.ts';
import { examsApi } from '../plans/api.ts';
import { ScheduleDownload } from '../ScheduleDownload.tsx';
import { dayLabel, timeRange } from '../plans/words.ts';
import { UnavailabilityCard } from './UnavailabilityCard.tsx';

/** 我的监考 — a teacher's invigilation duties: when, where, whether chief, which exams and how many students. */
export function MyInvigilationsPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const { current } = useTerms();
  const teacherId = me?.user.teacherId ?? null;
  const duties = useQuery({
    queryKey: ['my-duties', teacherId],
    queryFn: () => examsApi.duties({ teacherId: teacherId! }),
    enabled: teacherId !== null,
  });
  if (teacherId === null) return <Alert type="info" showIcon message={t('exams.duties.noTeacher')} />;
  return (
    <>
      <Card title={t('exams.duties.title')} data-testid="my-duties-page" styles={{ body: { padding: 12 } }}>
        <div style={{ marginBottom: 12 }}>
          <ScheduleDownload termId={current?.id} />
        </div>
        <QueryView query={duties}>
          {(data) =>
            data.items.length === 0 ? (
              <Empty description={t('exams.duties.none')} />
            ) : (
              <List
                bordered
                dataSource={[...data.items].sort((a, b) => `${a.date} ${a.start}`.localeCompare(`${b.date} ${b.start}`))}
                renderItem={(d) => (
                  <List.Item data-testid="my-duty">
                    <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                      <Space wrap>
                        <Typography.Text strong>{`${dayLabel(t, d.date)} ${timeRange(d.start, d.end)}`}</Typography.Text>
                        <Tag color={d.chief ? 'gold' : 'default'} data-testid="my-duty-role">
                          {d.chief ? t('exams.duties.chief') : t('exams.duties.assistant')}
                        </Tag>
                      </Space>
                      <Typography.Text>{roomLabel(d.buildingName, d.roomName)}</Typography.Text>
                      <Typography.Text type="secondary">
                        {d.courses.map((c) => `${c.courseName}（${t('exams.duties.students', { n: c.students })}）`).join('、')}
                      </Typography.Text>
                    </Space>
                  </List.Item>
                )}
              />
            )
          }
        </QueryView>
      </Card>
      <Card title={t('exams.unavailability.title')} style={{ marginTop: 12 }} styles={{ body: { padding: 12 } }}>
        <UnavailabilityCard />
      </Card>
    </>
  );
}
