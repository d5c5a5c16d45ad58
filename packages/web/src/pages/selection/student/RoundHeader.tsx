import { useEffect, useState } from 'react';
import { Collapse, Select, Space, Tag, Typography } from 'antd';
import type { Round } from '@jiaowu/contracts';
import { formatDateTime } from '../../../lib/time.ts';
import { useSelectionWords } from './words.ts';

/** Ticks once a second while `active`. */
function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The round picker, the window and limits of the chosen round, a countdown before it opens, and its notice. */
export function RoundHeader({
  rounds,
  round,
  onPick,
  onOpened,
}: {
  rounds: Round[];
  round: Round;
  onPick: (id: number) => void;
  /** The countdown reached zero: reload what depends on the window. */
  onOpened: () => void;
}) {
  const { t } = useSelectionWords();
  const opensAt = new Date(round.opensAt).getTime();
  const closesAt = new Date(round.closesAt).getTime();
  const now = useNow(!round.isOpen && Date.now() < opensAt);
  const left = Math.max(0, Math.floor((opensAt - now) / 1000));
  const upcoming = !round.isOpen && now < opensAt;
  const [fired, setFired] = useState(false);
  useEffect(() => {
    if (!round.isOpen && left === 0 && now >= opensAt && !fired && now - opensAt < 5000) {
      setFired(true);
      onOpened();
    }
  }, [left, now, opensAt, round.isOpen, fired, onOpened]);

  const state = round.isOpen ? 'open' : now < opensAt ? 'upcoming' : 'ended';
  const stateTag =
    state === 'open' ? (
      <Tag color="green">{t('selstu.isOpen')}</Tag>
    ) : state === 'upcoming' ? (
      <Tag color="orange">{t('selstu.notOpenYet')}</Tag>
    ) : (
      <Tag>
        {now < closesAt || round.status === 'drawn' || round.status === 'locked' ? t(`selstu.status.${round.status}`) : t('selstu.ended')}
      </Tag>
    );
  const limits = [
    round.creditLimits.minCredits !== null ? t('selstu.creditMin', { n: round.creditLimits.minCredits }) : null,
    round.creditLimits.maxCredits !== null ? t('selstu.creditMax', { n: round.creditLimits.maxCredits }) : null,
    round.maxClasses !== null ? t('selstu.maxClasses', { n: round.maxClasses }) : null,
  ].filter(Boolean);
  const d = Math.floor(left / 86400);
  const hms = `${pad(Math.floor((left % 86400) / 3600))}:${pad(Math.floor((left % 3600) / 60))}:${pad(left % 60)}`;

  return (
    <Space direction="vertical" style={{ width: '100%' }} size={8}>
      <Select
        style={{ width: '100%' }}
        value={round.id}
        onChange={onPick}
        aria-label={t('selstu.round')}
        data-testid="round-select"
        options={rounds.map((r) => ({ value: r.id, label: r.name, mode: t(`selstu.mode.${r.mode}`) }))}
        optionRender={(o) => (
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
            <span>{o.data.label}</span>
            <Typography.Text type="secondary">{o.data.mode}</Typography.Text>
          </div>
        )}
      />
      <div>
        <Space size={4} wrap>
          <Tag color="blue">{t(`selstu.mode.${round.mode}`)}</Tag>
          {stateTag}
        </Space>
        <div style={{ marginTop: 4, lineHeight: 1.6 }}>
          <Typography.Text type="secondary" data-testid="round-window">
            {t('selstu.window', { from: formatDateTime(round.opensAt), to: formatDateTime(round.closesAt) })}
          </Typography.Text>
          {round.mode !== 'lottery' && round.dropsAllowed && round.dropDeadline && (
            <div>
              <Typography.Text type="secondary">{t('selstu.dropDeadline', { at: formatDateTime(round.dropDeadline) })}</Typography.Text>
            </div>
          )}
          {limits.length > 0 && (
            <div>
              <Typography.Text type="secondary">{t('selstu.creditLimits', { text: limits.join('，') })}</Typography.Text>
            </div>
          )}
        </div>
      </div>
      {upcoming && (
        <div
          data-testid="round-countdown"
          style={{ background: '#fff7e6', border: '1px solid #ffd591', borderRadius: 8, padding: '8px 12px', textAlign: 'center' }}
        >
          <Typography.Text type="secondary">{t('selstu.countdown')}</Typography.Text>
          <div style={{ fontSize: 22, fontWeight: 600, fontVariantNumeric: 'tabular-nums' }}>
            {d > 0 ? t('selstu.countdownDays', { d, hms }) : hms}
          </div>
        </div>
      )}
      {round.notice && (
        <Collapse
          size="small"
          defaultActiveKey={upcoming ? ['notice'] : []}
          data-testid="round-notice"
          items={[
            {
              key: 'notice',
              label: t('selstu.notice'),
              children: <div style={{ whiteSpace: 'pre-wrap', lineHeight: 1.7 }}>{round.notice}</div>,
            },
          ]}
        />
      )}
    </Space>
  );
}
