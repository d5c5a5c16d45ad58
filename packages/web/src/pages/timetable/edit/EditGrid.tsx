import { cloneElement, useRef, useState, type CSSProperties, type ReactElement } from 'react';
import { Alert, App, Button, Space, Tag, Tooltip, Typography } from 'antd';
import { CalendarOutlined, LockOutlined, SwapOutlined, UndoOutlined, UnlockOutlined } from '@ant-design/icons';
import {
  DndContext,
  DragOverlay,
  PointerSensor,
  pointerWithin,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type DragEndEvent,
  type DragStartEvent,
} from '@dnd-kit/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { weeksText, type DraftEditInput, type DraftGrid, type LectureItem, type SlotOption, type SlotOptions } from '@jiaowu/contracts';
import { ApiError } from '../../../api/client.ts';
import { draftEdit } from '../../../api/ttedit.ts';
import { WeekGrid } from '../../../components/timetable/WeekGrid.tsx';
import { RoomPickModal } from './RoomPickModal.tsx';
import { WeeksModal } from './WeeksModal.tsx';

type Placed = LectureItem & { day: number; startPeriod: number };

const STATUS_BG: Record<SlotOption['status'] | 'otherRoom', string> = {
  free: '#d9f7be',
  conflict: '#ffccc7',
  preference: '#fff1b8',
  current: '#bae0ff',
  otherRoom: '#b5f5ec',
};

/** The key of a slot option: a cell stands for starting the dragged lecture in its period. */
const slotKey = (day: number, period: number) => `${day}:${period}`;

/**
 * The editable week grid of one owner of a draft: drag a card to another slot (every slot
 * coloured free / conflict / preference from the server's live check while dragging, the
 * reasons in the cell's tooltip), swap two cards, edit weeks, lock, undo. The server decides:
 * a drop it refuses shows its reason; a stale version reloads.
 */
