import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { App, Button, Card, Modal, Select, Space } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import { CopyOutlined, PlusOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CourseRequest, Paged } from '@jiaowu/contracts';
import { requestTools } from '../../api/pagesx.ts';
import { requests } from '../../api/modules.ts';
import { useSession } from '../../auth/session.tsx';
import { ApiSelect } from '../../components/ApiSelect.tsx';
import { ListToolbar } from '../../components/ListToolbar.tsx';
import { QueryTable, useErrorReason } from '../../components/QueryState.tsx';
import { useLabels } from '../../i18n/labels.ts';
import { useTerms } from '../../lib/terms.ts';
import { offeringColumns } from './columns.tsx';
import { PrefillPreviewModal } from './PrefillPreviewModal.tsx';
import { RequestBatchBar } from './RequestBatchBar.tsx';
import { RequestSummaryCard } from './RequestSummaryCard.tsx';
import { StatusTag } from './StatusTag.tsx';
import { useListParams } from './useListParams.ts';
import { formatDateTime } from '../../lib/time.ts';

const SORTS = ['submittedAt', 'updatedAt', 'courseCode', 'collegeName'] as const;
type Sort = (typeof SORTS)[number];

/**
 * Course requests of a term: filters, page and sort live in the URL (back from a request
 * returns to the same list); the office filters by college, sees the per-college summary
 * and exports; filers select rows for batch submit, withdraw and delete.
 */
