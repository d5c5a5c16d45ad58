import { useState } from 'react';
import { Alert, Button, Card, Space, Tag, Typography } from 'antd';
import type { MyEnrolment, RetakeMode, Round, RoundClassItem } from '@jiaowu/contracts';
import { newIdempotencyKey, selection } from '../../../api/selection.ts';
import { useLabels } from '../../../i18n/labels.ts';
import { offersFor } from './offers.ts';
import { RetakePicker } from './RetakePicker.tsx';
import { SwapModal } from './SwapModal.tsx';
import { useSelectionAction } from './useAction.ts';
import { byTime, useSelectionWords } from './words.ts';

/** One class of a round as a card: what, when, where, seats, and the action the student may take or why not. */
export function ClassCard({ item, round, mine }: { item: RoundClassItem; round: Round; mine: MyEnrolment[] }) {
  const w = useSelectionWords();
  const { t } = w;
  const labels = useLabels();
  const act = useSelectionAction();
  const [pickDrop, setPickDrop] = useState<'swap' | 'waitlist' | null>(null);
  // 重修: the mode picked among those the server says pass now (the first by default).
  const [picked, setPicked] = useState<RetakeMode | null>(null);
  const retakeMode = item.isRetake ? (picked && item.retakeModes.includes(picked) ? picked : (item.retakeModes[0] ?? null)) : null;
  const name = w.classLabel(item);
  const own = mine.find((m) => m.teachingClassId === item.teachingClassId && m.status !== 'dropped' && m.status !== 'lottery_lost');
  const isLottery = round.mode === 'lottery';
  const enrolled = mine.filter((m) => m.status === 'enrolled' && !m.fixed);
  const offers = offersFor(item, round, mine);
  const runs = (action: string) => act.phase.kind !== 'idle' && act.phase.action === action;
  const blocked = (action: string) => act.busy && !runs(action);
  const usedRanks = new Set(mine.filter((m) => m.status === 'lottery_pending' && m.roundId === round.id).map((m) => m.rank));

  const enrol = () => {
    // One key per click: the retries of this click reuse it, so the seat is never taken twice.
    const key = newIdempotencyKey();
    void act.run({
      action: 'enrol',
      name,
      send: (retry) =>
        selection.enrol({ roundId: round.id, teachingClassId: item.teachingClassId, ...(retakeMode ? { retakeMode } : {}) }, key, retry),
      done: (r) => t(r.replayed ? 'selstu.done.enrolReplayed' : 'selstu.done.enrol', { name }),
    });
  };
  const waitlist = async (dropEnrolmentId?: number) => {
    const from = enrolled.find((e) => e.id === dropEnrolmentId);
    const ok = await act.run({
      action: 'waitlist',
      name,
      send: (retry) => selection.joinWaitlist({ roundId: round.id, teachingClassId: item.teachingClassId, dropEnrolmentId }, retry),
      done: (r) =>
        from
          ? t('selstu.done.waitlistSwap', { name, n: r.position, from: w.classLabel(from) })
          : t('selstu.done.waitlist', { name, n: r.position }),
    });
    if (ok) setPickDrop(null);
  };
  const choose = (rank: number) =>
    void act.run({
      action: `choose-${rank}`,
      name,
      send: (retry) => selection.choose({ roundId: round.id, teachingClassId: item.teachingClassId, rank }, retry),
      done: () => t('selstu.done.choose', { name, n: rank }),
    });
  const swap = async (dropEnrolmentId: number) => {
    const from = enrolled.find((e) => e.id === dropEnrolmentId);
    const ok = await act.run({
      action: 'swap',
      name,
      send: (retry) =>
        selection.swap(
          { roundId: round.id, dropEnrolmentId, teachingClassId: item.teachingClassId, ...(retakeMode ? { retakeMode } : {}) },
          retry,
        ),
      done: () => t('selstu.done.swap', { name, from: from ? w.classLabel(from) : '' }),
    });
    if (ok) setPickDrop(null);
  };

  const seats = isLottery
    ? t('selstu.applicants', { n: item.applicants ?? 0, capacity: item.capacity })
    : item.seatsLeft > 0
      ? t('selstu.seatsLeft', { n: item.seatsLeft, capacity: item.capacity })
      : t('selstu.full', { capacity: item.capacity });

  let ownTag: string | null = null;
  if (own?.status === 'enrolled') ownTag = t('selstu.taken');
  else if (own?.status === 'waitlisted') ownTag = t('selstu.alreadyWaitlisted', { n: own.waitlistPosition ?? '' });
  else if (own?.status === 'lottery_pending') ownTag = t('selstu.alreadyChosen', { n: own.rank ?? '' });

  return (
    <Card size="small" data-testid="class-card" data-code={item.code} styles={{ body: { padding: 12 } }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
        <Typography.Text strong style={{ fontSize: 15 }}>
          {w.course(item)}
        </Typography.Text>
        <Typography.Text style={{ whiteSpace: 'nowrap' }}>{t('selstu.credits', { n: item.credits })}</Typography.Text>
      </div>
      <div style={{ marginTop: 2 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {item.courseCode} · {item.code}
        </Typography.Text>{' '}
        <Tag style={{ marginInlineEnd: 4 }}>{labels.enumLabel('courseCategory', item.category)}</Tag>
        {item.isRetakeClass && <Tag color="purple">{t('selstu.retakeClass')}</Tag>}
        {item.isRetake && (
          <Tag color="volcano" data-testid="class-retake">
            {t('selrules.retakeFor')}
          </Tag>
        )}
        {item.genderRestriction && <Tag color="magenta">{t(`selstu.genderRestriction.${item.genderRestriction}`)}</Tag>}
      </div>
      <div style={{ marginTop: 4, lineHeight: 1.6 }}>
        <div>{w.teachers(item.teachers)}</div>
        {item.lectures.length ? (
          byTime(item.lectures).map((l, i) => <div key={i}>{w.lecture(l)}</div>)
        ) : (
          <Typography.Text type="secondary">{t('selstu.noTime')}</Typography.Text>
        )}
        <div>
          <Typography.Text type={!isLottery && item.seatsLeft <= 0 ? 'danger' : 'secondary'} data-testid="class-seats">
            {seats}
          </Typography.Text>
        </div>
      </div>
      {/* The refusal just received says it already; the reasons come back once it is closed. */}
      {!item.eligible && item.reasons.length > 0 && !own && !(act.error && item.reasons.every((r) => act.error!.includes(r.message))) && (
        <div data-testid="class-reasons" style={{ marginTop: 6 }}>
          <Typography.Text type="danger">
            {t('selstu.whyNot')}
            {item.reasons.map((r) => r.message).join('；')}
          </Typography.Text>
        </div>
      )}
      {item.isRetake && item.retakeModes.length > 0 && !own && !isLottery && retakeMode && (
        <RetakePicker modes={item.retakeModes} value={retakeMode} onChange={setPicked} />
      )}
      {act.error && (
        <Alert
          type="error"
          showIcon
          message={act.error}
          closable
          onClose={act.clearError}
          style={{ marginTop: 8 }}
          data-testid="class-error"
        />
      )}
      <div style={{ display: 'flex', justifyContent: 'flex-end', gap: 8, marginTop: 8, flexWrap: 'wrap' }}>
        {ownTag ? (
          <Tag color={own?.status === 'enrolled' ? 'green' : 'blue'} data-testid="class-own" style={{ marginInlineEnd: 0 }}>
            {ownTag}
          </Tag>
        ) : isLottery ? (
          item.eligible && (
            <Space size={6} wrap aria-label={t('selstu.actions.chooseLabel')}>
              {[1, 2, 3].map((rank) => (
                <Button
                  key={rank}
                  size="small"
                  disabled={blocked(`choose-${rank}`) || usedRanks.has(rank)}
                  loading={runs(`choose-${rank}`)}
                  onClick={() => choose(rank)}
                  data-testid={`choose-${rank}`}
                >
                  {act.label(`choose-${rank}`, t('selstu.actions.choose', { n: rank }))}
                </Button>
              ))}
            </Space>
          )
        ) : (
          <>
            {offers.swap && (
              <Button disabled={act.busy} onClick={() => setPickDrop('swap')} data-testid="swap-button">
                {t('selstu.actions.swap')}
              </Button>
            )}
            {offers.waitlistSwap && (
              <Button disabled={act.busy} onClick={() => setPickDrop('waitlist')} data-testid="waitlist-swap-button">
                {t('selstu.actions.waitlistSwap')}
              </Button>
            )}
            {offers.waitlist && (
              <Button
                disabled={blocked('waitlist')}
                loading={runs('waitlist')}
                onClick={() => void waitlist()}
                data-testid="waitlist-button"
              >
                {act.label('waitlist', t('selstu.actions.waitlist'))}
              </Button>
            )}
            {offers.enrol && (
              <Button type="primary" disabled={blocked('enrol')} loading={runs('enrol')} onClick={enrol} data-testid="enrol-button">
                {act.label('enrol', t('selstu.actions.enrol'))}
              </Button>
            )}
          </>
        )}
      </div>
      {pickDrop && (
        <SwapModal
          open
          kind={pickDrop}
          target={item}
          enrolled={enrolled}
          onCancel={() => setPickDrop(null)}
          onPick={(id) => void (pickDrop === 'swap' ? swap(id) : waitlist(id))}
          busyLabel={pickDrop === 'swap' ? act.label('swap', t('selstu.swapOk')) : act.label('waitlist', t('selstu.waitlistSwapOk'))}
          loading={act.busy}
        />
      )}
    </Card>
  );
}
