import { Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { WorkflowInstanceView } from '@jiaowu/contracts';
import { useLabels } from '../i18n/labels.ts';
import { formatDateTime } from '../lib/time.ts';

const COLORS: Record<string, string> = {
  approve: 'green',
  reject: 'red',
  return: 'orange',
  submit: 'blue',
  resubmit: 'blue',
  withdraw: 'gray',
};

/** The history of an approval instance, newest last, with the comments. */
export function WorkflowHistory({ instance }: { instance: WorkflowInstanceView }) {
  const { t } = useTranslation();
  const labels = useLabels();
  return (
    <div data-testid="workflow-history">
      <Typography.Paragraph>
        <Tag color="blue">{t(`wf.states.${instance.state}`)}</Tag>
        {instance.currentStepName && (
          <Typography.Text type="secondary">
            {t('wf.step')}: {instance.currentStepName}
          </Typography.Text>
        )}
      </Typography.Paragraph>
      <Timeline
        items={instance.history.map((h) => ({
          color: COLORS[h.action] ?? 'gray',
          content: (
            <div>
              <Typography.Text strong>{t(`wf.actions.${h.action}`)}</Typography.Text>
              {' · '}
              {h.actorName ?? '—'}
              {h.stepName && <Typography.Text type="secondary"> · {h.stepName}</Typography.Text>}
              <Typography.Text type="secondary"> · {formatDateTime(h.at)}</Typography.Text>
              {h.comment && <div>{h.comment}</div>}
              {Object.entries((h.data?.fieldComments as Record<string, string> | undefined) ?? {}).map(([f, c]) => (
                <div key={f}>
                  <Typography.Text type="warning">
                    {labels.field('courseRequests', f)}: {c}
                  </Typography.Text>
                </div>
              ))}
              {Object.entries((h.data?.changes as Record<string, unknown> | undefined) ?? {}).map(([f, v]) => (
                <div key={f}>
                  <Typography.Text type="success">
                    {labels.field('courseRequests', f)} → {JSON.stringify(v)}
                  </Typography.Text>
                </div>
              ))}
            </div>
          ),
        }))}
      />
    </div>
  );
}
