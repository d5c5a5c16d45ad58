import { Tag } from 'antd';
import type { RequestStatus } from '@jiaowu/contracts';
import { useLabels } from '../../i18n/labels.ts';

const COLORS: Record<RequestStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  returned: 'warning',
  approved: 'success',
  rejected: 'error',
  withdrawn: 'default',
};

export function StatusTag({ status }: { status: RequestStatus }) {
  const labels = useLabels();
  return (
    <Tag color={COLORS[status]} data-testid="request-status">
      {labels.enumLabel('requestStatus', status)}
    </Tag>
  );
}
