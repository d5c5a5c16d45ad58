import { useState } from 'react';
import { Link } from 'react-router';
import { type ButtonProps, App, Button, Card, DatePicker, Modal, Progress, Radio, Select, Space, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import { GRADE_SHEET_STATUSES, type GradeSheetListItem, type GradeSheetStatus } from '@jiaowu/contracts';
import { useSession } from '../../auth/session.tsx';
import { ApiSelect } from '../../components/ApiSelect.tsx';
import { QueryTable, useErrorReason } from '../../components/QueryState.tsx';
import { formatDateTime, startOfSchoolDay } from '../../lib/time.ts';
import { useTerms } from '../../lib/terms.ts';
import { useListParams } from '../offerings/useListParams.ts';
import { gradesApi } from './api.ts';
import { SHEET_STATUS_COLOR } from './status.ts';

/** The sheet page of a list row (a make-up sheet carries its kind). */
export const sheetLink = (s: Pick<GradeSheetListItem, 'teachingClassId' | 'kind'>) =>
  `/grades/classes/${s.teachingClassId}${s.kind === 'makeup' ? '?kind=makeup' : ''}`;

/**
 * Grade sheets as the reader may see them, paged on the server: a teacher's own classes of the
 * term (成绩录入), or a secretary's college and the office's school (成绩审核与公布), where the
 * office publishes approved sheets one by one or in bulk, now or on a date.
 */
export function GradeSheetsPage({ mode }: { mode: 'entry' | 'review' }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorReason = useErrorReason();
  const qc = useQueryClient();
  const { can, scopeOf } = useSession();
  const { num, str, set } = useListParams();
  const terms = useTerms();
  const page = num('page') ?? 1;
  const pageSize = num('pageSize') ?? 20;
  const termId = num('termId') ?? terms.current?.id;
  const status = str('status') as GradeSheetStatus | undefined;
  const collegeId = num('collegeId');
  const canPublish = can('grades.manage');
  const [selected, setSelected] = useState<number[]>([]);
  const [publishing, setPublishing] = useState<number[] | null>(null);
  const query = useQuery({
    queryKey: ['grade-sheets', mode, termId, status, collegeId, page, pageSize],
    queryFn: () => gradesApi.sheets({ termId, status, collegeId, page, pageSize }),
    enabled: termId !== undefined,
    placeholderData: keepPreviousData,
  });

  const doPublish = async (ids: number[], publishAt: string | undefined) => {
    try {
      const one = ids.length === 1 ? query.data?.items.find((x) => x.sheetId === ids[0]) : undefined;
      // One sheet: its class's route answers the sheet; several: the bulk route answers what it published.
      let count = 1;
      if (one) await gradesApi.publish(one.teachingClassId, { kind: one.kind, publishAt });
      else count = (await gradesApi.bulkPublish({ sheetIds: ids, publishAt })).published.length;
      void message.success(
        publishAt ? t('grades.list.scheduled', { at: formatDateTime(publishAt) }) : t('grades.list.published', { count }),
      );
      setSelected([]);
      setPublishing(null);
      await qc.invalidateQueries({ queryKey: ['grade-sheets'] });
    } catch (e) {
      void message.error(errorReason(e));
    }
  };

  return (
    <Card title={mode === 'entry' ? t('grades.list.entryTitle') : t('grades.list.reviewTitle')} data-testid={`grade-sheets-${mode}`}>
      <Typography.Paragraph type="secondary">
        {mode === 'entry' ? t('grades.list.entryHelp') : t('grades.list.reviewHelp')}
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          style={{ width: 200 }}
          value={termId}
          options={terms.options}
          onChange={(v) => set({ termId: v })}
          placeholder={t('grades.term')}
          data-testid="grades-term"
        />
        <Select<GradeSheetStatus | undefined>
          allowClear
          style={{ width: 150 }}
          placeholder={t('grades.list.allStatuses')}
          value={status}
          onChange={(v) => set({ status: v })}
          options={GRADE_SHEET_STATUSES.map((s) => ({ value: s, label: t(`grades.status.${s}`) }))}
          data-testid="grades-status"
        />
        {mode === 'review' && scopeOf('grades.read') === 'all' && (
          <ApiSelect<number | undefined>
            path="/colleges"
            allowClear
            placeholder={t('grades.list.allColleges')}
            style={{ width: 220 }}
            value={collegeId}
            onChange={(v) => set({ collegeId: v })}
            data-testid="grades-college"
          />
        )}
        {mode === 'review' && canPublish && (
          <Button type="primary" disabled={selected.length === 0} onClick={() => setPublishing(selected)} data-testid="publish-selected">
            {t('grades.list.publishSelected', { count: selected.length })}
          </Button>
        )}
      </Space>
      <QueryTable<GradeSheetListItem>
        query={query}
        rowKey={(s) => `${s.teachingClassId}-${s.kind}`}
        size="middle"
        scroll={{ x: 'max-content' }}
        rowSelection={
          mode === 'review' && canPublish
            ? {
                selectedRowKeys: selected.map((id) => {
                  const s = query.data?.items.find((x) => x.sheetId === id);
                  return s ? `${s.teachingClassId}-${s.kind}` : String(id);
                }),
                getCheckboxProps: (s) => ({ disabled: s.status !== 'approved' || s.sheetId === null }),
                onChange: (_, rows) => setSelected(rows.flatMap((r) => (r.sheetId === null ? [] : [r.sheetId]))),
              }
            : undefined
        }
        pagination={{
          current: page,
          pageSize,
          total: query.data?.total,
          showTotal: (n) => t('common.total', { total: n }),
          onChange: (p, s) => set({ page: p, pageSize: s }),
        }}
        columns={[
          {
            title: t('grades.list.course'),
            render: (_, s) => (
              <Space size={4}>
                {`${s.courseCode} ${s.courseName}`}
                {s.kind === 'makeup' && <Tag color="orange">{t('grades.kind.makeup')}</Tag>}
              </Space>
            ),
          },
          { title: t('grades.list.classCode'), dataIndex: 'classCode' },
          ...(mode === 'review'
            ? [{ title: t('grades.list.teachers'), render: (_: unknown, s: GradeSheetListItem) => s.teacherNames.join('、') || '—' }]
            : []),
          {
            title: t('grades.list.progress'),
            render: (_, s) =>
              s.total ? (
                <Progress
                  size="small"
                  style={{ width: 120 }}
                  percent={Math.round((s.entered * 100) / s.total)}
                  format={() => `${s.entered}/${s.total}`}
                />
              ) : (
                '—'
              ),
          },
          {
            title: t('grades.list.statusCol'),
            render: (_, s) => (
              <Tag color={SHEET_STATUS_COLOR[s.status]} data-testid={`sheet-status-${s.classCode}`}>
                {s.sheetId === null ? t('grades.status.none') : t(`grades.status.${s.status}`)}
              </Tag>
            ),
          },
          { title: t('grades.list.submittedAt'), render: (_, s) => (s.submittedAt ? formatDateTime(s.submittedAt) : '—') },
          {
            title: t('grades.list.publishAt'),
            render: (_, s) => (s.publishedAt ? formatDateTime(s.publishedAt) : s.publishAt ? formatDateTime(s.publishAt) : '—'),
          },
          {
            title: '',
            key: 'actions',
            render: (_, s) => (
              <Space>
                <Link to={sheetLink(s)} data-testid={`open-sheet-${s.classCode}`}>
                  {mode === 'entry' && s.status === 'draft' ? t('grades.list.open') : t('grades.list.view')}
                </Link>
                {mode === 'review' && canPublish && s.status === 'approved' && s.sheetId !== null && (
                  <Button size="small" type="link" onClick={() => setPublishing([s.sheetId!])} data-testid={`publish-${s.classCode}`}>
                    {t('grades.list.publish')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {publishing && (
        <PublishModal count={publishing.length} onCancel={() => setPublishing(null)} onOk={(at) => doPublish(publishing, at)} />
      )}
    </Card>
  );
}

/** 立即公布 or 定时公布 at a school-time date and hour. */
function PublishModal({
  count,
  onCancel,
  onOk,
}: {
  count: number;
  onCancel: () => void;
  onOk: (publishAt: string | undefined) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [when, setWhen] = useState<'now' | 'on'>('now');
  const [at, setAt] = useState<Dayjs | null>(null);
  const [busy, setBusy] = useState(false);
  const publishAt = () => {
    if (when === 'now' || !at) return undefined;
    const day = startOfSchoolDay(at.format('YYYY-MM-DD')).getTime();
    return new Date(day + at.hour() * 3600_000 + at.minute() * 60_000).toISOString();
  };
  return (
    <Modal
      open
      title={`${t('grades.list.publishTitle')}（${count}）`}
      onCancel={onCancel}
      okButtonProps={{ disabled: when === 'on' && !at, 'data-testid': 'publish-confirm' } as ButtonProps}
      confirmLoading={busy}
      onOk={() => {
        setBusy(true);
        void onOk(publishAt()).finally(() => setBusy(false));
      }}
    >
      <Typography.Paragraph>{t('grades.list.publishHelp')}</Typography.Paragraph>
      <Radio.Group value={when} onChange={(e) => setWhen(e.target.value as 'now' | 'on')}>
        <Radio value="now">{t('grades.list.publishNow')}</Radio>
        <Radio value="on">{t('grades.list.publishOn')}</Radio>
      </Radio.Group>
      {when === 'on' && (
        <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" value={at} onChange={setAt} style={{ marginTop: 12 }} />
      )}
    </Modal>
  );
}
