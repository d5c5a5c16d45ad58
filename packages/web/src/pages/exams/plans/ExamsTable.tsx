import { useState } from 'react';
import { App, Button, Card, Checkbox, Input, Popconfirm, Select, Space, Tag, Tooltip } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ExamItem, ExamPlanView } from '@jiaowu/contracts';
import { QueryTable, useErrorReason } from '../../../components/QueryState.tsx';
import { useLabels } from '../../../i18n/labels.ts';
import { examsApi } from './api.ts';
import { ExamFormModal } from './ExamFormModal.tsx';
import { MoveModal } from './MoveModal.tsx';
import { dayLabel, timeRange } from './words.ts';

const PAGE_SIZE = 20;
const ROOMS_SHOWN = 3;

/** 考试清单 — the plan's exams, paginated and filtered on the server; add, edit, remove, move by hand. */
export function ExamsTable({ plan, canManage, onChanged }: { plan: ExamPlanView; canManage: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reason = useErrorReason();
  const labels = useLabels();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const [collegeId, setCollegeId] = useState<number>();
  const [q, setQ] = useState('');
  const [unplaced, setUnplaced] = useState(false);
  const [editing, setEditing] = useState<ExamItem | 'new' | null>(null);
  const [moving, setMoving] = useState<ExamItem | null>(null);
  const query = { page, pageSize: PAGE_SIZE, collegeId, q: q || undefined, unplaced: unplaced ? 'true' : undefined };
  const list = useQuery({ queryKey: ['exam-list', plan.id, query], queryFn: () => examsApi.exams(plan.id, query) });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['exam-list', plan.id] });
    onChanged();
  };
  const remove = useMutation({
    mutationFn: (examId: number) => examsApi.removeExam(plan.id, examId),
    onSuccess: () => {
      void message.success(t('exams.list.removed'));
      refresh();
    },
    onError: (e) => void message.error(reason(e)),
  });
  const listEditable = canManage && plan.status === 'draft';
  // A make-up plan's exams follow its candidates: added and removed there, not here.
  const ownList = listEditable && plan.kind !== 'makeup';
  const movable = canManage && plan.scheduleStatus === 'draft';

  return (
    <Card size="small" title={t('exams.list.title')} style={{ marginBottom: 12 }} data-testid="exam-list">
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          style={{ width: 200 }}
          placeholder={t('exams.list.allColleges')}
          value={collegeId}
          onChange={(v) => {
            setCollegeId(v);
            setPage(1);
          }}
          options={plan.colleges.map((c) => ({ value: c.collegeId, label: c.collegeName }))}
          data-testid="exam-list-college"
        />
        <Input.Search
          allowClear
          style={{ width: 220 }}
          placeholder={t('exams.list.search')}
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
          data-testid="exam-list-search"
        />
        <Checkbox
          checked={unplaced}
          onChange={(e) => {
            setUnplaced(e.target.checked);
            setPage(1);
          }}
          data-testid="exam-list-unplaced"
        >
          {t('exams.list.unplacedOnly')}
        </Checkbox>
        {ownList && (
          <Button onClick={() => setEditing('new')} data-testid="exam-add">
            {t('exams.list.add')}
          </Button>
        )}
      </Space>
      <QueryTable<ExamItem>
        query={list}
        rowKey="id"
        size="small"
        scroll={{ x: 'max-content' }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, showSizeChanger: false, onChange: setPage }}
        columns={[
          { title: t('exams.list.course'), render: (_, e) => `${e.courseCode} ${e.courseName}` },
          { title: t('exams.detail.college'), dataIndex: 'collegeName' },
          {
            title: t('exams.list.scope'),
            render: (_, e) => (e.unified || !e.teachingClassCode ? <Tag color="blue">{t('exams.list.unified')}</Tag> : e.teachingClassCode),
          },
          { title: t('exams.list.students'), dataIndex: 'students' },
          { title: t('exams.list.duration'), render: (_, e) => t('exams.list.minutes', { n: e.durationMin }) },
          {
            title: t('exams.list.roomType'),
            render: (_, e) => (e.roomType ? labels.enumLabel('roomType', e.roomType) : t('exams.list.anyRoom')),
          },
          {
            title: t('exams.list.session'),
            render: (_, e) =>
              e.date ? `${dayLabel(t, e.date)} ${timeRange(e.start, e.end)}` : <Tag color="warning">{t('exams.list.notPlaced')}</Tag>,
          },
          {
            title: t('exams.list.rooms'),
            // A large course sits in many rooms: the first few, then how many more (all of them in the tooltip).
            render: (_, e) => {
              const all = e.rooms.map((r) => `${r.roomName}（${r.seats}）`).join('、');
              if (e.rooms.length <= ROOMS_SHOWN) return all;
              const shown = e.rooms
                .slice(0, ROOMS_SHOWN)
                .map((r) => `${r.roomName}（${r.seats}）`)
                .join('、');
              return (
                <Tooltip title={all}>
                  <span>{`${shown} ${t('exams.list.roomsMore', { n: e.rooms.length - ROOMS_SHOWN })}`}</span>
                </Tooltip>
              );
            },
          },
          {
            title: t('exams.list.actions'),
            render: (_, e) => (
              <Space size={4}>
                {movable && (
                  <Button size="small" type="link" onClick={() => setMoving(e)} data-testid={`exam-move-${e.id}`}>
                    {t('exams.list.move')}
                  </Button>
                )}
                {listEditable && (
                  <Button size="small" type="link" onClick={() => setEditing(e)}>
                    {t('exams.list.edit')}
                  </Button>
                )}
                {ownList && (
                  <Popconfirm title={t('exams.list.removeConfirm', { name: e.courseName })} onConfirm={() => remove.mutate(e.id)}>
                    <Button size="small" type="link" danger>
                      {t('exams.list.remove')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      <ExamFormModal
        planId={plan.id}
        termId={plan.termId}
        exam={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          refresh();
        }}
      />
      <MoveModal
        planId={plan.id}
        exam={moving}
        onClose={() => setMoving(null)}
        onMoved={() => {
          setMoving(null);
          refresh();
        }}
      />
    </Card>
  );
}
