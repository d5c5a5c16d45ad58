import { useState } from 'react';
import { App, Button, Card, Grid, List, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatTenths } from '@jiaowu/contracts/grades-core';
import { GRADE_COMPONENTS, GRADE_WORDS, type StudentGradeItem, type StudentGrades } from '@jiaowu/contracts';
import { download } from '../../api/client.ts';
import { QueryView, useErrorReason } from '../../components/QueryState.tsx';
import { gradesApi, transcriptPath } from './api.ts';
import { useEntryText, useGradeLocale } from './issue-text.ts';

const credits = (tenths: number) => formatTenths(tenths);

/**
 * 我的成绩 — a student's published grades per term: course, credits, grade, 补考/重修, points,
 * the GPA per term and overall, credits earned; components when the school shows them. On a
 * phone the table becomes cards (no sideways scrolling). The transcript downloads as a PDF.
 */
export function MyGradesPage() {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: ['grades-me'], queryFn: () => gradesApi.mine() });
  return (
    <Card title={t('grades.mine.title')} data-testid="my-grades" styles={{ body: { padding: 12 } }}>
      <QueryView query={query}>{(data) => <MyGrades data={data} />}</QueryView>
    </Card>
  );
}

function MyGrades({ data }: { data: StudentGrades }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const locale = useGradeLocale();
  const entryText = useEntryText();
  const errorReason = useErrorReason();
  const isPhone = !Grid.useBreakpoint().md;
  // Newest term first, as the student looks for the latest results.
  const terms = [...data.terms].reverse();
  const [termId, setTermId] = useState<number | undefined>(terms[0]?.termId);
  const [busy, setBusy] = useState<'zh' | 'en' | null>(null);
  const items = data.items.filter((i) => termId === undefined || i.termId === termId);
  const term = data.terms.find((x) => x.termId === termId);
  const courseName = (i: StudentGradeItem) => (locale === 'en' && i.courseNameEn ? i.courseNameEn : i.courseName);

  const transcript = async (lang: 'zh' | 'en') => {
    setBusy(lang);
    try {
      await download(transcriptPath(data.student.id), { lang, format: 'pdf' }, `transcript-${data.student.code}-${lang}.pdf`);
    } catch (e) {
      void message.error(errorReason(e));
    } finally {
      setBusy(null);
    }
  };

  const gradeCell = (i: StudentGradeItem) => (
    <Space size={4} wrap>
      <Typography.Text strong type={i.passed ? undefined : 'danger'} data-testid={`my-grade-${i.courseCode}`}>
        {i.display || entryText(i.grade)}
      </Typography.Text>
      {i.entered && <Typography.Text type="secondary">（{t('grades.mine.capped', { entered: entryText(i.entered) })}）</Typography.Text>}
      {!i.isCounting && <Tag>{t('grades.mine.notCounting')}</Tag>}
    </Space>
  );
  const attemptTag = (i: StudentGradeItem) =>
    i.attempt === 'normal' ? null : (
      <Tag color={i.attempt === 'makeup' ? 'orange' : 'purple'}>{GRADE_WORDS.attempt[i.attempt][locale]}</Tag>
    );
  const components = (i: StudentGradeItem) => {
    const scores = i.components;
    if (!scores) return null;
    const parts = GRADE_COMPONENTS.flatMap((c) => {
      const v = scores[c];
      return v === null || v === undefined ? [] : [`${GRADE_WORDS.component[c][locale]} ${formatTenths(v)}`];
    });
    return parts.length ? parts.join(' · ') : null;
  };
  const showComponents = data.items.some((i) => i.components);
  const showRank = data.items.some((i) => i.rank);

  return (
    <>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }} data-testid="my-grades-student">
        {data.student.name}（{data.student.code}）{data.student.majorName && ` · ${data.student.majorName}`}
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12, width: '100%' }}>
        <Select
          style={{ width: isPhone ? '100%' : 220, minWidth: 180 }}
          value={termId ?? 0}
          onChange={(v) => setTermId(v === 0 ? undefined : v)}
          options={[{ value: 0, label: t('grades.mine.allTerms') }, ...terms.map((x) => ({ value: x.termId, label: x.termName }))]}
          data-testid="my-grades-term"
        />
        <Button icon={<DownloadOutlined />} loading={busy === 'zh'} onClick={() => void transcript('zh')} data-testid="transcript-zh">
          {t('grades.mine.downloadZh')}
        </Button>
        <Button icon={<DownloadOutlined />} loading={busy === 'en'} onClick={() => void transcript('en')} data-testid="transcript-en">
          {t('grades.mine.downloadEn')}
        </Button>
      </Space>
      <Space wrap size={[24, 8]} style={{ marginBottom: 12 }} data-testid="my-gpa">
        <Statistic title={t('grades.mine.gpa')} value={data.gpa?.display ?? '—'} />
        {term && <Statistic title={t('grades.mine.termGpa')} value={term.gpa?.display ?? '—'} />}
        <Statistic title={t('grades.mine.creditsEarned')} value={credits(term ? term.creditsEarnedTenths : data.creditsEarnedTenths)} />
      </Space>
      {isPhone ? (
        <List<StudentGradeItem>
          dataSource={items}
          locale={{ emptyText: t('grades.mine.empty') }}
          renderItem={(i) => (
            <List.Item key={i.recordId} data-testid={`my-grade-card-${i.courseCode}`} style={{ display: 'block' }}>
              <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                <Typography.Text strong style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                  {courseName(i)} {attemptTag(i)}
                </Typography.Text>
                {gradeCell(i)}
              </div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {i.courseCode} · {t('grades.mine.credits')} {i.credits} · {t('grades.mine.points')} {i.points ?? '—'}
                {termId === undefined && ` · ${i.termName}`}
                {i.rank && ` · ${t('grades.mine.rank')} ${i.rank}`}
              </Typography.Text>
              {components(i) && (
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {components(i)}
                  </Typography.Text>
                </div>
              )}
            </List.Item>
          )}
        />
      ) : (
        <Table<StudentGradeItem>
          rowKey="recordId"
          size="middle"
          dataSource={items}
          pagination={false}
          locale={{ emptyText: t('grades.mine.empty') }}
          columns={[
            ...(termId === undefined ? [{ title: t('grades.term'), dataIndex: 'termName' }] : []),
            { title: t('grades.mine.course'), render: (_, i) => `${i.courseCode} ${courseName(i)}` },
            { title: t('grades.mine.credits'), dataIndex: 'credits' },
            { title: t('grades.mine.grade'), render: (_, i) => gradeCell(i) },
            { title: t('grades.mine.attempt'), render: (_, i) => attemptTag(i) ?? GRADE_WORDS.attempt.normal[locale] },
            { title: t('grades.mine.points'), render: (_, i) => i.points ?? '—' },
            ...(showComponents
              ? [{ title: t('grades.mine.components'), render: (_: unknown, i: StudentGradeItem) => components(i) ?? '—' }]
              : []),
            ...(showRank ? [{ title: t('grades.mine.rank'), render: (_: unknown, i: StudentGradeItem) => i.rank ?? '—' }] : []),
          ]}
        />
      )}
    </>
  );
}
