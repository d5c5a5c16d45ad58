import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ExamPlanView } from '@jiaowu/contracts';

const PLAN_COLOR = { draft: 'default', pending: 'processing', approved: 'success' } as const;
const SCHEDULE_COLOR = { none: 'default', draft: 'warning', submitted: 'processing', published: 'success' } as const;

/** The plan's approval and schedule states, in words. */
export function PlanStatusTags({ plan }: { plan: Pick<ExamPlanView, 'status' | 'scheduleStatus'> }) {
  const { t } = useTranslation();
  return (
    <>
      <Tag color={PLAN_COLOR[plan.status]} data-testid="plan-status">
        {t(`exams.plans.statuses.${plan.status}`)}
      </Tag>
      <Tag color={SCHEDULE_COLOR[plan.scheduleStatus]} data-testid="plan-schedule-status">
        {t(`exams.plans.scheduleStatuses.${plan.scheduleStatus}`)}
      </Tag>
    </>
  );
}
