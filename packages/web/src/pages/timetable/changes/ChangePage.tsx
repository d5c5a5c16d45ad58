import { useParams } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client.ts';
import { ttchange } from '../../../api/ttchange.ts';
import { QueryView } from '../../../components/QueryState.tsx';
import { WorkflowHistory } from '../../../components/WorkflowHistory.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { slotWords, weeksWords } from '../slot-words.ts';
import { STATUS_COLORS } from './ChangesPage.tsx';

/** One change request: what moves where, why, and the approval's progress. */
export function ChangePage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const id = Number(useParams().id);
  const query = useQuery({ queryKey: ['tt-change', id], queryFn: () => ttchange.change(id) });
  const withdraw = useMutation({
    mutationFn: () => ttchange.withdraw(id),
    onSuccess: () => client.invalidateQueries({ queryKey: ['tt-change', id] }),
    onError: (e) => message.error(e instanceof ApiError ? e.message : t('errors.network')),
  });
  return (
    <QueryView query={query}>
      {(c) => (
        <Card
          title={`${t(`ttchange.kinds.${c.kind}`)} — ${c.courseName}（${c.teachingClassCode}）`}
          extra={
            (c.status === 'submitted' || c.status === 'returned') && (
              <Button onClick={() => withdraw.mutate()} loading={withdraw.isPending}>
                {t('ttchange.withdraw')}
              </Button>
            )
          }
        >
          {c.failure && (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 16 }}
              message={t('ttchange.failure')}
              description={c.failure.join('；')}
              data-testid="change-failure"
            />
          )}
          <Descriptions bordered column={1} size="small" style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('ttchange.status')}>
              <Tag color={STATUS_COLORS[c.status]} data-testid="change-status">
                {t(`ttchange.statuses.${c.status}`)}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('ttchange.teacher')}>{c.teacherName}</Descriptions.Item>
            <Descriptions.Item label={t('ttchange.college')}>{c.collegeName}</Descriptions.Item>
            <Descriptions.Item label={t('ttchange.weeks')}>{weeksWords(i18n.language, c.weeks)}</Descriptions.Item>
            {c.from && (
              <Descriptions.Item label={t('ttchange.from')}>
                {slotWords(t, c.from.day, c.from.startPeriod, c.from.startPeriod + c.from.length - 1)} {c.from.roomName}
              </Descriptions.Item>
            )}
            {c.targets.length > 0 && (
              <Descriptions.Item label={c.kind === 'cancel' ? t('ttchange.makeups') : t('ttchange.to')}>
                <span data-testid="change-targets">
                  {c.targets
                    .map(
                      (x) =>
                        `${weeksWords(i18n.language, x.weeks)} ${slotWords(t, x.day, x.startPeriod, x.startPeriod + (c.from?.length ?? 1) - 1)} ${x.roomName}`,
                    )
                    .join('；')}
                </span>
              </Descriptions.Item>
            )}
            {c.substituteTeacherName && <Descriptions.Item label={t('ttchange.substitute')}>{c.substituteTeacherName}</Descriptions.Item>}
            <Descriptions.Item label={t('ttchange.reason')}>
              {t(`ttchange.reasons.${c.reasonKind}`)}：{c.reason}
            </Descriptions.Item>
            <Descriptions.Item label={t('ttchange.periodsCount')}>{c.periods}</Descriptions.Item>
            <Descriptions.Item label={t('ttchange.createdAt')}>
              {formatDateTime(c.createdAt)} {c.requestedByName}
            </Descriptions.Item>
          </Descriptions>
          {c.flow && (
            <Card type="inner" title={t('ttchange.flow')}>
              <WorkflowHistory instance={c.flow} />
            </Card>
          )}
        </Card>
      )}
    </QueryView>
  );
}
