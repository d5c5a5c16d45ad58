import { useState } from 'react';
import { App, Button, Card, Col, Form, Input, Modal, Row, Select, Space, Statistic, Table, Tag, Typography, type ButtonProps } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { CHECK_KINDS, CHECK_STATUSES, type CheckFinding, type CheckKind, type CheckStatus, type Round } from '@jiaowu/contracts';
import { ApiError } from '../../../api/client.ts';
import { selectionChecks } from '../../../api/selection-checks.ts';
import { QueryView } from '../../../components/QueryState.tsx';
import { formatDateTime } from '../../../lib/time.ts';

const STATUS_COLOR: Record<CheckStatus, string> = { open: 'orange', resolved: 'green', dismissed: 'default' };

/** The finding's figures in a sentence of the reader's language. */
export function findingWords(t: TFunction, f: CheckFinding, lang: string): string {
  const p = f.params;
  switch (f.kind) {
    case 'below_min_credits':
      return t('selaudit.words.below_min_credits', { credits: p.credits, minCredits: p.minCredits });
    case 'missing_required': {
      const name = lang === 'en' ? (p.courseNameEn ?? p.courseName) : p.courseName;
      return t('selaudit.words.missing_required', { course: `${p.courseCode ?? ''} ${name ?? ''}`.trim(), classCode: p.classCode });
    }
    case 'time_changed':
      return t('selaudit.words.time_changed', {
        enrolledAt: p.enrolledAt ? formatDateTime(p.enrolledAt) : '',
        from: p.fromVersionNo,
        to: p.toVersionNo,
      });
    case 'class_too_small':
      return t('selaudit.words.class_too_small', { enrolled: p.enrolled, minSize: p.minSize });
  }
}

/** Who or what the finding is about: "学号 姓名" and/or "教学班代码 课程名". */
function Subject({ f }: { f: CheckFinding }) {
  return (
    <Space orientation="vertical" size={0}>
      {f.studentNo && (
        <span>
          {f.studentNo} {f.studentName}
        </span>
      )}
      {f.classCode && (
        <Typography.Text type={f.studentNo ? 'secondary' : undefined}>
          {f.classCode} {f.courseName}
        </Typography.Text>
      )}
    </Space>
  );
}

