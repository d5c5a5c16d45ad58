import { useState } from 'react';
import { useNavigate } from 'react-router';
import { App, Button, Card, Modal, Select, Space, Table } from 'antd';
import { CopyOutlined, PlusOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CourseRequest } from '@jiaowu/contracts';
import { ApiError } from '../../api/client.ts';
import { requests } from '../../api/modules.ts';
import { useSession } from '../../auth/session.tsx';
import { useLabels } from '../../i18n/labels.ts';
import { useTerms } from '../../lib/terms.ts';
import { offeringColumns } from './columns.tsx';
import { StatusTag } from './StatusTag.tsx';

/** Course requests of a term, by status; create, prefill from plans, copy from last year. */
export function RequestsPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const { message } = App.useApp();
  const { can } = useSession();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { current, options } = useTerms();
  const [termId, setTermId] = useState<number | undefined>();
  const [status, setStatus] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [copyFrom, setCopyFrom] = useState<number | undefined>();
  const [copyOpen, setCopyOpen] = useState(false);
  const term = termId ?? current?.id;
  const { data, isFetching } = useQuery({
    queryKey: ['course-requests', term, status, page, pageSize],
    queryFn: () => requests.list({ termId: term, status, page, pageSize }),
    enabled: term != null,
    placeholderData: keepPreviousData,
  });
  const done = async (res: { created: number[]; skipped: number }) => {
    message.success(t('requests.proposed', { created: res.created.length, skipped: res.skipped }));
    await qc.invalidateQueries({ queryKey: ['course-requests'] });
  };
  const fail = (e: unknown) => message.error(e instanceof ApiError ? e.message : t('errors.network'));
  const prefill = () => term && requests.prefill(term).then(done, fail);
  const copy = async () => {
    if (!copyFrom || !term) return;
    try {
      await done(await requests.copy(copyFrom, term));
      setCopyOpen(false);
    } catch (e) {
      fail(e);
    }
  };
  return (
    <Card
      title={t('requests.title')}
      extra={
        can('offerings.file') && (
          <Space wrap>
            <Button icon={<ThunderboltOutlined />} onClick={() => void prefill()}>
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
          </Space>
        )
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          style={{ width: 220 }}
          value={term}
          options={options}
          onChange={(v) => {
            setTermId(v);
            setPage(1);
          }}
          data-testid="filter-term"
        />
        <Select
          style={{ width: 160 }}
          allowClear
          placeholder={t('requests.status')}
          value={status}
          options={labels.enumOptions('requestStatus')}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          data-testid="filter-status"
        />
      </Space>
      <Table<CourseRequest>
        rowKey="id"
        size="middle"
        loading={isFetching}
        dataSource={data?.items ?? []}
        scroll={{ x: 'max-content' }}
        data-testid="table-requests"
        onRow={(r) => ({ onClick: () => void navigate(`/course-requests/${r.id}`), style: { cursor: 'pointer' } })}
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          showTotal: (total) => t('common.total', { total }),
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
        columns={(([course, ...rest]) => [
          course,
          { title: t('requests.status'), dataIndex: 'status', render: (s: CourseRequest['status']) => <StatusTag status={s} /> },
          ...rest,
        ])(offeringColumns<CourseRequest>(t, labels))}
      />
      <Modal
        open={copyOpen}
        title={t('requests.copyLastYear')}
        onOk={() => void copy()}
        onCancel={() => setCopyOpen(false)}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
      >
        <Space direction="vertical">
          <span>{t('requests.lastYearTerm')}</span>
          <Select style={{ width: 260 }} value={copyFrom} options={options.filter((o) => o.value !== term)} onChange={setCopyFrom} />
        </Space>
      </Modal>
    </Card>
  );
}
