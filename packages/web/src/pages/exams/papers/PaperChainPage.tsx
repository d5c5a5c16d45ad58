import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Input, Modal, Space, Tag, Timeline, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ExamPaperChain, ExamPaperRecord } from '@jiaowu/contracts';
import { ApiError } from '../../../api/client.ts';
import { examPapers } from '../../../api/exam-papers.ts';
import { QueryView } from '../../../components/QueryState.tsx';
import { useSession } from '../../../auth/session.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { HandoverForm } from './HandoverForm.tsx';
import { flagText, sessionText } from './words.ts';

/** 试卷流转记录: one paper's chain as a timeline, whether its hashes hold, the next step's form. */
export function PaperChainPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const paper = useQuery({ queryKey: ['exam-paper', id], queryFn: () => examPapers.get(id) });
  const chain = useQuery({ queryKey: ['exam-paper-chain', id], queryFn: () => examPapers.chain(id) });
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['exam-paper', id] });
    void qc.invalidateQueries({ queryKey: ['exam-paper-chain', id] });
    void qc.invalidateQueries({ queryKey: ['exam-papers'] });
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Link to="/exams/papers">{t('exampapers.back')}</Link>
      <QueryView query={paper}>
        {(p) => (
          <Card title={`${p.course.code} ${p.course.name} · ${p.version}`} data-testid="paper-title">
            <Descriptions size="small" column={{ xs: 1, md: 3 }}>
              <Descriptions.Item label={t('exampapers.status')}>
                <Tag color={p.status === 'archived' ? 'green' : 'blue'} data-testid="paper-status">
                  {t(`exampapers.steps.${p.status}`)}
                </Tag>
              </Descriptions.Item>
              <Descriptions.Item label={t('exampapers.examDate')}>
                {sessionText(p.sessionDate, p.sessionStartMin) ?? t('exampapers.notScheduled')}
              </Descriptions.Item>
              <Descriptions.Item label={t('exampapers.copies')}>{p.copies}</Descriptions.Item>
              <Descriptions.Item label={t('exampapers.author')}>{p.author.name}</Descriptions.Item>
            </Descriptions>
            {p.flags.map((f) => (
              <Alert
                key={`${f.kind}:${f.recordId ?? ''}`}
                type="warning"
                showIcon
                style={{ marginTop: 8 }}
                title={flagText(t, f)}
                description={f.responsibleName ? t('exampapers.responsible', { name: f.responsibleName }) : undefined}
                data-testid="paper-flag"
              />
            ))}
          </Card>
        )}
      </QueryView>
      <QueryView query={chain}>
        {(c) => (
          <Card title={t('exampapers.chainTitle')}>
            <ChainBanner chain={c} />
            <ChainTimeline paperId={id} records={c.records} onChanged={refresh} />
          </Card>
        )}
      </QueryView>
      {paper.data && chain.data && <HandoverForm paper={paper.data} records={chain.data.records} onRecorded={refresh} />}
    </Space>
  );
}

/** 链完整 / 链已断开, naming the first record that does not check out. */
function ChainBanner({ chain }: { chain: ExamPaperChain }) {
  const { t } = useTranslation();
  if (chain.valid)
    return (
      <Alert
        type="success"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('exampapers.chainValid', { count: chain.records.length })}
        data-testid="chain-banner"
      />
    );
  const b = chain.firstBreak!;
  const rec = chain.records.find((r) => r.id === b.recordId);
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      title={t('exampapers.chainBroken', {
        seq: b.seq,
        step: rec ? t(`exampapers.steps.${rec.kind}`) : '',
        reason: t(`exampapers.breakReasons.${b.reason}`),
      })}
      data-testid="chain-banner"
    />
  );
}

