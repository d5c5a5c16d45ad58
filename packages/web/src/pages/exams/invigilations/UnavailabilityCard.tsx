import { App, Button, Checkbox, Empty, Select, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryView, useErrorReason } from '../../../components/QueryState.tsx';
import { examsApi } from '../plans/api.ts';
import { dayLabel, timeRange } from '../plans/words.ts';

/** 不可监考 — a teacher ticks the sessions of an unpublished exam plan they cannot invigilate. */
export function UnavailabilityCard() {
  const { t } = useTranslation();
  const plans = useQuery({ queryKey: ['exam-plans-open'], queryFn: () => examsApi.plans() });
  const [planId, setPlanId] = useState<number | null>(null);
  return (
    <QueryView query={plans} rows={2}>
      {(data) => {
        const open = data.items.filter((p) => p.scheduleStatus !== 'published');
        const chosen = open.find((p) => p.id === planId) ?? open[0];
        return (
          <Space orientation="vertical" style={{ width: '100%' }} data-testid="exam-unavailability">
            <Typography.Text type="secondary">{t('exams.unavailability.hint')}</Typography.Text>
            {!chosen ? (
              <Empty description={t('exams.unavailability.none')} />
            ) : (
              <>
                {open.length > 1 && (
                  <Select
                    aria-label={t('exams.unavailability.plan')}
                    value={chosen.id}
                    onChange={setPlanId}
                    options={open.map((p) => ({ value: p.id, label: p.name }))}
                    style={{ minWidth: 240 }}
                  />
                )}
                <PlanSessions planId={chosen.id} />
              </>
            )}
          </Space>
        );
      }}
    </QueryView>
  );
}

function PlanSessions({ planId }: { planId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reason = useErrorReason();
  const client = useQueryClient();
  const sessions = useQuery({ queryKey: ['exam-sessions', planId], queryFn: () => examsApi.sessions(planId) });
  const mine = useQuery({ queryKey: ['exam-unavailability', planId], queryFn: () => examsApi.unavailability(planId) });
  const [ticked, setTicked] = useState<number[]>([]);
  useEffect(() => setTicked(mine.data?.items.map((i) => i.sessionId) ?? []), [mine.data]);
  const save = useMutation({
    mutationFn: () => examsApi.setUnavailability(planId, { sessions: ticked.map((sessionId) => ({ sessionId })) }),
    onSuccess: (data) => {
      client.setQueryData(['exam-unavailability', planId], data);
      void message.success(t('exams.unavailability.saved'));
    },
    onError: (e) => void message.error(reason(e)),
  });
  return (
    <QueryView query={sessions} rows={3}>
      {(data) => (
        <QueryView query={mine} rows={1}>
          {() => (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Checkbox.Group
                value={ticked}
                onChange={(v) => setTicked(v)}
                options={data.items.map((s) => ({ value: s.id, label: `${dayLabel(t, s.date)} ${timeRange(s.start, s.end)}` }))}
                style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(230px, 1fr))', gap: 4 }}
              />
              <Button type="primary" loading={save.isPending} onClick={() => save.mutate()} data-testid="exam-unavailability-save">
                {t('exams.unavailability.save')}
              </Button>
            </Space>
          )}
        </QueryView>
      )}
    </QueryView>
  );
}
