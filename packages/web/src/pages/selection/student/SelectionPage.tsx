import { useCallback, useMemo } from 'react';
import { Badge, Card, Empty, Segmented, Space, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import type { Round } from '@jiaowu/contracts';
import { selection } from '../../../api/selection.ts';
import { QueryView } from '../../../components/QueryState.tsx';
import { useTerms } from '../../../lib/terms.ts';
import { ClassList } from './ClassList.tsx';
import { HoldsAlert, MySelection } from './MySelection.tsx';
import { CreditRaisePanel } from './CreditRaisePanel.tsx';
import { RoundHeader } from './RoundHeader.tsx';
import { useSelectionWords } from './words.ts';

/** The round a student most likely wants: the open one, else the next to open, else the newest. */
export function defaultRound(rounds: Round[], now = Date.now()): Round | undefined {
  const open = rounds.find((r) => r.isOpen);
  if (open) return open;
  const upcoming = rounds
    .filter((r) => new Date(r.opensAt).getTime() > now)
    .sort((a, b) => new Date(a.opensAt).getTime() - new Date(b.opensAt).getTime());
  return upcoming[0] ?? rounds[0];
}

type Tab = 'classes' | 'mine';

/** 选课: a student picks a round of the current term, browses and takes classes, and sees their selection. */
export function SelectionPage() {
  const { t } = useSelectionWords();
  const { current } = useTerms();
  const termId = current?.id;
  const [params, setParams] = useSearchParams();
  const tab: Tab = params.get('tab') === 'mine' ? 'mine' : 'classes';
  const queryClient = useQueryClient();
  const rounds = useQuery({
    queryKey: ['selection-rounds', termId],
    queryFn: () => selection.rounds(termId!),
    enabled: termId != null,
  });
  const me = useQuery({
    queryKey: ['selection-me', termId],
    queryFn: () => selection.me(termId!),
    enabled: termId != null,
  });
  const visible = useMemo(() => (rounds.data?.items ?? []).filter((r) => r.status !== 'draft'), [rounds.data]);
  const picked = Number(params.get('round'));
  const round = visible.find((r) => r.id === picked) ?? defaultRound(visible);
  const set = (key: string, value: string | null) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value === null) next.delete(key);
        else next.set(key, value);
        return next;
      },
      { replace: true },
    );
  const onOpened = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: ['selection-rounds'] });
    void queryClient.invalidateQueries({ queryKey: ['selection-classes'] });
  }, [queryClient]);
  const active = (me.data?.items ?? []).filter((i) => i.status !== 'dropped' && i.status !== 'lottery_lost').length;

  return (
    <Card title={t('selstu.title')} styles={{ body: { padding: 12 } }} data-testid="selection-page">
      <QueryView query={rounds}>
        {() =>
          !round ? (
            <Empty description={t('selstu.noRounds')} data-testid="no-rounds" />
          ) : (
            <Space direction="vertical" style={{ width: '100%' }} size={12}>
              {current && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {current.name}
                </Typography.Text>
              )}
              <RoundHeader rounds={visible} round={round} onPick={(id) => set('round', String(id))} onOpened={onOpened} />
              <CreditRaisePanel round={round} />
              {me.data && <HoldsAlert holds={me.data.holds} />}
              <Segmented<Tab>
                block
                value={tab}
                onChange={(v) => set('tab', v === 'mine' ? 'mine' : null)}
                data-testid="selection-tabs"
                options={[
                  { value: 'classes', label: t('selstu.tabs.classes') },
                  {
                    value: 'mine',
                    label: (
                      <span>
                        {t('selstu.tabs.mine')} <Badge count={active} size="small" color="#1677ff" showZero={false} />
                      </span>
                    ),
                  },
                ]}
              />
              {tab === 'classes' ? (
                <ClassList round={round} mine={me.data?.items ?? []} />
              ) : (
                <QueryView query={me}>{(data) => <MySelection data={data} round={round} />}</QueryView>
              )}
            </Space>
          )
        }
      </QueryView>
    </Card>
  );
}
