import { useState } from 'react';
import { Link } from 'react-router';
import {
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Space,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { DEFAULT_SOLVE_SECONDS, DRAFT_NAME_MAX, MAX_SOLVE_SECONDS, type DraftItem } from '@jiaowu/contracts';
import { QueryTable, QueryView, useErrorReason } from '../../../components/QueryState.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { useTerms } from '../../../lib/terms.ts';
import { draftsApi } from './api.ts';
import { CompareModal } from './CompareModal.tsx';
import { DraftDetailDrawer } from './DraftDetailDrawer.tsx';
import { MovesTable } from './MovesTable.tsx';
import { SolveProgressPanel } from './SolveProgressPanel.tsx';
import { SummaryLine } from './SummaryLine.tsx';

type Source = 'empty' | 'published' | 'draft';

/** 排课方案 — the office's drafts of a term: create, solve with live progress, unplaced reasons, compare, re-solve and moves. */
export function DraftsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reason = useErrorReason();
  const queryClient = useQueryClient();
  const { current, options } = useTerms();
  const [picked, setPicked] = useState<number>();
  const termId = picked ?? current?.id;
  const [creating, setCreating] = useState(false);
  const [solving, setSolving] = useState<DraftItem | null>(null);
  const [detailId, setDetailId] = useState<number | null>(null);
  const [movesId, setMovesId] = useState<number | null>(null);
  const [selected, setSelected] = useState<number[]>([]);
  const [comparing, setComparing] = useState<number[] | null>(null);
  // Solves started here stay on screen after they end (their outcome), until closed.
  const [watched, setWatched] = useState<{ jobId: number; name: string }[]>([]);
  const [createForm] = Form.useForm<{ name: string; source: Source; draftId?: number }>();
  const [solveForm] = Form.useForm<{ timeLimitSeconds: number; seed?: number; keepPlaced: boolean }>();

  const list = useQuery({
    queryKey: ['timetable-drafts', termId],
    queryFn: () => draftsApi.list(termId!),
    enabled: termId != null,
    // While a solve runs the list follows it (status, summary when it ends).
    refetchInterval: (q) => (q.state.data?.items.some((d) => d.solving) ? 2000 : false),
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['timetable-drafts', termId] });
  const onError = (e: unknown) => void message.error(reason(e));

  const create = useMutation({
    mutationFn: (v: { name: string; source: Source; draftId?: number }) =>
      draftsApi.create({
        termId: termId!,
        name: v.name,
        from: v.source === 'draft' ? { kind: 'draft', draftId: v.draftId! } : { kind: v.source },
      }),
    onSuccess: () => {
      void message.success(t('ttsolve.created'));
      setCreating(false);
      createForm.resetFields();
      refresh();
    },
    onError,
  });
  const solve = useMutation({
    mutationFn: (v: { id: number; timeLimitSeconds: number; seed?: number; keepPlaced: boolean }) =>
      draftsApi.solve(v.id, { timeLimitSeconds: v.timeLimitSeconds, seed: v.seed ?? undefined, keepPlaced: v.keepPlaced }),
    onSuccess: (started) => {
      setWatched((w) => [...w, { jobId: started.jobId, name: solving?.name ?? '' }]);
      setSolving(null);
      refresh();
    },
    onError,
  });
  const resolve = useMutation({
    mutationFn: () => draftsApi.resolve(termId!),
    onSuccess: (started) => {
      setWatched((w) => [...w, { jobId: started.jobId, name: t('ttsolve.resolve') }]);
      refresh();
    },
    onError,
  });
  const remove = useMutation({
    mutationFn: (id: number) => draftsApi.remove(id),
    onSuccess: () => {
      void message.success(t('ttsolve.removed'));
      refresh();
    },
    onError,
  });
  const moves = useQuery({ queryKey: ['timetable-moves', movesId], queryFn: () => draftsApi.moves(movesId!), enabled: movesId !== null });

  const running = [
    ...watched,
    ...(list.data?.items ?? [])
      .filter((d) => d.solving && d.lastJob && !watched.some((w) => w.jobId === d.lastJob!.id))
      .map((d) => ({ jobId: d.lastJob!.id, name: d.name })),
  ];
  const draftOptions = (list.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }));

  return (
    <Card title={t('ttsolve.title')} data-testid="drafts-page">
      <Space wrap style={{ marginBottom: 12 }}>
        <Select style={{ width: 220 }} value={termId} options={options} onChange={(v) => setPicked(v)} data-testid="drafts-term" />
        <Button type="primary" onClick={() => setCreating(true)} disabled={termId == null} data-testid="draft-create">
          {t('ttsolve.create')}
        </Button>
        <Tooltip title={t('ttsolve.resolveHint')}>
          <Button onClick={() => resolve.mutate()} loading={resolve.isPending} disabled={termId == null} data-testid="draft-resolve">
            {t('ttsolve.resolve')}
          </Button>
        </Tooltip>
        <Tooltip title={t('ttsolve.compareHint')}>
          <Button disabled={selected.length < 2 || selected.length > 3} onClick={() => setComparing(selected)} data-testid="draft-compare">
            {t('ttsolve.compare')}
          </Button>
        </Tooltip>
      </Space>
      {running.map((w) => (
        <div key={w.jobId} style={{ marginBottom: 12 }}>
          <Space>
            <Typography.Text strong>{w.name}</Typography.Text>
            {watched.some((x) => x.jobId === w.jobId) && (
              <Button size="small" type="text" onClick={() => setWatched((all) => all.filter((x) => x.jobId !== w.jobId))}>
                {t('ttsolve.closePanel')}
              </Button>
            )}
          </Space>
          <SolveProgressPanel jobId={w.jobId} onDone={refresh} />
        </div>
      ))}
      <QueryTable<DraftItem, { items: DraftItem[] }>
        query={list}
        rowKey="id"
        size="middle"
        scroll={{ x: 'max-content' }}
        pagination={false}
        data-testid="drafts-table"
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]) }}
        columns={[
          { title: t('ttsolve.name'), dataIndex: 'name' },
          {
            title: t('ttsolve.status'),
            render: (_, d) =>
              d.solving ? <Tag color="processing">{t('ttsolve.solving')}</Tag> : <Tag>{t(`ttsolve.statuses.${d.status}`)}</Tag>,
          },
          { title: t('ttsolve.placed'), render: (_, d) => <span data-testid={`draft-placed-${d.id}`}>{`${d.placed} / ${d.total}`}</span> },
          { title: t('ttsolve.summary.title'), render: (_, d) => <SummaryLine draft={d} /> },
          { title: t('ttsolve.updatedAt'), render: (_, d) => formatDateTime(d.updatedAt) },
          {
            title: t('ttsolve.actions'),
            render: (_, d) => (
              <Space size={4} wrap>
                <Button
                  size="small"
                  type="link"
                  disabled={d.solving || d.status !== 'draft'}
                  onClick={() => {
                    solveForm.setFieldsValue({ timeLimitSeconds: DEFAULT_SOLVE_SECONDS, seed: undefined, keepPlaced: false });
                    setSolving(d);
                  }}
                  data-testid={`draft-solve-${d.id}`}
                >
                  {d.solveSummary ? t('ttsolve.solveAgain') : t('ttsolve.solve')}
                </Button>
                <Button size="small" type="link" onClick={() => setDetailId(d.id)} data-testid={`draft-details-${d.id}`}>
                  {t('ttsolve.details')}
                </Button>
                <Link to={`/timetable/drafts/${d.id}/grid`}>{t('ttsolve.grid')}</Link>
                <Button size="small" type="link" onClick={() => setMovesId(d.id)}>
                  {t('ttsolve.moves')}
                </Button>
                <Popconfirm title={t('ttsolve.removeConfirm', { name: d.name })} onConfirm={() => remove.mutate(d.id)}>
                  <Button size="small" type="link" danger disabled={d.solving || d.status !== 'draft'}>
                    {t('ttsolve.remove')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />

      <Modal
        open={creating}
        title={t('ttsolve.createTitle')}
        onCancel={() => setCreating(false)}
        footer={
          <Button type="primary" loading={create.isPending} onClick={() => createForm.submit()} data-testid="draft-create-ok">
            {t('ttsolve.create')}
          </Button>
        }
        destroyOnHidden
      >
        <Form form={createForm} layout="vertical" initialValues={{ source: 'empty' }} onFinish={(v) => create.mutate(v)}>
          <Form.Item
            name="name"
            label={t('ttsolve.name')}
            rules={[{ required: true, whitespace: true, message: t('ttsolve.nameRequired') }]}
          >
            <Input maxLength={DRAFT_NAME_MAX} data-testid="draft-name" />
          </Form.Item>
          <Form.Item name="source" label={t('ttsolve.from')}>
            <Radio.Group>
              <Space orientation="vertical">
                <Radio value="empty">{t('ttsolve.fromEmpty')}</Radio>
                <Radio value="published">{t('ttsolve.fromPublished')}</Radio>
                <Radio value="draft" disabled={draftOptions.length === 0}>
                  {t('ttsolve.fromDraft')}
                </Radio>
              </Space>
            </Radio.Group>
          </Form.Item>
          <Form.Item noStyle shouldUpdate>
            {({ getFieldValue }) =>
              getFieldValue('source') === 'draft' && (
                <Form.Item name="draftId" rules={[{ required: true, message: t('ttsolve.fromDraft') }]}>
                  <Select options={draftOptions} />
                </Form.Item>
              )
            }
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        open={solving !== null}
        title={solving ? t('ttsolve.solveTitle', { name: solving.name }) : ''}
        onCancel={() => setSolving(null)}
        footer={
          <Button type="primary" loading={solve.isPending} onClick={() => solveForm.submit()} data-testid="draft-solve-ok">
            {t('ttsolve.start')}
          </Button>
        }
        destroyOnHidden
      >
        <Form form={solveForm} layout="vertical" onFinish={(v) => solving && solve.mutate({ id: solving.id, ...v })}>
          <Form.Item name="timeLimitSeconds" label={t('ttsolve.seconds')} rules={[{ required: true }]}>
            <InputNumber min={1} max={MAX_SOLVE_SECONDS} precision={0} data-testid="solve-seconds" />
          </Form.Item>
          <Form.Item name="seed" label={t('ttsolve.seed')}>
            <InputNumber min={0} precision={0} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="keepPlaced" valuePropName="checked">
            <Checkbox>{t('ttsolve.keepPlaced')}</Checkbox>
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        open={movesId !== null}
        title={t('ttsolve.movesTitle')}
        onCancel={() => setMovesId(null)}
        footer={null}
        width={900}
        destroyOnHidden
      >
        <QueryView query={moves}>
          {(m) =>
            m.items.length ? (
              <MovesTable items={m.items} testId="moves-table" />
            ) : (
              <Typography.Text>{t('ttsolve.movesNone')}</Typography.Text>
            )
          }
        </QueryView>
      </Modal>

      <DraftDetailDrawer draftId={detailId} onClose={() => setDetailId(null)} />
      <CompareModal ids={comparing} onClose={() => setComparing(null)} />
    </Card>
  );
}
