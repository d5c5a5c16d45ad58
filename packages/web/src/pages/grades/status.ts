import type { GradeSheetStatus } from '@jiaowu/contracts';

/** Tag colours of a grade sheet's status. */
export const SHEET_STATUS_COLOR: Record<GradeSheetStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  approved: 'cyan',
  published: 'success',
};
