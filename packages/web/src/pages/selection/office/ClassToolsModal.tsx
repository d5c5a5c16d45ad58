import { useState } from 'react';
import { App, Alert, Button, Checkbox, Input, InputNumber, Modal, Space, Tabs, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Round, RoundClassItem } from '@jiaowu/contracts';
import { classTools } from '../../../api/selection-class-tools.ts';
import { QueryError } from '../../../components/QueryState.tsx';
import { ClassPicker } from './ClassPicker.tsx';
import { failureOf } from './failure.ts';
import { ReservedSeatsPane } from './ReservedSeatsPane.tsx';

/** 教学班管理: capacity, reserved seats, cancel 停开 and merge 合班 of one class of the round. */
export function ClassToolsModal({ round, cls, onClose }: { round: Round; cls: RoundClassItem | null; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const changed = () => void qc.invalidateQueries({ queryKey: ['sel-round-classes', round.id] });
  return (
    <Modal
      open={cls !== null}
      width={860}
      title={t('selclass.title', { code: cls?.code ?? '' })}
      footer={null}
      onCancel={onClose}
      destroyOnHidden
    >
      {cls && (
        <Tabs
          items={[
            { key: 'capacity', label: t('selclass.tabs.capacity'), children: <CapacityPane cls={cls} onChanged={changed} /> },
            { key: 'reserved', label: t('selclass.tabs.reserved'), children: <ReservedSeatsPane teachingClassId={cls.teachingClassId} /> },
            {
              key: 'cancel',
              label: t('selclass.tabs.cancel'),
              children: (
                <CancelPane
                  round={round}
                  cls={cls}
                  onDone={() => {
                    changed();
                    onClose();
                  }}
                />
              ),
            },
            { key: 'merge', label: t('selclass.tabs.merge'), children: <MergePane round={round} cls={cls} onChanged={changed} /> },
          ]}
        />
      )}
    </Modal>
  );
}

function CapacityPane({ cls, onChanged }: { cls: RoundClassItem; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [capacity, setCapacity] = useState<number | null>(cls.capacity);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  // The seat row itself (the class list's seats left also counts reserved seats).
  const seats = useQuery({
    queryKey: ['sel-class-seats', cls.teachingClassId],
    queryFn: () => classTools.reservedSeats(cls.teachingClassId),
    staleTime: 0,
  });
  const save = async () => {
    if (capacity === null) return;
    setBusy(true);
    setFailure(null);
    try {
      const r = await classTools.setCapacity(cls.teachingClassId, capacity);
      message.success(
        r.promoted ? t('selclass.capacityPromoted', { capacity: r.capacity, count: r.promoted }) : t('selclass.capacitySaved', r),
      );
      onChanged();
      void seats.refetch();
    } catch (e) {
      setFailure(failureOf(e, t('errors.network')));
    } finally {
      setBusy(false);
    }
  };
  if (seats.isError) return <QueryError error={seats.error} onRetry={() => void seats.refetch()} compact />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('selclass.capacityHelp')}</Typography.Text>
      {seats.data && (
        <Typography.Text data-testid="class-enrolled-now">
          {t('selclass.enrolledNow', { enrolled: seats.data.enrolled, capacity: seats.data.capacity })}
        </Typography.Text>
      )}
      <Space>
        <InputNumber min={0} max={2000} precision={0} value={capacity} onChange={setCapacity} data-testid="class-capacity" />
        <Button type="primary" loading={busy} disabled={capacity === null} onClick={() => void save()} data-testid="class-capacity-save">
          {t('selclass.saveCapacity')}
        </Button>
      </Space>
      {failure && <Alert type="error" showIcon title={failure} data-testid="class-tools-error" />}
    </Space>
  );
}

/** 停开: the numbers affected first, then a confirmation naming them. */
function CancelPane({ round, cls, onDone }: { round: Round; cls: RoundClassItem; onDone: () => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [reason, setReason] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const preview = useQuery({
    queryKey: ['sel-cancel-preview', cls.teachingClassId, round.id],
    queryFn: () => classTools.cancelPreview(cls.teachingClassId, round.id),
    staleTime: 0,
  });
  if (preview.isError) return <QueryError error={preview.error} onRetry={() => void preview.refetch()} compact />;
  const p = preview.data;
  const confirm = () => {
    modal.confirm({
      title: t('selclass.cancelConfirmTitle', { code: cls.code }),
      content: t('selclass.cancelConfirmBody', { enrolled: p?.enrolled ?? 0 }),
      okButtonProps: { danger: true, 'data-testid': 'cancel-class-ok' } as ButtonProps,
      okText: t('selclass.cancelConfirm'),
      onOk: async () => {
        setFailure(null);
        try {
          const r = await classTools.cancel(cls.teachingClassId, round.id, reason.trim());
          message.success(t('selclass.cancelled', { count: r.dropped }));
          onDone();
        } catch (e) {
          setFailure(failureOf(e, t('errors.network')));
        }
      },
    });
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">{t('selclass.cancelHelp')}</Typography.Paragraph>
      {p && (
        <Alert
          type="warning"
          showIcon
          title={t('selclass.cancelCount', { enrolled: p.enrolled, waiting: p.waiting })}
          data-testid="cancel-count"
        />
      )}
      <Input
        maxLength={200}
        placeholder={t('selclass.cancelReason')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        data-testid="cancel-reason"
      />
      <Button danger disabled={!p || !reason.trim() || round.status === 'locked'} onClick={confirm} data-testid="cancel-class">
        {t('selclass.cancelConfirm')}
      </Button>
      {failure && <Alert type="error" showIcon title={failure} data-testid="class-tools-error" />}
    </Space>
  );
}

/** 合班: B (picked) moves into this class A; a time conflict or a too small A is refused with the server's words. */
function MergePane({ round, cls, onChanged }: { round: Round; cls: RoundClassItem; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [from, setFrom] = useState<number | undefined>();
  const [capacity, setCapacity] = useState<number | null>(null);
  const [override, setOverride] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const submit = async () => {
    if (!from) return;
    setBusy(true);
    setFailure(null);
    try {
      const r = await classTools.merge({
        roundId: round.id,
        intoClassId: cls.teachingClassId,
        fromClassId: from,
        ...(capacity === null ? {} : { capacity }),
        override,
        reason: reason.trim(),
      });
      message.success(t('selclass.merged', { count: r.moved, capacity: r.capacity }));
      setFrom(undefined);
      onChanged();
    } catch (e) {
      setFailure(failureOf(e, t('errors.network')));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">{t('selclass.mergeHelp')}</Typography.Paragraph>
      <Typography.Text>{t('selclass.mergeFrom')}</Typography.Text>
      <ClassPicker roundId={round.id} value={from} onChange={setFrom} data-testid="merge-from" />
      <Typography.Text>{t('selclass.mergeCapacity')}</Typography.Text>
      <InputNumber min={0} max={2000} precision={0} value={capacity} onChange={setCapacity} data-testid="merge-capacity" />
      <Checkbox checked={override} onChange={(e) => setOverride(e.target.checked)} data-testid="merge-override">
        {t('selclass.mergeOverride')}
      </Checkbox>
      <Input
        maxLength={200}
        placeholder={t('selclass.mergeReason')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        data-testid="merge-reason"
      />
      <Button
        type="primary"
        loading={busy}
        disabled={!from || !reason.trim() || round.status === 'locked'}
        onClick={() => void submit()}
        data-testid="merge-submit"
      >
        {t('selclass.mergeSubmit')}
      </Button>
      {failure && <Alert type="error" showIcon title={failure} data-testid="class-tools-error" />}
    </Space>
  );
}
