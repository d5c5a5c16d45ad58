import { useMemo, useState } from 'react';
import { App, Button, Card, Col, Empty, InputNumber, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { GRADE_WORDS, GRADES_REVIEW_WORDS, type ClassAnalysis, type GradeAnalysis, type GradeAnalysisQuery } from '@jiaowu/contracts';
import { ApiError, download, get } from '../../../api/client.ts';
import { ApiSelect } from '../../../components/ApiSelect.tsx';
import { EChart } from '../../../components/EChart.tsx';
import { QueryView } from '../../../components/QueryState.tsx';
import { useTerms } from '../../../lib/terms.ts';
import { useListParams } from '../../offerings/useListParams.ts';

type By = 'teachingClassId' | 'courseId' | 'collegeId' | 'majorId' | 'cohort';
const BY: { key: By; label: string; path?: string }[] = [
  { key: 'teachingClassId', label: 'byClass', path: '/teaching-classes' },
  { key: 'courseId', label: 'byCourse', path: '/courses' },
  { key: 'collegeId', label: 'byCollege', path: '/colleges' },
  { key: 'majorId', label: 'byMajor', path: '/majors' },
  { key: 'cohort', label: 'byCohort' },
];

const pct = (x: number | null) => (x === null ? '—' : `${(Math.round(x * 1000) / 10).toFixed(1)}%`);
const fix = (x: number | null, d = 1) => (x === null ? '—' : x.toFixed(d));

/**
 * 成绩分析 — a class, a course, a college, a major or a cohort in a term: the figures, the score and
 * GPA distributions, the classes of each course side by side (统考) with the flagged ones in red,
 * and an XLSX export of the same.
 */
export function AnalysisPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const { message } = App.useApp();
  const { current, options: termOptions } = useTerms();
  const { num, str, set } = useListParams();
  const by = (str('by') as By | undefined) ?? 'courseId';
  const value = num('value');
  const termId = num('termId') ?? current?.id;
  const [exporting, setExporting] = useState(false);
  const params: GradeAnalysisQuery = { termId, ...(value !== undefined ? { [by]: value } : {}) };
  const query = useQuery({
    queryKey: ['grade-analysis', params],
    queryFn: () => get<GradeAnalysis>('/grades/analysis', params as Record<string, number | undefined>),
    enabled: termId !== undefined && value !== undefined,
    placeholderData: keepPreviousData,
  });
  const exportXlsx = async () => {
    setExporting(true);
    try {
      await download('/grades/analysis/export', params as Record<string, number | undefined>, 'grade-analysis.xlsx');
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : t('errors.network'));
    } finally {
      setExporting(false);
    }
  };
  const current_ = BY.find((b) => b.key === by)!;

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="grade-analysis">
      <Card title={t('grev.analysis.title')}>
        <Typography.Paragraph type="secondary">{t('grev.analysis.help')}</Typography.Paragraph>
        <Space wrap>
          <Select<number>
            placeholder={t('grev.analysis.term')}
            style={{ width: 220 }}
            value={termId}
            onChange={(v) => set({ termId: v })}
            options={termOptions}
          />
          <Select<By>
            style={{ width: 140 }}
            value={by}
            onChange={(v) => set({ by: v, value: undefined })}
            options={BY.map((b) => ({ value: b.key, label: t(`grev.analysis.${b.label}`) }))}
            data-testid="analysis-by"
          />
          {current_.path ? (
            <ApiSelect
              key={by}
              path={current_.path}
              filters={by === 'teachingClassId' ? { termId } : undefined}
              value={value}
              onChange={(v) => set({ value: v })}
              placeholder={t('grev.analysis.pick')}
              style={{ width: 320 }}
              data-testid="analysis-value"
            />
          ) : (
            <InputNumber
              min={1900}
              max={3000}
              value={value}
              onChange={(v) => set({ value: v ?? undefined })}
              placeholder={t('grev.analysis.byCohort')}
            />
          )}
          <Button
            icon={<DownloadOutlined />}
            onClick={() => void exportXlsx()}
            loading={exporting}
            disabled={!query.data}
            data-testid="analysis-export"
          >
            {t('grev.analysis.export')}
          </Button>
        </Space>
      </Card>
      {value !== undefined && (
        <QueryView query={query}>
          {(a) => (a.records === 0 ? <Empty description={t('grev.analysis.none')} /> : <Figures a={a} lang={lang} />)}
        </QueryView>
      )}
    </Space>
  );
}

