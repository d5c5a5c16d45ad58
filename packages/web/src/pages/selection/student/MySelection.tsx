import { Alert, Button, Card, Empty, Popconfirm, Space, Tag, Typography, type ButtonProps } from 'antd';
import type { MyEnrolment, MyEnrolments, Round } from '@jiaowu/contracts';
import { selection } from '../../../api/selection.ts';
import { SelectionTimetable } from './SelectionTimetable.tsx';
import { useSelectionAction } from './useAction.ts';
import { byTime, CARD_GRID, useSelectionWords } from './words.ts';

const STATUS_COLOR: Record<MyEnrolment['status'], string> = {
  enrolled: 'green',
  waitlisted: 'blue',
  lottery_pending: 'gold',
  lottery_lost: 'default',
  dropped: 'default',
};
/** Enrolled first, then waiting, then lottery choices by rank, the lost ones last. */
const ORDER: MyEnrolment['status'][] = ['enrolled', 'waitlisted', 'lottery_pending', 'lottery_lost', 'dropped'];

/** 我的选课: total credits, every enrolment, waitlist entry and lottery choice, and the week. */
export function MySelection({ data, round }: { data: MyEnrolments; round: Round | undefined }) {
  const { t } = useSelectionWords();
  const items = data.items
    .filter((i) => i.status !== 'dropped')
    .sort((a, b) => ORDER.indexOf(a.status) - ORDER.indexOf(b.status) || (a.rank ?? 0) - (b.rank ?? 0) || a.code.localeCompare(b.code));
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12} data-testid="my-selection">
      <Typography.Text strong style={{ fontSize: 16 }} data-testid="my-credits">
        {t('selstu.mine.totalCredits', { n: data.totalCredits })}
      </Typography.Text>
      {items.length === 0 ? (
        <Empty description={t('selstu.mine.empty')} />
      ) : (
        <div style={CARD_GRID}>
          {items.map((item) => (
            <MyItem key={`${item.status}-${item.id}`} item={item} round={round} />
          ))}
        </div>
      )}
      <Typography.Title level={5} style={{ margin: '8px 0 0' }}>
        {t('selstu.mine.timetable')}
      </Typography.Title>
      <SelectionTimetable items={data.items} />
    </Space>
  );
}

function statusText(t: ReturnType<typeof useSelectionWords>['t'], item: MyEnrolment): string {
  switch (item.status) {
    case 'waitlisted':
      return item.waitlistPosition !== null
        ? t('selstu.mine.status.waitlisted', { n: item.waitlistPosition })
        : t('selstu.mine.status.waitlistedNoPos');
    case 'lottery_pending':
      return item.rank !== null ? t('selstu.mine.status.lottery_pending', { n: item.rank }) : t('selstu.mine.status.lottery_pendingNoRank');
    default:
      return t(`selstu.mine.status.${item.status}`);
  }
}

/** One line of 我的选课 with its status and the one action it allows. */
function MyItem({ item, round }: { item: MyEnrolment; round: Round | undefined }) {
  const w = useSelectionWords();
  const { t } = w;
  const act = useSelectionAction();
  const name = w.classLabel(item);
  // Drops follow the rules of the round on screen when it is open; otherwise the server picks the open round.
  const dropRound = round?.isOpen ? round.id : undefined;
  const action = (() => {
    if (item.status === 'enrolled' && !item.fixed)
      return {
        key: 'drop',
        words: t('selstu.actions.drop'),
        confirm: t('selstu.mine.confirmDrop', { name }),
        run: () =>
          act.run({
            action: 'drop',
            name,
            send: (retry) => selection.drop(item.id, dropRound, retry),
            done: () => t('selstu.done.drop', { name }),
          }),
      };
    if (item.status === 'waitlisted')
      return {
        key: 'leave',
        words: t('selstu.actions.leaveWaitlist'),
        confirm: t('selstu.mine.confirmLeave', { name }),
        run: () =>
          act.run({
            action: 'leave',
            name,
            send: (retry) => selection.leaveWaitlist(item.id, retry),
            done: () => t('selstu.done.leaveWaitlist', { name }),
          }),
      };
    if (item.status === 'lottery_pending')
      return {
        key: 'remove',
        words: t('selstu.actions.removeChoice'),
        confirm: t('selstu.mine.confirmRemove', { name }),
        run: () =>
          act.run({
            action: 'remove',
            name,
            send: (retry) => selection.unchoose(item.id, retry),
            done: () => t('selstu.done.removeChoice', { name }),
          }),
      };
    return null;
  })();
  return (
    <Card size="small" data-testid="my-item" data-code={item.code} data-status={item.status} styles={{ body: { padding: 12 } }}>
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
        <Tag color={STATUS_COLOR[item.status]} data-testid="my-item-status">
          {statusText(t, item)}
        </Tag>
        {item.fixed && (
          <Tag color="geekblue" title={t('selstu.mine.fixedHint')} data-testid="my-item-fixed">
            {t('selstu.mine.fixed')}
          </Tag>
        )}
        {item.isRetake && (
          <Tag color="purple">{item.retakeMode ? t(`selstu.mine.retakeMode.${item.retakeMode}`) : t('selstu.mine.retake')}</Tag>
        )}
      </div>
      <div style={{ marginTop: 4, lineHeight: 1.6 }}>
        <div>{w.teachers(item.teachers)}</div>
        {item.lectures.length ? (
          byTime(item.lectures).map((l, i) => <div key={i}>{w.lecture(l)}</div>)
        ) : (
          <Typography.Text type="secondary">{t('selstu.noTime')}</Typography.Text>
        )}
      </div>
      {item.explanation && (
        <Typography.Paragraph type="secondary" style={{ margin: '6px 0 0' }} data-testid="my-item-explanation">
          {item.explanation}
        </Typography.Paragraph>
      )}
      {item.fixed && (
        <Typography.Paragraph type="secondary" style={{ margin: '6px 0 0', fontSize: 12 }}>
          {t('selstu.mine.fixedHint')}
        </Typography.Paragraph>
      )}
      {act.error && (
        <Alert
          type="error"
          showIcon
          message={act.error}
          closable
          onClose={act.clearError}
          style={{ marginTop: 8 }}
          data-testid="my-item-error"
        />
      )}
      {action && (
        <div style={{ display: 'flex', justifyContent: 'flex-end', marginTop: 8 }}>
          <Popconfirm
            title={action.confirm}
            okText={t('selstu.mine.ok')}
            cancelText={t('selstu.mine.cancel')}
            onConfirm={() => void action.run()}
            okButtonProps={{ 'data-testid': 'confirm-ok' } as ButtonProps}
          >
            <Button danger loading={act.busy} data-testid={`${action.key}-button`}>
              {act.label(action.key, action.words)}
            </Button>
          </Popconfirm>
        </div>
      )}
    </Card>
  );
}

/** 选课限制: why the student may not select now, with each hold's reason (unpaid fees …). */
export function HoldsAlert({ holds }: { holds: MyEnrolments['holds'] }) {
  const { t } = useSelectionWords();
  if (!holds.length) return null;
  return (
    <Alert
      type="warning"
      showIcon
      message={t('selstu.mine.holds')}
      description={
        holds.length === 1 ? (
          holds[0].reason
        ) : (
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {holds.map((h, i) => (
              <li key={i}>{h.reason}</li>
            ))}
          </ul>
        )
      }
      data-testid="my-holds"
    />
  );
}