export function EditGrid({ draftId, data, readOnly }: { draftId: number; data: DraftGrid; readOnly: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'zh-CN';
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [dragging, setDragging] = useState<LectureItem | null>(null);
  const [options, setOptions] = useState<SlotOptions | null>(null);
  /** The lecture being dragged now: options that arrive after its drop are dropped. */
  const draggingKey = useRef<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [swapFrom, setSwapFrom] = useState<string | null>(null);
  const [weeksFor, setWeeksFor] = useState<LectureItem | null>(null);
  const [roomPick, setRoomPick] = useState<{ key: string; day: number; startPeriod: number } | null>(null);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 5 } }));
  const version = data.draft.version;

  const refresh = () => qc.invalidateQueries({ queryKey: ['ttedit', draftId] });
  const onError = (e: unknown) => {
    if (e instanceof ApiError && e.code === 'stale') {
      void message.warning(t('ttedit.stale'));
      void refresh();
    } else if (e instanceof ApiError && e.status === 409) setRefusal(e.message);
    else void message.error(e instanceof ApiError ? e.message : t('errors.offline'));
  };
  const edit = useMutation({
    mutationFn: (body: DraftEditInput) => draftEdit.edit(draftId, body),
    onSuccess: (_r, body) => {
      setRefusal(null);
      if (body.kind === 'move') void message.success(t('ttedit.moved', { day: t(`ttgrid.weekday.${body.day}`), period: body.startPeriod }));
      else void message.success(t('ttedit.saved'));
      setWeeksFor(null);
      return refresh();
    },
    onError,
  });
  const undo = useMutation({
    mutationFn: () => draftEdit.undo(draftId, version),
    onSuccess: () => {
      setRefusal(null);
      void message.success(t('ttedit.undone'));
      return refresh();
    },
    onError,
  });

  const byKey = new Map(data.items.map((i) => [i.key, i]));
  const slots = new Map((options?.slots ?? []).map((s) => [slotKey(s.day, s.startPeriod), s]));
  const statusOf = (s: SlotOption | undefined) => (s ? (s.otherRoomFree && s.status !== 'conflict' ? 'otherRoom' : s.status) : undefined);

  const onDragStart = (e: DragStartEvent) => {
    const item = byKey.get(String(e.active.id)) ?? null;
    setDragging(item);
    setOptions(null);
    setRefusal(null);
    draggingKey.current = item?.key ?? null;
    if (!item) return;
    qc.fetchQuery({ queryKey: ['ttedit', draftId, 'options', item.key, version], queryFn: () => draftEdit.options(draftId, item.key) })
      .then((o) => {
        if (draggingKey.current === o.key) setOptions(o);
      })
      .catch(() => setOptions(null));
  };
  const onDragEnd = (e: DragEndEvent) => {
    const item = dragging;
    draggingKey.current = null;
    setDragging(null);
    setOptions(null);
    const over = e.over ? String(e.over.id) : null;
    if (!item || !over?.startsWith('cell:')) return;
    const [, d, p] = over.split(':');
    const day = Number(d);
    const startPeriod = Number(p);
    if (item.day === day && item.startPeriod === startPeriod) return;
    const slot = slots.get(slotKey(day, startPeriod));
    if (slot?.status === 'conflict') {
      setRefusal(slot.reasons.join(locale === 'en' ? '; ' : '；'));
      return;
    }
    if (slot?.otherRoomFree) {
      setRoomPick({ key: item.key, day, startPeriod });
      return;
    }
    // Options not loaded yet (a fast drop): the server checks the move anyway.
    edit.mutate({ kind: 'move', version, key: item.key, day, startPeriod });
  };

  const onCardClick = (item: LectureItem) => {
    if (!swapFrom || swapFrom === item.key) return;
    edit.mutate({ kind: 'swap', version, keys: [swapFrom, item.key] });
    setSwapFrom(null);
  };

  const card = (item: LectureItem) => (
    <LectureCard
      item={item}
      locale={locale}
      readOnly={readOnly}
      swapping={swapFrom !== null}
      isSwapSource={swapFrom === item.key}
      onClick={() => onCardClick(item)}
      onSwap={() => setSwapFrom(swapFrom === item.key ? null : item.key)}
      onWeeks={() => setWeeksFor(item)}
      onLock={() => edit.mutate({ kind: item.lockTime || item.lockRoom ? 'unlock' : 'lock', version, key: item.key })}
    />
  );
  const placed = data.items.filter((i): i is Placed => i.day !== null && i.startPeriod !== null);
  const unplaced = data.items.filter((i) => i.day === null || i.startPeriod === null);

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap>
        {!readOnly && (
          <Button
            icon={<UndoOutlined />}
            disabled={data.undoable === 0}
            loading={undo.isPending}
            onClick={() => undo.mutate()}
            data-testid="undo"
          >
            {data.undoable ? t('ttedit.undoCount', { n: data.undoable }) : t('ttedit.undo')}
          </Button>
        )}
        {swapFrom && (
          <Tag color="processing" closable onClose={() => setSwapFrom(null)}>
            {t('ttedit.actions.swapPick')}
          </Tag>
        )}
        {(['free', 'conflict', 'preference', 'otherRoom', 'current'] as const).map((s) => (
          <Tag key={s} style={{ background: STATUS_BG[s], color: 'rgba(0,0,0,0.85)', borderColor: 'transparent' }}>
            {t(`ttedit.legend.${s}`)}
          </Tag>
        ))}
      </Space>
      {!readOnly && (
        <Typography.Text type="secondary">{dragging && !options ? t('ttedit.checking') : t('ttedit.dragHint')}</Typography.Text>
      )}
      {refusal && (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => setRefusal(null)}
          message={t('ttedit.refused')}
          description={refusal}
          data-testid="edit-refusal"
        />
      )}
      <DndContext
        sensors={sensors}
        collisionDetection={pointerWithin}
        onDragStart={onDragStart}
        onDragEnd={onDragEnd}
        onDragCancel={() => setDragging(null)}
      >
        <WeekGrid
          data-testid="edit-grid"
          days={data.grid.days}
          periods={data.grid.periods}
          items={placed}
          rowHeight={52}
          renderItem={card}
          cellStyle={(d, p) => {
            const s = statusOf(slots.get(slotKey(d, p)));
            return s ? { background: STATUS_BG[s] } : undefined;
          }}
          cellTitle={(d, p) => slots.get(slotKey(d, p))?.reasons.join('\n') || undefined}
          wrapCell={
            readOnly
              ? undefined
              : (d, p, cell) => <DropCell id={`cell:${d}:${p}`} cell={cell} status={statusOf(slots.get(slotKey(d, p)))} />
          }
        />
        {unplaced.length > 0 && (
          <div>
            <Typography.Title level={5}>{t('ttedit.unplaced')}</Typography.Title>
            <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }} data-testid="unplaced">
              {unplaced.map((i) => (
                <div key={i.key} style={{ width: 180, height: 90 }}>
                  {card(i)}
                </div>
              ))}
            </div>
          </div>
        )}
        <DragOverlay dropAnimation={null}>
          {dragging ? <CardBody item={dragging} locale={locale} style={{ width: 140, opacity: 0.9 }} /> : null}
        </DragOverlay>
      </DndContext>
      {data.items.length === 0 && <Typography.Text type="secondary">{t('ttedit.noLectures')}</Typography.Text>}
      {weeksFor && (
        <WeeksModal
          name={`${weeksFor.courseName} ${weeksFor.teachingClassCode}`}
          termWeeks={data.grid.weeks}
          initial={weeksFor.weeks}
          saving={edit.isPending}
          onCancel={() => setWeeksFor(null)}
          onOk={(weeks) => edit.mutate({ kind: 'weeks', version, key: weeksFor.key, weeks })}
        />
      )}
      {roomPick && (
        <RoomPickModal
          draftId={draftId}
          lectureKey={roomPick.key}
          day={roomPick.day}
          startPeriod={roomPick.startPeriod}
          onCancel={() => setRoomPick(null)}
          onPick={(roomId) => {
            edit.mutate({ kind: 'move', version, key: roomPick.key, day: roomPick.day, startPeriod: roomPick.startPeriod, roomId });
            setRoomPick(null);
          }}
        />
      )}
    </Space>
  );
}

