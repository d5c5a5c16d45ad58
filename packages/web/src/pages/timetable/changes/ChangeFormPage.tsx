import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, App, Button, Card, Checkbox, Form, Input, Radio, Select, Space, Typography } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CHANGE_KINDS, CHANGE_REASON_KINDS, type ChangeKind, type ChangeReasonKind, type LectureItem } from '@jiaowu/contracts';
import { ApiError } from '../../../api/client.ts';
import { ttchange } from '../../../api/ttchange.ts';
import { QueryError } from '../../../components/QueryState.tsx';
import { RefSelect } from '../../../components/RefSelect.tsx';
import { useTerms } from '../../../lib/terms.ts';
import { useListParams } from '../../offerings/useListParams.ts';
import { slotWords, weeksWords } from '../slot-words.ts';
import { SlotPicker, type PickedSlot } from './SlotPicker.tsx';

/**
 * 调课申请 form: one of my published lectures, the kind, the weeks, the new slot picked from the
 * proposed free ones (move / permanent / a make-up), a substitute (代课), the reason. The office's
 * rules are shown above; a refusal is shown in words where the user can act on it.
 */
export function ChangeFormPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { current, terms } = useTerms();
  const { num } = useListParams();
  const termId = num('termId') ?? current?.id;
  const [lectureKey, setLectureKey] = useState<string>();
  const [kind, setKind] = useState<ChangeKind>('move');
  const [weeks, setWeeks] = useState<number[]>([]);
  const [slot, setSlot] = useState<PickedSlot | null>(null);
  const [withMakeup, setWithMakeup] = useState(false);
  const [makeupWeek, setMakeupWeek] = useState<number>();
  const [substitute, setSubstitute] = useState<number>();
  const [reasonKind, setReasonKind] = useState<ChangeReasonKind>('official');
  const [reason, setReason] = useState('');
  const [refusal, setRefusal] = useState<string | null>(null);

  const lectures = useQuery({
    queryKey: ['tt-change-lectures', termId],
    queryFn: () => ttchange.lectures(termId!),
    enabled: termId != null,
  });
  const rules = useQuery({ queryKey: ['tt-change-rules', termId], queryFn: () => ttchange.rules(termId!), enabled: termId != null });
  const lecture: LectureItem | undefined = lectures.data?.find((l) => l.key === lectureKey);
  const needsSlot = kind === 'move' || kind === 'permanent' || (kind === 'cancel' && withMakeup);
  const slotWeeks =
    kind === 'cancel'
      ? makeupWeek
        ? [makeupWeek]
        : []
      : kind === 'permanent'
        ? (lecture?.weeks.filter((w) => w >= (weeks[0] ?? 99)) ?? [])
        : weeks;
  const options = useQuery({
    queryKey: ['tt-change-options', termId, lectureKey, slotWeeks],
    queryFn: () => ttchange.options(termId!, lectureKey!, slotWeeks),
    enabled: termId != null && !!lectureKey && needsSlot && slotWeeks.length > 0,
  });
  const file = useMutation({
    mutationFn: () =>
      ttchange.file({
        termId,
        lectureKey,
        kind,
        weeks,
        targets:
          needsSlot && slot?.roomId
            ? [{ day: slot.day, startPeriod: slot.startPeriod, roomId: slot.roomId, ...(kind === 'cancel' ? { weeks: slotWeeks } : {}) }]
            : [],
        substituteTeacherId: kind === 'substitute' ? substitute : undefined,
        reasonKind,
        reason,
      }),
    onSuccess: (c) => {
      message.success(t('ttchange.submitted'));
      void navigate(`/timetable/changes/${c.id}`);
    },
    onError: (e) => setRefusal(e instanceof ApiError ? e.message : t('errors.network')),
  });
  // Only lessons after the school's today can change (the server refuses the rest, in words).
  const today = rules.data?.today;
  const past = (week: number, day: number) => !!today && (week < today.week || (week === today.week && day <= today.day));
  const termWeeks = terms.find((x) => x.id === termId)?.weeks ?? 20;
  const lectureLabel = (l: LectureItem) =>
    `${i18n.language === 'en' ? (l.courseNameEn ?? l.courseName) : l.courseName}（${l.teachingClassCode}）${slotWords(t, l.day ?? 1, l.startPeriod ?? 1, (l.startPeriod ?? 1) + l.length - 1)} ${l.roomName ?? ''} ${weeksWords(i18n.language, l.weeks)}`;
  const ready =
    !!lectureKey && weeks.length > 0 && reason.trim() !== '' && (!needsSlot || !!slot?.roomId) && (kind !== 'substitute' || !!substitute);

  if (lectures.error) return <QueryError error={lectures.error} onRetry={() => void lectures.refetch()} />;
  return (
    <Card title={t('ttchange.newChange')}>
      {rules.data && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('ttchange.rules')}
          description={
            <ul style={{ margin: 0 }}>
              {rules.data.texts.map((x) => (
                <li key={x}>{x}</li>
              ))}
            </ul>
          }
          data-testid="change-rules"
        />
      )}
      {lectures.data && lectures.data.length === 0 && (
        <Alert type="warning" message={t('ttchange.noLectures')} style={{ marginBottom: 16 }} />
      )}
      <Form layout="vertical" style={{ maxWidth: 900 }} onFinish={() => file.mutate()}>
        <Form.Item label={t('ttchange.lecture')} required>
          <Select
            showSearch
            optionFilterProp="label"
            placeholder={t('ttchange.pickLecture')}
            loading={lectures.isLoading}
            value={lectureKey}
            options={(lectures.data ?? []).map((l) => ({
              value: l.key,
              label: lectureLabel(l),
              disabled: l.weeks.every((w) => past(w, l.day ?? 1)),
            }))}
            // The lecture's key on its option, for the browser tests (never shown).
            optionRender={(o) => <span data-testid={`lecture-option-${String(o.value)}`}>{o.label}</span>}
            onChange={(v: string) => {
              setLectureKey(v);
              setWeeks([]);
              setSlot(null);
            }}
            data-testid="change-lecture"
          />
        </Form.Item>
        <Form.Item label={t('ttchange.kind')} required>
          <Radio.Group
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as ChangeKind);
              setSlot(null);
            }}
            optionType="button"
            options={CHANGE_KINDS.map((k) => ({ value: k, label: t(`ttchange.kinds.${k}`) }))}
            data-testid="change-kind"
          />
        </Form.Item>
        <Form.Item label={t('ttchange.weeks')} required>
          <Select
            mode="multiple"
            // At most a term's weeks: all of them in the list, the past ones shown greyed out.
            virtual={false}
            placeholder={t('ttchange.pickWeeks')}
            value={weeks}
            options={(lecture?.weeks ?? []).map((w) => ({
              value: w,
              label: weeksWords(i18n.language, [w]),
              disabled: past(w, lecture?.day ?? 1),
            }))}
            onChange={(v: number[]) => {
              setWeeks([...v].sort((a, b) => a - b));
              setSlot(null);
            }}
            data-testid="change-weeks"
          />
        </Form.Item>
        {kind === 'cancel' && (
          <Form.Item label={t('ttchange.makeups')}>
            <Space>
              <Checkbox checked={withMakeup} onChange={(e) => setWithMakeup(e.target.checked)}>
                {t('ttchange.addMakeup')}
              </Checkbox>
              {withMakeup && (
                <Select
                  style={{ width: 120 }}
                  value={makeupWeek}
                  onChange={(w: number) => {
                    setMakeupWeek(w);
                    setSlot(null);
                  }}
                  options={Array.from({ length: termWeeks }, (_, i) => ({
                    value: i + 1,
                    label: weeksWords(i18n.language, [i + 1]),
                    disabled: !!today && i + 1 < today.week,
                  }))}
                  data-testid="change-makeup-week"
                />
              )}
            </Space>
          </Form.Item>
        )}
        {needsSlot && slotWeeks.length > 0 && (
          <Form.Item label={t('ttchange.target')} required>
            {options.error ? (
              <QueryError compact error={options.error} onRetry={() => void options.refetch()} />
            ) : (
              <SlotPicker options={options.data ?? []} value={slot} onChange={setSlot} />
            )}
          </Form.Item>
        )}
        {kind === 'substitute' && (
          <Form.Item label={t('ttchange.substitute')} required>
            <RefSelect
              resource="teachers"
              value={substitute}
              onChange={setSubstitute}
              style={{ width: 300 }}
              data-testid="change-substitute"
            />
          </Form.Item>
        )}
        <Form.Item label={t('ttchange.reasonKind')} required>
          <Select
            style={{ width: 200 }}
            value={reasonKind}
            onChange={setReasonKind}
            options={CHANGE_REASON_KINDS.map((r) => ({ value: r, label: t(`ttchange.reasons.${r}`) }))}
          />
        </Form.Item>
        <Form.Item label={t('ttchange.reason')} required>
          <Input.TextArea rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="change-reason" />
        </Form.Item>
        {refusal && <Alert type="error" showIcon message={refusal} style={{ marginBottom: 16 }} data-testid="change-refusal" />}
        <Typography.Paragraph>
          <Button type="primary" htmlType="submit" disabled={!ready} loading={file.isPending} data-testid="change-submit">
            {t('ttchange.submit')}
          </Button>
        </Typography.Paragraph>
      </Form>
    </Card>
  );
}
