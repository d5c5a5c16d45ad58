import { useState } from 'react';
import { Alert, Button, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { OfficeStudentItem, Round } from '@jiaowu/contracts';
import { classTools } from '../../../api/selection-class-tools.ts';
import { QueryError } from '../../../components/QueryState.tsx';
import { DropModal } from './OfficeEnrolTab.tsx';
import { StudentPicker } from './StudentPicker.tsx';

/**
 * 学生选课查询: one student's term as the office sees it — enrolments (how made, in which round,
 * fixed / retake), waitlist places and lottery choices — with the office drop on each enrolment.
 */
export function StudentSelectionTab({ round }: { round: Round }) {
  const { t, i18n } = useTranslation();
  const [studentId, setStudentId] = useState<number | undefined>();
  const [label, setLabel] = useState('');
  const [dropping, setDropping] = useState<OfficeStudentItem | null>(null);
  const query = useQuery({
    queryKey: ['sel-office-student', studentId, round.termId],
    queryFn: () => classTools.studentSelection(studentId!, round.termId),
    enabled: studentId !== undefined,
  });
  const en = i18n.language === 'en';
  const v = query.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('selclass.studentHelp')}</Typography.Text>
      <StudentPicker value={studentId} onChange={setStudentId} onPicked={setLabel} data-testid="lookup-student" />
      {query.isError && <QueryError error={query.error} onRetry={() => void query.refetch()} compact />}
      {v && (
        <>
          <Typography.Text strong data-testid="lookup-summary">
            {t('selclass.studentSummary', { name: v.studentName, code: v.studentNo, credits: v.totalCredits })}
          </Typography.Text>
          {v.holds.length > 0 && (
            <Alert type="warning" showIcon title={t('selclass.holds')} description={v.holds.map((h) => h.reason).join('；')} />
          )}
          <Table<OfficeStudentItem>
            rowKey={(i) => `${i.status}-${i.id}`}
            size="small"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={v.items}
            locale={{ emptyText: t('selclass.empty') }}
            data-testid="lookup-items"
            columns={[
              { title: t('seloff.code'), dataIndex: 'code' },
              { title: t('seloff.course'), render: (_, i) => `${i.courseCode} ${en && i.courseNameEn ? i.courseNameEn : i.courseName}` },
              { title: t('seloff.credits'), dataIndex: 'credits' },
              {
                title: t('seloff.status'),
                render: (_, i) => (
                  <Space size={4}>
                    <Tag color={i.status === 'enrolled' ? 'green' : undefined}>{t(`seloff.enrolmentStatuses.${i.status}`)}</Tag>
                    {i.waitlistPosition !== null && t('selclass.position', { position: i.waitlistPosition })}
                    {i.rank !== null && t('selclass.rank', { rank: i.rank })}
                  </Space>
                ),
              },
              { title: t('selclass.source'), render: (_, i) => (i.source ? t(`selclass.sources.${i.source}`, { defaultValue: '' }) : '') },
              {
                title: t('selclass.flags'),
                render: (_, i) => (
                  <Space size={4}>
                    {i.fixed && <Tag>{t('selclass.fixed')}</Tag>}
                    {i.isRetake && <Tag color="orange">{t('selclass.retake')}</Tag>}
                  </Space>
                ),
              },
              { title: t('selclass.round'), render: (_, i) => i.roundName ?? '' },
              {
                title: t('common.actions'),
                render: (_, i) =>
                  i.status === 'enrolled' && (
                    <Button
                      size="small"
                      danger
                      disabled={round.status === 'locked'}
                      onClick={() => setDropping(i)}
                      data-testid={`lookup-drop-${i.id}`}
                    >
                      {t('seloff.officeDrop')}
                    </Button>
                  ),
              },
            ]}
          />
        </>
      )}
      <DropModal
        target={
          dropping && {
            enrolmentId: dropping.id,
            student: label,
            klass: `${dropping.code} ${dropping.courseName}`,
            status: 'enrolled',
            dropped: false,
          }
        }
        onClose={() => setDropping(null)}
        onDropped={() => {
          setDropping(null);
          void query.refetch();
        }}
      />
    </Space>
  );
}
