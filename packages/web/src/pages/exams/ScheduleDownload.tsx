import { Alert, Button, Space } from 'antd';
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ExamExportOwner } from '@jiaowu/contracts';
import { useErrorReason } from '../../components/QueryState.tsx';
import { examsApi } from './plans/api.ts';

/** 导出考试安排: XLSX and PDF buttons for one owner's exam schedule; a failed download says why and retries. */
export function ScheduleDownload({
  termId,
  ownerKind,
  ownerId,
}: {
  termId: number | undefined;
  ownerKind?: ExamExportOwner;
  ownerId?: number;
}) {
  const { t } = useTranslation();
  const reason = useErrorReason();
  const ready = termId !== undefined && (ownerKind === undefined || ownerId !== undefined);
  const run = useMutation({
    mutationFn: (format: 'xlsx' | 'pdf') => examsApi.exportSchedule(format, { termId: termId!, ownerKind, ownerId }),
  });
  const button = (format: 'xlsx' | 'pdf') => (
    <Button
      icon={<DownloadOutlined />}
      disabled={!ready}
      loading={run.isPending && run.variables === format}
      onClick={() => run.mutate(format)}
      data-testid={`exam-schedule-${format}`}
    >
      {t(`exams.exportSchedule.${format}`)}
    </Button>
  );
  return (
    <Space orientation="vertical" size={8}>
      <Space wrap>
        {button('xlsx')}
        {button('pdf')}
      </Space>
      {run.isError && (
        <Alert
          type="error"
          showIcon
          message={t('exams.exportSchedule.failed')}
          description={reason(run.error)}
          action={
            <Button size="small" icon={<ReloadOutlined />} onClick={() => run.mutate(run.variables)}>
              {t('errors.retry')}
            </Button>
          }
          data-testid="exam-schedule-error"
        />
      )}
    </Space>
  );
}