export function RequestsPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const { message } = App.useApp();
  const { can, scopeOf } = useSession();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const reason = useErrorReason();
  const { current, options } = useTerms();
  const { num, str, set, from } = useListParams();
  const [copyFrom, setCopyFrom] = useState<number | undefined>();
  const [copyOpen, setCopyOpen] = useState(false);
  const [prefillOpen, setPrefillOpen] = useState(false);
  const [selected, setSelected] = useState<CourseRequest[]>([]);
  const term = num('termId') ?? current?.id;
  const status = str('status');
  const collegeId = num('collegeId');
  const page = num('page') ?? 1;
  const pageSize = num('pageSize') ?? 20;
  const sort = SORTS.includes(str('sort') as Sort) ? (str('sort') as Sort) : undefined;
  const order = str('order') === 'asc' ? 'asc' : 'desc';
  // The whole school or several colleges: the office and leaders get the college tools.
  const wide = scopeOf('offerings.read') === 'all';
  const filters = { termId: term, status, collegeId };
  const query = useQuery({
    queryKey: ['course-requests', filters, page, pageSize, sort, order],
    queryFn: () => requests.list({ ...filters, page, pageSize, sort, order: sort ? order : undefined }),
    enabled: term != null,
    placeholderData: keepPreviousData,
  });
  const open = (id: number) => void navigate(`/course-requests/${id}`, { state: { from: from() } });
  const sortOrder = (key: Sort): SortOrder => (sort === key ? (order === 'asc' ? 'ascend' : 'descend') : null);
  const copy = async () => {
    if (!copyFrom || !term) return;
    try {
      const res = await requests.copy(copyFrom, term);
      message.success(t('requests.proposed', { created: res.created.length, skipped: res.skipped }));
      await qc.invalidateQueries({ queryKey: ['course-requests'] });
      setCopyOpen(false);
    } catch (e) {
      message.error(reason(e));
    }
  };
  const [course, ...rest] = offeringColumns<CourseRequest>(t, labels);
  return (
    <>
      {wide && <RequestSummaryCard termId={term} onCollege={(id) => set({ collegeId: id })} />}
      <Card
        title={t('requests.title')}
        extra={
          <Space wrap>
            {can('offerings.file') && (
              <>
                <Button icon={<ThunderboltOutlined />} onClick={() => setPrefillOpen(true)} disabled={term == null} data-testid="prefill">
                  {t('requests.prefill')}
                </Button>
                <Button icon={<CopyOutlined />} onClick={() => setCopyOpen(true)}>
                  {t('requests.copyLastYear')}
                </Button>
                <Button
                  type="primary"
                  icon={<PlusOutlined />}
                  onClick={() => void navigate('/course-requests/new')}
                  data-testid="create-request"
                >
                  {t('requests.create')}
                </Button>
              </>
            )}
          </Space>
        }
      >
        <ListToolbar onExport={(format) => requestTools.export({ ...filters, format })}>
          <Select style={{ width: 220 }} value={term} options={options} onChange={(v) => set({ termId: v })} data-testid="filter-term" />
          <Select
            style={{ width: 160 }}
            allowClear
            placeholder={t('requests.status')}
            value={status}
            options={labels.enumOptions('requestStatus')}
            onChange={(v) => set({ status: v })}
            data-testid="filter-status"
          />
          {wide && (
            <ApiSelect
              path="/colleges"
              label={(c) => String(c.name)}
              allowClear
              placeholder={t('pagesx.requests.allColleges')}
              value={collegeId}
              onChange={(v) => set({ collegeId: v })}
              style={{ width: 200 }}
              data-testid="filter-college"
            />
          )}
        </ListToolbar>
        {can('offerings.file') && (
          <RequestBatchBar selected={selected} onDone={(failed) => setSelected((s) => s.filter((r) => failed.includes(r.id)))} />
        )}
        <QueryTable<CourseRequest, Paged<CourseRequest>>
          query={query}
          rowKey="id"
          size="middle"
          scroll={{ x: 'max-content' }}
          data-testid="table-requests"
          onRow={(r) => ({ onClick: () => open(r.id), style: { cursor: 'pointer' } })}
          rowSelection={
            can('offerings.file')
              ? {
                  selectedRowKeys: selected.map((r) => r.id),
                  preserveSelectedRowKeys: true,
                  onChange: (_, rows) => setSelected(rows),
                  onCell: () => ({ onClick: (e: React.MouseEvent) => e.stopPropagation() }),
                }
              : undefined
          }
          onChange={(p, _f, sorter) => {
            const s = Array.isArray(sorter) ? sorter[0] : sorter;
            const key = s?.order ? (s.columnKey as Sort) : undefined;
            const sortChanged = key !== sort || (key && (s.order === 'ascend' ? 'asc' : 'desc') !== order);
            set({
              ...(sortChanged ? {} : { page: p.current }),
              pageSize: p.pageSize,
              sort: key,
              order: key ? (s.order === 'ascend' ? 'asc' : 'desc') : undefined,
            });
          }}
          pagination={{
            current: page,
            pageSize,
            total: query.data?.total ?? 0,
            showTotal: (total) => t('common.total', { total }),
          }}
          columns={[
            {
              ...course,
              key: 'courseCode',
              sorter: true,
              sortOrder: sortOrder('courseCode'),
              render: (_: unknown, r: CourseRequest) => (
                <Link
                  to={`/course-requests/${r.id}`}
                  onClick={(e) => {
                    // A plain click opens it here with the list's address; ctrl/middle-click a new tab.
                    if (e.ctrlKey || e.metaKey || e.shiftKey) return e.stopPropagation();
                    e.preventDefault();
                    e.stopPropagation();
                    open(r.id);
                  }}
                >
                  {r.courseName}（{r.courseCode}）
                </Link>
              ),
            },
            { title: t('requests.status'), dataIndex: 'status', render: (s: CourseRequest['status']) => <StatusTag status={s} /> },
            ...(wide
              ? [
                  {
                    title: t('pagesx.requests.college'),
                    key: 'collegeName',
                    dataIndex: 'collegeName',
                    sorter: true,
                    sortOrder: sortOrder('collegeName'),
                  },
                ]
              : []),
            { title: t('pagesx.requests.applicant'), dataIndex: 'applicantName', render: (v: string | null) => v ?? '—' },
            {
              title: t('pagesx.requests.submittedAt'),
              key: 'submittedAt',
              dataIndex: 'submittedAt',
              sorter: true,
              sortOrder: sortOrder('submittedAt'),
              render: (v: string | null) => <span style={{ whiteSpace: 'nowrap' }}>{v ? formatDateTime(v) : '—'}</span>,
            },
            ...rest,
          ]}
        />
        <Modal
          open={copyOpen}
          title={t('requests.copyLastYear')}
          onOk={() => void copy()}
          onCancel={() => setCopyOpen(false)}
          okText={t('common.ok')}
          cancelText={t('common.cancel')}
        >
          <Space orientation="vertical">
            <span>{t('requests.lastYearTerm')}</span>
            <Select style={{ width: 260 }} value={copyFrom} options={options.filter((o) => o.value !== term)} onChange={setCopyFrom} />
          </Space>
        </Modal>
        <PrefillPreviewModal termId={term} open={prefillOpen} onClose={() => setPrefillOpen(false)} />
      </Card>
    </>
  );
}
