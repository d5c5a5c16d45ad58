import { Descriptions, Divider } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ExamDeferral } from '@jiaowu/contracts';
import { get } from '../../../api/client.ts';
import { AttachmentLink } from '../../../components/AttachmentPicker.tsx';
import { QueryView } from '../../../components/QueryState.tsx';
import { examTime } from '../exam-time.ts';

/** A 缓考 application as its approver sees it in the task drawer: the exam, the reason, the proof. */
export function DeferralSummary({ id }: { id: number }) {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: ['exam-deferral', id], queryFn: () => get<ExamDeferral>(`/exams/deferrals/${id}`) });
  const d = query.data;
  if (!d) return <QueryView query={query}>{() => null}</QueryView>;
  return (
    <>
      <Divider titlePlacement="start">{t('wf.details')}</Divider>
      <Descriptions
        size="small"
        column={1}
        bordered
        data-testid="deferral-summary"
        items={[
          { label: t('examdef.list.student'), children: `${d.studentName}（${d.studentCode}）` },
          { label: t('examdef.list.course'), children: `${d.courseName}（${d.courseCode}）` },
          { label: t('examdef.list.time'), children: examTime(d) ?? t('examdef.notScheduled') },
          { label: t('examdef.list.reason'), children: d.reason },
          { label: t('examdef.list.attachment'), children: <AttachmentLink file={d.attachment} testId="summary-attachment" /> },
        ]}
      />
    </>
  );
}
