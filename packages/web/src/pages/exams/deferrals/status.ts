import type { ExamDeferralStatus, ExamIncidentStatus } from '@jiaowu/contracts';

export const DEFERRAL_STATUS_COLOR: Record<ExamDeferralStatus, string> = {
  pending: 'blue',
  approved: 'green',
  rejected: 'red',
  returned: 'orange',
  withdrawn: 'default',
};

export const INCIDENT_STATUS_COLOR: Record<ExamIncidentStatus, string> = {
  recorded: 'blue',
  confirmed: 'red',
  dismissed: 'default',
};
