import { Alert, Card, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ExamSolveSummary } from '@jiaowu/contracts';

/** What the last run found, and each exam it could not place with the reason in words. */
export function SolveSummaryCard({ summary }: { summary: ExamSolveSummary }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('exams.summary.title')} style={{ marginBottom: 12 }} data-testid="exam-solve-summary">
      <Typography.Paragraph data-testid="exam-solve-summary-line">
        {t('exams.summary.line', {
          placed: summary.placed,
          total: summary.total,
          hard: summary.hard,
          clashes: summary.clashes,
          seconds: Math.round(summary.elapsedMs / 1000),
        })}
        {summary.cancelled ? t('exams.summary.cancelled') : ''}
      </Typography.Paragraph>
      {summary.understaffed && summary.understaffed.rooms > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          data-testid="exam-understaffed"
          message={t('exams.summary.understaffed', summary.understaffed)}
        />
      )}
      {summary.unplaced.length === 0 ? (
        <Alert type="success" showIcon message={t('exams.summary.allPlaced')} />
      ) : (
        <>
          <Typography.Text strong>{t('exams.summary.unplaced', { n: summary.unplaced.length })}</Typography.Text>
          <Table
            size="small"
            rowKey="examId"
            pagination={false}
            dataSource={summary.unplaced}
            data-testid="exam-unplaced"
            columns={[
              { title: t('exams.summary.course'), dataIndex: 'courseName' },
              { title: t('exams.summary.reason'), render: (_, u) => t(`exams.summary.reasons.${u.reason}`, { count: u.count ?? 0 }) },
            ]}
          />
        </>
      )}
    </Card>
  );
}
