import { useState } from 'react';
import { Alert, App, Button, Card, Input, Popconfirm, Space, Table, Tag, Typography, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { BulkRowError, MakeupCandidate, MakeupImportResult } from '@jiaowu/contracts';
import { QueryTable, useErrorReason } from '../../../components/QueryState.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { examsApi } from './api.ts';

const PAGE_SIZE = 20;
const SOURCE_COLOR = { deferral: 'purple', failed: 'orange', grades: 'blue' } as const;

/**
 * 补考名单: who sits the make-up plan's exams. The office adds the source term's approved
 * deferrals in one click and imports failed students from a file (学号, 课程代码, 备注): a dry run
 * shows every bad row with its row number and why, then the commit writes all rows or none.
 * The plan's exams follow the list.
 */
export function MakeupCard({ planId, editable, onChanged }: { planId: number; editable: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reason = useErrorReason();
  const qc = useQueryClient();
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<MakeupImportResult | null>(null);
  const list = useQuery({
    queryKey: ['exam-makeup', planId, page, q],
    queryFn: () => examsApi.candidates(planId, { page, pageSize: PAGE_SIZE, q: q || undefined }),
    placeholderData: keepPreviousData,
  });
  const changed = () => {
    void qc.invalidateQueries({ queryKey: ['exam-makeup', planId] });
    onChanged();
  };
  const deferrals = useMutation({
    mutationFn: () => examsApi.addDeferrals(planId),
    onSuccess: (r) => {
      void message.success(t('exams.makeup.deferralsAdded', { added: r.added, total: r.deferrals }));
      changed();
    },
  });
  const upload = useMutation({
    mutationFn: (dryRun: boolean) => examsApi.importCandidates(planId, file!, dryRun),
    onSuccess: (r) => {
      setReport(r);
      if (r.committed) {
        void message.success(t('exams.makeup.committed', { added: r.added }));
        setFile(null);
        changed();
      }
    },
  });
  const remove = useMutation({ mutationFn: (id: number) => examsApi.removeCandidate(planId, id), onSuccess: changed });
  const canCommit = !!report && report.dryRun && report.errors.length === 0 && report.added > 0;
  const template = (format: 'xlsx' | 'csv') =>
    void examsApi.candidatesTemplate(planId, format, `${t('exams.makeup.templateName')}.${format}`);

  const summary = (r: MakeupImportResult) => {
    if (r.committed) return <Alert type="success" showIcon message={t('exams.makeup.committed', { added: r.added })} />;
    if (r.errors.length)
      return (
        <Alert
          type={r.dryRun ? 'warning' : 'error'}
          showIcon
          message={t(r.dryRun ? 'exams.makeup.dryRunBad' : 'exams.makeup.notCommitted', { count: r.errors.length, rows: r.rows })}
          data-testid="makeup-summary"
        />
      );
    return (
      <Alert type="success" showIcon message={t('exams.makeup.dryRunOk', { rows: r.rows, added: r.added })} data-testid="makeup-summary" />
    );
  };

  return (
    <Card size="small" title={t('exams.makeup.title')} style={{ marginBottom: 12 }} data-testid="exam-makeup">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {editable ? (
          <>
            <Space wrap>
              <Popconfirm title={t('exams.makeup.deferralsConfirm')} onConfirm={() => deferrals.mutate()}>
                <Button type="primary" loading={deferrals.isPending} data-testid="makeup-deferrals">
                  {t('exams.makeup.addDeferrals')}
                </Button>
              </Popconfirm>
              <Button icon={<DownloadOutlined />} onClick={() => template('xlsx')}>
                {t('exams.makeup.templateXlsx')}
              </Button>
              <Button icon={<DownloadOutlined />} onClick={() => template('csv')}>
                {t('exams.makeup.templateCsv')}
              </Button>
            </Space>
            <Typography.Text type="secondary">{t('exams.makeup.importHelp')}</Typography.Text>
            <Space wrap align="center">
              <Upload
                accept=".xlsx,.csv"
                maxCount={1}
                showUploadList={false}
                disabled={upload.isPending}
                beforeUpload={(f) => {
                  setFile(f);
                  setReport(null);
                  // Held here, sent by the buttons beside it.
                  return false;
                }}
              >
                <Button icon={<UploadOutlined />} data-testid="makeup-pick">
                  {t('exams.makeup.pickFile')}
                </Button>
              </Upload>
              <Typography.Text>{file ? file.name : t('exams.makeup.noFile')}</Typography.Text>
              <Button onClick={() => upload.mutate(true)} disabled={!file} loading={upload.isPending} data-testid="makeup-dry-run">
                {t('exams.makeup.dryRun')}
              </Button>
              <Popconfirm
                title={t('exams.makeup.commitConfirm', { added: report?.added ?? 0 })}
                onConfirm={() => upload.mutate(false)}
                disabled={!canCommit}
              >
                <Button type="primary" disabled={!canCommit || upload.isPending} data-testid="makeup-commit">
                  {t('exams.makeup.commit')}
                </Button>
              </Popconfirm>
            </Space>
          </>
        ) : (
          <Alert type="info" showIcon message={t('exams.makeup.locked')} />
        )}
        {deferrals.isError && <Alert type="error" showIcon message={reason(deferrals.error)} />}
        {upload.isError && (
          <Alert
            type="error"
            showIcon
            message={reason(upload.error)}
            action={
              <Button size="small" onClick={() => upload.mutate(upload.variables ?? true)} disabled={!file}>
                {t('exams.makeup.retry')}
              </Button>
            }
          />
        )}
        {report && summary(report)}
        {report && report.errors.length > 0 && (
          <Table<BulkRowError>
            size="small"
            rowKey={(e) => `${e.row}-${e.field}-${e.code}`}
            dataSource={report.errors}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            data-testid="makeup-errors"
            columns={[
              { title: t('exams.makeup.row'), dataIndex: 'row', width: 80 },
              { title: t('exams.makeup.column'), dataIndex: 'column', width: 120 },
              {
                title: t('exams.makeup.value'),
                dataIndex: 'value',
                width: 180,
                render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
              },
              { title: t('exams.makeup.problem'), dataIndex: 'message' },
            ]}
          />
        )}
        {remove.isError && <Alert type="error" showIcon message={reason(remove.error)} />}
        <Input.Search
          allowClear
          placeholder={t('exams.makeup.search')}
          style={{ maxWidth: 320 }}
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
        />
        <QueryTable<MakeupCandidate>
          query={list}
          rowKey="id"
          size="small"
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('exams.makeup.none') }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, showSizeChanger: false, onChange: setPage }}
          data-testid="makeup-list"
          columns={[
            { title: t('exams.makeup.student'), render: (_, c) => `${c.studentCode} ${c.studentName}` },
            { title: t('exams.makeup.course'), render: (_, c) => `${c.courseCode} ${c.courseName}` },
            {
              title: t('exams.makeup.source'),
              render: (_, c) => <Tag color={SOURCE_COLOR[c.source]}>{t(`exams.makeup.sources.${c.source}`)}</Tag>,
            },
            { title: t('exams.makeup.note'), dataIndex: 'note' },
            { title: t('exams.makeup.addedAt'), render: (_, c) => formatDateTime(c.createdAt) },
            ...(editable
              ? [
                  {
                    title: '',
                    render: (_: unknown, c: MakeupCandidate) => (
                      <Popconfirm
                        title={t('exams.makeup.removeConfirm', { name: c.studentName, course: c.courseName })}
                        onConfirm={() => remove.mutate(c.id)}
                      >
                        <Button size="small" type="link" danger>
                          {t('exams.makeup.remove')}
                        </Button>
                      </Popconfirm>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Space>
    </Card>
  );
}
