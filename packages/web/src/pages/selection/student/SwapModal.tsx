import { useState } from 'react';
import { Alert, Modal, Radio, Space, Tag, Typography, type ButtonProps } from 'antd';
import type { MyEnrolment, RoundClassItem } from '@jiaowu/contracts';
import { lecturesClash, useSelectionWords } from './words.ts';

/**
 * 换课 (`swap`, at once) or 候补换课 (`waitlist`, when a seat frees): which enrolled class to give up for `target`. The classes that clash with it or are of
 * the same course come first and are marked, the first of them chosen already.
 */
export function SwapModal({
  kind,
  target,
  enrolled,
  open,
  onCancel,
  onPick,
  busyLabel,
  loading,
}: {
  kind: 'swap' | 'waitlist';
  target: RoundClassItem;
  enrolled: MyEnrolment[];
  open: boolean;
  onCancel: () => void;
  onPick: (dropEnrolmentId: number) => void;
  busyLabel: string;
  loading: boolean;
}) {
  const w = useSelectionWords();
  const { t } = w;
  const why = (e: MyEnrolment) => {
    if (e.courseId === target.courseId) return t('selstu.swapSameCourse');
    if (e.lectures.some((a) => target.lectures.some((b) => lecturesClash(a, b)))) return t('selstu.swapConflict');
    return null;
  };
  const droppable = enrolled
    .filter((e) => e.status === 'enrolled' && !e.fixed)
    .map((e) => ({ e, why: why(e) }))
    .sort((a, b) => Number(b.why !== null) - Number(a.why !== null));
  const [picked, setPicked] = useState<number | undefined>(droppable[0]?.why ? droppable[0].e.id : undefined);
  return (
    <Modal
      open={open}
      title={t(kind === 'swap' ? 'selstu.swapTitle' : 'selstu.waitlistSwapTitle', { name: w.classLabel(target) })}
      okText={busyLabel}
      cancelText={t('selstu.mine.cancel')}
      okButtonProps={{ disabled: picked === undefined, loading, 'data-testid': 'swap-ok' } as ButtonProps}
      onOk={() => picked !== undefined && onPick(picked)}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {t(kind === 'swap' ? 'selstu.swapHint' : 'selstu.waitlistSwapHint', { name: w.classLabel(target) })}
      </Typography.Paragraph>
      {droppable.length === 0 ? (
        <Alert type="info" showIcon message={t('selstu.swapNone')} />
      ) : (
        <Radio.Group value={picked} onChange={(ev) => setPicked(ev.target.value as number)} style={{ width: '100%' }}>
          <Space direction="vertical" style={{ width: '100%' }}>
            {droppable.map(({ e, why: reason }) => (
              <Radio key={e.id} value={e.id} data-testid="swap-option">
                {w.classLabel(e)} {reason && <Tag color="red">{reason}</Tag>}
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {e.lectures.map((l) => w.lecture(l)).join('；')}
                  </Typography.Text>
                </div>
              </Radio>
            ))}
          </Space>
        </Radio.Group>
      )}
    </Modal>
  );
}