/** 选课审核: run the after-round checks, see the counts per kind, work through the queue page by page. */
export function ChecksTab({ round }: { round: Round }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [kind, setKind] = useState<CheckKind | undefined>(undefined);
  const [status, setStatus] = useState<CheckStatus | undefined>('open');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [running, setRunning] = useState(false);
  const [acting, setActing] = useState<{ finding: CheckFinding; status: 'resolved' | 'dismissed' } | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ note: string }>();
  const query = useQuery({
    queryKey: ['sel-checks', round.id, kind, status, page, pageSize],
    queryFn: () => selectionChecks.list(round.id, { kind, status, page, pageSize }),
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['sel-checks', round.id] });
  const failed = (e: unknown) => message.error(e instanceof ApiError ? e.message : t('errors.network'));

  const run = async () => {
    setRunning(true);
    try {
      const r = await selectionChecks.run(round.id);
      message.success(t('selaudit.runDone', r));
      refresh();
    } catch (e) {
      failed(e);
    } finally {
      setRunning(false);
    }
  };

  const save = async ({ note }: { note: string }) => {
    if (!acting) return;
    setSaving(true);
    try {
      await selectionChecks.resolve(acting.finding.id, { status: acting.status, note });
      message.success(t('selaudit.saved'));
      setActing(null);
      refresh();
    } catch (e) {
      // The dialog stays open: its button tries again.
      failed(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="checks-tab">
      <Space wrap align="start">
        <Button type="primary" loading={running} onClick={() => void run()} data-testid="checks-run">
          {t('selaudit.run')}
        </Button>
        <Typography.Text type="secondary" style={{ maxWidth: 720, display: 'inline-block' }}>
          {t('selaudit.runHelp')}
        </Typography.Text>
      </Space>
      <QueryView query={query}>
        {(data) => (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Row gutter={[12, 12]}>
              {CHECK_KINDS.map((k) => (
                <Col xs={12} md={6} key={k}>
                  <Card
                    size="small"
                    hoverable
                    onClick={() => {
                      setKind(kind === k ? undefined : k);
                      setPage(1);
                    }}
                    style={kind === k ? { borderColor: '#1677ff' } : undefined}
                    data-testid={`checks-count-${k}`}
                  >
                    <Statistic title={t(`selaudit.kinds.${k}`)} value={data.counts[k]?.open ?? 0} suffix={t('selaudit.statuses.open')} />
                  </Card>
                </Col>
              ))}
            </Row>
            <Space wrap>
              <Select
                style={{ width: 180 }}
                value={kind ?? 'all'}
                onChange={(v: CheckKind | 'all') => {
                  setKind(v === 'all' ? undefined : v);
                  setPage(1);
                }}
                options={[
                  { value: 'all', label: t('selaudit.allKinds') },
                  ...CHECK_KINDS.map((k) => ({ value: k, label: t(`selaudit.kinds.${k}`) })),
                ]}
                data-testid="checks-kind"
              />
              <Select
                style={{ width: 140 }}
                value={status ?? 'all'}
                onChange={(v: CheckStatus | 'all') => {
                  setStatus(v === 'all' ? undefined : v);
                  setPage(1);
                }}
                options={[
                  { value: 'all', label: t('selaudit.allStatuses') },
                  ...CHECK_STATUSES.map((s) => ({ value: s, label: t(`selaudit.statuses.${s}`) })),
                ]}
                data-testid="checks-status"
              />
            </Space>
            <Table<CheckFinding>
              data-testid="table-checks"
              rowKey="id"
              size="small"
              dataSource={data.items}
              locale={{ emptyText: t('selaudit.empty') }}
              pagination={{
                current: page,
                pageSize,
                total: data.total,
                showSizeChanger: true,
                showTotal: (total) => t('common.total', { total }),
                onChange: (p, s) => {
                  setPage(p);
                  setPageSize(s);
                },
              }}
              columns={[
                { title: t('selaudit.kind'), key: 'kind', width: 130, render: (_, f) => <Tag>{t(`selaudit.kinds.${f.kind}`)}</Tag> },
                { title: t('selaudit.subject'), key: 'subject', width: 260, render: (_, f) => <Subject f={f} /> },
                { title: t('selaudit.details'), key: 'details', render: (_, f) => findingWords(t, f, i18n.language) },
                {
                  title: t('selaudit.status'),
                  key: 'status',
                  width: 220,
                  render: (_, f) => (
                    <Space orientation="vertical" size={0}>
                      <Tag color={STATUS_COLOR[f.status]}>{t(`selaudit.statuses.${f.status}`)}</Tag>
                      {f.autoResolved && <Typography.Text type="secondary">{t('selaudit.autoResolved')}</Typography.Text>}
                      {f.note && <Typography.Text>{f.note}</Typography.Text>}
                      {f.resolvedByName && f.resolvedAt && (
                        <Typography.Text type="secondary">
                          {t('selaudit.resolvedBy', { name: f.resolvedByName, time: formatDateTime(f.resolvedAt) })}
                        </Typography.Text>
                      )}
                    </Space>
                  ),
                },
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 140,
                  render: (_, f) =>
                    f.status === 'open' && (
                      <Space>
                        <Button size="small" onClick={() => setActing({ finding: f, status: 'resolved' })} data-testid="check-resolve">
                          {t('selaudit.resolve')}
                        </Button>
                        <Button size="small" onClick={() => setActing({ finding: f, status: 'dismissed' })} data-testid="check-dismiss">
                          {t('selaudit.dismiss')}
                        </Button>
                      </Space>
                    ),
                },
              ]}
            />
          </Space>
        )}
      </QueryView>
      <Modal
        open={acting !== null}
        title={acting?.status === 'dismissed' ? t('selaudit.dismissTitle') : t('selaudit.resolveTitle')}
        okText={t('common.ok')}
        cancelText={t('common.cancel')}
        confirmLoading={saving}
        okButtonProps={{ 'data-testid': 'check-save' } as ButtonProps}
        onOk={() => form.submit()}
        onCancel={() => setActing(null)}
        destroyOnHidden
      >
        {acting && <Typography.Paragraph type="secondary">{findingWords(t, acting.finding, i18n.language)}</Typography.Paragraph>}
        {/* A new form per finding: a note typed for one never shows up for the next. */}
        <Form key={acting?.finding.id} form={form} preserve={false} layout="vertical" onFinish={(v) => void save(v)}>
          <Form.Item
            name="note"
            label={t('selaudit.note')}
            rules={[{ required: true, whitespace: true, message: t('selaudit.noteRequired') }]}
          >
            <Input.TextArea maxLength={500} rows={3} placeholder={t('selaudit.notePlaceholder')} data-testid="check-note" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
