import { useState } from 'react';
import { Alert, App, Button, Modal, Select, Space, Spin } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ExamItem } from '@jiaowu/contracts';
import { QueryError, useErrorReason } from '../../../components/QueryState.tsx';
import { examsApi } from './api.ts';
import { dayLabel, timeRange } from './words.ts';

/**
 * A hand move: pick another session, see at once what it would do (students who would sit two
 * exams at once, named; seats short), then confirm. The server refuses a clashing move with its
 * own message, shown as it is.
 */
export function MoveModal({
  planId,
  exam,
  onClose,
  onMoved,
}: {
  planId: number;
  exam: ExamItem | null;
  onClose: () => void;
  onMoved: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reason = useErrorReason();
  const [sessionId, setSessionId] = useState<number>();
  const sessions = useQuery({ queryKey: ['exam-sessions', planId], queryFn: () => examsApi.sessions(planId), enabled: exam !== null });
  const check = useQuery({
    queryKey: ['exam-check-move', planId, exam?.id, sessionId],
    queryFn: () => examsApi.checkMove(planId, exam!.id, sessionId!),
    enabled: exam !== null && sessionId !== undefined,
  });
  const move = useMutation({
    mutationFn: () => examsApi.move(planId, exam!.id, sessionId!),
    onSuccess: () => {
      void message.success(t('exams.move.moved'));
      setSessionId(undefined);
      onMoved();
    },
  });
  const close = () => {
    setSessionId(undefined);
    move.reset();
    onClose();
  };
  const c = check.data;
  const clashed = c ? c.clashes.reduce((n, x) => n + x.students, 0) : 0;
  const names = c
    ? c.clashes
        .flatMap((x) => x.sample)
        .slice(0, 5)
        .join('、')
    : '';
  return (
    <Modal
      open={exam !== null}
      title={exam ? t('exams.move.title', { name: exam.courseName }) : ''}
      onCancel={close}
      destroyOnHidden
      footer={
        <Button
          type="primary"
          disabled={sessionId === undefined || check.isFetching}
          loading={move.isPending}
          onClick={() => move.mutate()}
          data-testid="exam-move-ok"
        >
          {t('exams.move.confirm')}
        </Button>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        {sessions.isError ? (
          <QueryError error={sessions.error} onRetry={() => void sessions.refetch()} compact />
        ) : (
          <Select
            style={{ width: '100%' }}
            placeholder={t('exams.move.session')}
            loading={sessions.isLoading}
            value={sessionId}
            onChange={(v) => {
              move.reset();
              setSessionId(v);
            }}
            options={(sessions.data?.items ?? [])
              .filter((s) => s.id !== exam?.sessionId)
              .map((s) => ({ value: s.id, label: `${dayLabel(t, s.date)} ${timeRange(s.start, s.end)}` }))}
            data-testid="exam-move-session"
          />
        )}
        {sessionId !== undefined && check.isFetching && <Spin size="small" />}
        {check.isError && <QueryError error={check.error} onRetry={() => void check.refetch()} compact />}
        {c && !check.isFetching && (
          <div data-testid="exam-move-check">
            {c.ok && <Alert type="success" showIcon message={t('exams.move.ok')} />}
            {clashed > 0 && (
              <Alert
                type="error"
                showIcon
                message={t('exams.move.clash', { n: clashed, names })}
                description={
                  c.clashes.length > 1 &&
                  c.clashes.map((x) => (
                    <div key={x.examId}>
                      {t('exams.move.clashWith', { course: x.courseName, n: x.students, names: x.sample.join('、') })}
                    </div>
                  ))
                }
              />
            )}
            {c.capacityShort > 0 && (
              <Alert type="warning" showIcon message={t('exams.move.short', { n: c.capacityShort })} style={{ marginTop: 8 }} />
            )}
          </div>
        )}
        {move.isError && <Alert type="error" showIcon message={reason(move.error)} data-testid="exam-move-error" />}
      </Space>
    </Modal>
  );
}