function Figures({ a, lang }: { a: GradeAnalysis; lang: 'zh-CN' | 'en' }) {
  const { t } = useTranslation();
  const bands = Array.from({ length: 10 }, (_, i) => (i === 9 ? '90–100' : `${i * 10}–${i * 10 + 9}`));
  const histogram = useMemo(
    () => ({
      tooltip: {},
      grid: { left: 40, right: 16, top: 24, bottom: 32 },
      xAxis: { type: 'category', data: bands },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', data: a.distribution.histogram, itemStyle: { color: '#1677ff' } }],
    }),
    [a, bands],
  );
  const gpa = useMemo(
    () => ({
      tooltip: {},
      grid: { left: 40, right: 16, top: 24, bottom: 32 },
      xAxis: { type: 'category', data: a.gpa.histogram.map((_, i) => (i === 8 ? '4.0' : `${i / 2}–${(i + 1) / 2}`)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', data: a.gpa.histogram, itemStyle: { color: '#52c41a' } }],
    }),
    [a],
  );
  const comparison = useMemo(
    () => ({
      tooltip: {},
      legend: { top: 0 },
      grid: { left: 40, right: 40, top: 48, bottom: 40 },
      xAxis: { type: 'category', data: a.classes.map((c) => c.classCode), axisLabel: { rotate: a.classes.length > 6 ? 30 : 0 } },
      yAxis: [
        { type: 'value', name: t('grev.analysis.mean'), min: 0, max: 100 },
        { type: 'value', name: t('grev.analysis.passRate'), min: 0, max: 100 },
      ],
      series: [
        {
          name: t('grev.analysis.mean'),
          type: 'bar',
          data: a.classes.map((c) => ({
            value: c.distribution.mean === null ? null : Math.round(c.distribution.mean * 10) / 10,
            itemStyle: { color: c.comparison.flags.length ? '#ff4d4f' : '#1677ff' },
          })),
        },
        {
          name: t('grev.analysis.passRate'),
          type: 'line',
          yAxisIndex: 1,
          data: a.classes.map((c) => (c.distribution.passRate === null ? null : Math.round(c.distribution.passRate * 1000) / 10)),
        },
      ],
    }),
    [a, t],
  );
  return (
    <>
      <Card>
        <Row gutter={16}>
          <Col xs={12} md={4}>
            <Statistic title={t('grev.analysis.records')} value={a.records} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title={t('grev.analysis.students')} value={a.students} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title={t('grev.analysis.mean')} value={fix(a.distribution.mean)} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title={t('grev.analysis.median')} value={fix(a.distribution.median)} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title={t('grev.analysis.passRate')} value={pct(a.passRate)} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title={t('grev.analysis.gpaMean')} value={fix(a.gpa.mean, 2)} />
          </Col>
        </Row>
      </Card>
      <Row gutter={12}>
        <Col xs={24} lg={12}>
          <Card title={t('grev.analysis.histogram')} size="small">
            <EChart option={histogram} renderer="svg" style={{ height: 260 }} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('grev.analysis.gpaHistogram')} size="small">
            <EChart option={gpa} renderer="svg" style={{ height: 260 }} />
          </Card>
        </Col>
      </Row>
      <Card title={t('grev.analysis.comparison')} size="small">
        <EChart option={comparison} renderer="svg" style={{ height: 300 }} />
        <Table<ClassAnalysis>
          size="small"
          rowKey="teachingClassId"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={a.classes}
          data-testid="analysis-classes"
          columns={[
            {
              title: t('grev.analysis.classes'),
              render: (_, c) => (c.isDraft ? `${c.classCode}（${t('grev.analysis.draft')}）` : c.classCode),
            },
            { title: t('grev.corrections.course'), render: (_, c) => `${c.courseCode} ${c.courseName}` },
            { title: t('grev.analysis.students'), render: (_, c) => c.distribution.count },
            { title: t('grev.analysis.mean'), render: (_, c) => fix(c.distribution.mean) },
            { title: t('grev.analysis.median'), render: (_, c) => fix(c.distribution.median) },
            { title: t('grev.analysis.sd'), render: (_, c) => fix(c.distribution.stdDev) },
            { title: t('grev.analysis.passRate'), render: (_, c) => pct(c.distribution.passRate) },
            { title: t('grev.analysis.classCount'), render: (_, c) => c.comparison.classCount },
            {
              title: t('grev.analysis.correlation'),
              render: (_, c) =>
                c.correlations.map((r) => `${GRADE_WORDS.component[r.component][lang]} ${r.r === null ? '—' : r.r.toFixed(2)}`).join('，'),
            },
            {
              title: t('grev.analysis.flags'),
              render: (_, c) =>
                c.comparison.flags.map((f) => (
                  <Tag color="red" key={f} data-testid={`flag-${c.teachingClassId}-${f}`}>
                    {GRADES_REVIEW_WORDS.flag[f][lang]}
                  </Tag>
                )),
            },
          ]}
        />
      </Card>
      <Card title={t('grev.analysis.courses')} size="small">
        <Table
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={a.courses}
          columns={[
            { title: t('grev.corrections.course'), dataIndex: 'name' },
            { title: t('grev.analysis.students'), dataIndex: 'students' },
            { title: t('grev.analysis.mean'), render: (_, c) => fix(c.mean) },
            { title: t('grev.analysis.passRate'), render: (_, c) => pct(c.passRate) },
          ]}
        />
      </Card>
    </>
  );
}