function ChainTimeline({ paperId, records, onChanged }: { paperId: number; records: ExamPaperRecord[]; onChanged: () => void }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const seqOf = new Map(records.map((r) => [r.id, r.seq]));
  return (
    <Timeline
      data-testid="chain-timeline"
      items={records.map((r) => ({
        color: r.kind === 'correction' ? 'orange' : r.receiver && !r.confirmation ? 'gray' : 'green',
        children: (
          <div data-testid={`chain-record-${r.seq}`}>
            <Typography.Text strong>
              {r.seq}. {t(`exampapers.steps.${r.kind}`)}
            </Typography.Text>
            {r.correctsId !== null && (
              <Typography.Text type="secondary"> · {t('exampapers.correctsSeq', { seq: seqOf.get(r.correctsId) ?? '' })}</Typography.Text>
            )}
            <div>
              {t('exampapers.giver')}：{r.giver.name}
              {r.receiver && (
                <>
                  {' → '}
                  {t('exampapers.receiver')}：{r.receiver.name}
                </>
              )}
            </div>
            <div>
              {t('exampapers.at')}：{formatDateTime(r.at)}
              {r.place && ` · ${t('exampapers.place')}：${r.place}`}
              {r.copies !== null && ` · ${t('exampapers.handedCopies')}：${r.copies}`}
              {r.returned !== null && ` · ${t('exampapers.returned')}：${r.returned}`}
              {r.used !== null && ` · ${t('exampapers.used')}：${r.used}`}
            </div>
            {r.note && (
              <div>
                {t('exampapers.note')}：{r.note}
              </div>
            )}
            {r.receiver &&
              (r.confirmation ? (
                <Tag color="green" data-testid={`chain-confirmed-${r.seq}`}>
                  {t('exampapers.confirmed', {
                    method: t(`exampapers.confirmMethods.${r.confirmation.method}`),
                    at: formatDateTime(r.confirmation.at),
                  })}
                </Tag>
              ) : (
                <Space>
                  <Tag>{t('exampapers.unconfirmed')}</Tag>
                  <ConfirmButtons paperId={paperId} record={r} isReceiver={me?.user.id === r.receiver.id} onConfirmed={onChanged} />
                </Space>
              ))}
            <div>
              <Typography.Text type="secondary" copyable={{ text: r.hash }} style={{ fontSize: 12 }}>
                {t('exampapers.hash')}：{r.hash.slice(0, 16)}…
              </Typography.Text>
            </div>
          </div>
        ),
      }))}
    />
  );
}

/** The receiver confirms in the app; anyone else types the giver's one-time code. */
function ConfirmButtons({
  paperId,
  record,
  isReceiver,
  onConfirmed,
}: {
  paperId: number;
  record: ExamPaperRecord;
  isReceiver: boolean;
  onConfirmed: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const confirm = async (withCode?: string) => {
    setBusy(true);
    setFailure(null);
    try {
      await examPapers.confirm(paperId, record.id, withCode);
      message.success(t('exampapers.confirmedOk'));
      setOpen(false);
      onConfirmed();
    } catch (e) {
      const text = e instanceof ApiError ? e.message : t('errors.network');
      if (withCode) setFailure(text);
      else message.error(text);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      {isReceiver && (
        <Button size="small" type="primary" loading={busy} onClick={() => void confirm()} data-testid={`confirm-${record.seq}`}>
          {t('exampapers.confirm')}
        </Button>
      )}
      <Button size="small" onClick={() => setOpen(true)} data-testid={`confirm-code-${record.seq}`}>
        {t('exampapers.confirmWithCode')}
      </Button>
      <Modal
        open={open}
        title={t('exampapers.confirmWithCode')}
        onCancel={() => setOpen(false)}
        onOk={() => void confirm(code.trim())}
        okButtonProps={{ loading: busy, disabled: !/^\d{6}$/.test(code.trim()), 'data-testid': 'code-ok' } as ButtonProps}
        destroyOnHidden
      >
        {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 12 }} />}
        <Typography.Paragraph type="secondary">{t('exampapers.codeHelp')}</Typography.Paragraph>
        <Input
          value={code}
          onChange={(e) => setCode(e.target.value)}
          maxLength={6}
          inputMode="numeric"
          aria-label={t('exampapers.code')}
          data-testid="code-input"
        />
      </Modal>
    </>
  );
}
