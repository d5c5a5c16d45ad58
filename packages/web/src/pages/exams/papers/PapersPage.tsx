import { Card, Select, Space, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EXAM_PAPER_STEPS, type ExamPaper } from '@jiaowu/contracts';
import { examPapers } from '../../../api/exam-papers.ts';
import { QueryTable } from '../../../components/QueryState.tsx';
import { useTerms } from '../../../lib/terms.ts';
import { useListParams } from '../../offerings/useListParams.ts';
import { PaperRegisterButton } from './PaperRegisterForm.tsx';
import { flagText, sessionText } from './words.ts';

/** 试卷流转: the papers in the user's scope, paged on the server, with their step and flags. */
export function PapersPage() {
  const { t } = useTranslation();
  const { options: terms } = useTerms();
  const { num, str, set } = useListParams();
  const termId = num('termId');
  const planId = num('planId');
  const status = str('status');
  const page = num('page') ?? 1;
  const pageSize = num('pageSize') ?? 20;
  const query = useQuery({
    queryKey: ['exam-papers', termId, planId, status, page, pageSize],
    queryFn: () => examPapers.list({ termId, planId, status, page, pageSize }),
    placeholderData: keepPreviousData,
  });

  return (
    <Card title={t('exampapers.title')} extra={<PaperRegisterButton termId={termId} />}>
      <Typography.Paragraph type="secondary">{t('exampapers.help')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          style={{ width: 220 }}
          value={termId}
          options={terms}
          placeholder={t('seloff.term')}
          onChange={(v?: number) => set({ termId: v, page: undefined })}
          data-testid="papers-term"
        />
        <Select
          allowClear
          style={{ width: 180 }}
          value={status}
          placeholder={t('exampapers.filterStatus')}
          options={EXAM_PAPER_STEPS.map((s) => ({ value: s, label: t(`exampapers.steps.${s}`) }))}
          onChange={(v?: string) => set({ status: v, page: undefined })}
          data-testid="papers-status"
        />
      </Space>
      <QueryTable<ExamPaper>
        query={query}
        rowKey="id"
        size="middle"
        scroll={{ x: 'max-content' }}
        data-testid="table-papers"
        pagination={{
          current: page,
          pageSize,
          total: query.data?.total,
          showTotal: (n) => t('common.total', { total: n }),
          onChange: (p, s) => set({ page: p, pageSize: s }),
        }}
        columns={[
          { title: t('exampapers.course'), render: (_, p) => `${p.course.code} ${p.course.name}` },
          { title: t('exampapers.version'), dataIndex: 'version' },
          {
            title: t('exampapers.examDate'),
            render: (_, p) => sessionText(p.sessionDate, p.sessionStartMin) ?? t('exampapers.notScheduled'),
          },
          { title: t('exampapers.copies'), dataIndex: 'copies' },
          { title: t('exampapers.author'), render: (_, p) => p.author.name },
          {
            title: t('exampapers.status'),
            render: (_, p) => <Tag color={p.status === 'archived' ? 'green' : 'blue'}>{t(`exampapers.steps.${p.status}`)}</Tag>,
          },
          {
            title: t('exampapers.flags'),
            render: (_, p) =>
              p.flags.length ? (
                <Space direction="vertical" size={2}>
                  {p.flags.map((f) => (
                    <Tag color="red" key={`${f.kind}:${f.recordId ?? ''}`} data-testid={`paper-flag-${p.id}`}>
                      {flagText(t, f)}
                    </Tag>
                  ))}
                </Space>
              ) : (
                <Tag color="green">{t('exampapers.noFlags')}</Tag>
              ),
          },
          {
            title: t('common.actions'),
            render: (_, p) => (
              <Link to={`/exams/papers/${p.id}`} data-testid={`paper-open-${p.id}`}>
                {t('exampapers.open')}
              </Link>
            ),
          },
        ]}
      />
    </Card>
  );
}