/** A grid cell as a drop target (the cell element itself gets the ref, so dnd-kit can measure it). */
function DropCell({ id, cell, status }: { id: string; cell: ReactElement; status: string | undefined }) {
  const { setNodeRef, isOver } = useDroppable({ id });
  const style = (cell.props as { style?: CSSProperties }).style;
  return cloneElement(cell as ReactElement<Record<string, unknown>>, {
    ref: setNodeRef,
    'data-status': status ?? '',
    style: isOver ? { ...style, outline: '2px solid #1677ff', outlineOffset: -2 } : style,
  });
}

function CardBody({ item, locale, style }: { item: LectureItem; locale: 'zh-CN' | 'en'; style?: CSSProperties }) {
  const { t } = useTranslation();
  const name = locale === 'en' && item.courseNameEn ? item.courseNameEn : item.courseName;
  return (
    <div
      style={{
        background: item.lockTime || item.lockRoom ? '#f0f0f0' : '#e6f4ff',
        border: '1px solid #91caff',
        borderRadius: 4,
        padding: '2px 4px',
        fontSize: 12,
        lineHeight: 1.3,
        height: '100%',
        overflow: 'hidden',
        ...style,
      }}
    >
      <div style={{ fontWeight: 600 }}>
        {name} <span style={{ fontWeight: 400 }}>{item.teachingClassCode}</span>
      </div>
      <div>{item.roomName ?? t('ttedit.card.noRoom')}</div>
      <div>{item.teacherNames.join('、')}</div>
      <div style={{ opacity: 0.75 }}>{weeksText(item.weeks, locale)}</div>
    </div>
  );
}

function LectureCard(props: {
  item: LectureItem;
  locale: 'zh-CN' | 'en';
  readOnly: boolean;
  swapping: boolean;
  isSwapSource: boolean;
  onClick: () => void;
  onSwap: () => void;
  onWeeks: () => void;
  onLock: () => void;
}) {
  const { t } = useTranslation();
  const { item } = props;
  const locked = item.lockTime || item.lockRoom;
  const { setNodeRef, listeners, attributes, isDragging } = useDraggable({ id: item.key, disabled: props.readOnly || item.lockTime });
  const icon = { fontSize: 12, padding: 0, height: 18, width: 18 };
  return (
    <div
      ref={setNodeRef}
      {...listeners}
      {...attributes}
      data-testid={`lecture-${item.key}`}
      onClick={props.onClick}
      style={{
        position: 'relative',
        height: '100%',
        opacity: isDragging ? 0.4 : 1,
        cursor: props.readOnly ? 'default' : props.swapping ? 'pointer' : item.lockTime ? 'not-allowed' : 'grab',
        outline: props.isSwapSource ? '2px solid #1677ff' : undefined,
        touchAction: 'none',
      }}
    >
      <CardBody item={item} locale={props.locale} />
      {!props.readOnly && (
        <div
          style={{ position: 'absolute', top: 1, right: 1, display: 'flex', gap: 1, background: 'rgba(255,255,255,0.85)', borderRadius: 3 }}
        >
          <Tooltip title={t('ttedit.actions.swap')}>
            <Button
              type="text"
              style={icon}
              icon={<SwapOutlined />}
              aria-label={t('ttedit.actions.swap')}
              onClick={(e) => {
                e.stopPropagation();
                props.onSwap();
              }}
            />
          </Tooltip>
          <Tooltip title={t('ttedit.actions.weeks')}>
            <Button
              type="text"
              style={icon}
              icon={<CalendarOutlined />}
              aria-label={t('ttedit.actions.weeks')}
              onClick={(e) => {
                e.stopPropagation();
                props.onWeeks();
              }}
            />
          </Tooltip>
          <Tooltip title={locked ? t('ttedit.actions.unlock') : t('ttedit.actions.lock')}>
            <Button
              type="text"
              style={icon}
              icon={locked ? <LockOutlined /> : <UnlockOutlined />}
              aria-label={locked ? t('ttedit.actions.unlock') : t('ttedit.actions.lock')}
              data-testid={`lock-${item.key}`}
              onClick={(e) => {
                e.stopPropagation();
                props.onLock();
              }}
            />
          </Tooltip>
        </div>
      )}
    </div>
  );
}
