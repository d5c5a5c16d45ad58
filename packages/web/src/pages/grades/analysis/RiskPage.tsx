import { useState } from 'react';
import { App, Button, Card, Select, Space, Tag, Typography } from 'antd';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { gradeEntryText, type AcademicRiskItem, type Paged } from '@jiaowu/contracts';
import { ApiError, get, post } from '../../../api/client.ts';
import { useSession } from '../../../auth/session.tsx';
import { ApiSelect } from '../../../components/ApiSelect.tsx';
import { QueryTable } from '../../../components/QueryState.tsx';
import { useTerms } from '../../../lib/terms.ts';
import { formatDateTime } from '../../../lib/time.ts';
import { useListParams } from '../../offerings/useListParams.ts';

const credits = (tenths: number) => (tenths % 10 === 0 ? String(tenths / 10) : (tenths / 10).toFixed(1));

/** 学业预警 — students whose failed credits reach the school's line, with their failed courses; the office warns them once per term. */
export function RiskPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const { can } = useSession();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { current, options: termOptions } = useTerms();
  const { num, set } = useListParams();
  const termId = num('termId') ?? current?.id;
  const collegeId = num('collegeId');
  const page = num('page') ?? 1;
  const pageSize = num('pageSize') ?? 20;
  const [selected, setSelected] = useState<number[]>([]);
  const query = useQuery({
    queryKey: ['academic-risk', termId, collegeId, page, pageSize],
    queryFn: () => get<Paged<AcademicRiskItem>>('/grades/academic-risk', { termId, collegeId, page, pageSize }),
    enabled: termId !== undefined,
    placeholderData: keepPreviousData,
  });
  const notify = useMutation({
    mutationFn: (studentIds?: number[]) =>
      post<{ notified: number; skipped: number }>('/grades/academic-risk/notify', { termId, studentIds }),
    onSuccess: async (r) => {
      message.success(t('grev.risk.notified', r));
      setSelected([]);
      await qc.invalidateQueries({ queryKey: ['academic-risk'] });
    },
    onError: (e) => message.error(e instanceof ApiError ? e.message : t('errors.network')),
  });
  return (
    <Card
      title={t('grev.risk.title')}
      data-testid="academic-risk"
      extra={
        can('grades.manage') && (
          <Space>
            <Button disabled={!selected.length} loading={notify.isPending} onClick={() => notify.mutate(selected)}>
              {t('grev.risk.notifySelected')}
            </Button>
            <Button
              type="primary"
              disabled={!query.data?.total}
              loading={notify.isPending}
              onClick={() => notify.mutate(undefined)}
              data-testid="risk-notify-all"
            >
              {t('grev.risk.notifyAll')}
            </Button>
          </Space>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('grev.risk.help')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select<number> style={{ width: 220 }} value={termId} onChange={(v) => set({ termId: v })} options={termOptions} />
        <ApiSelect
          path="/colleges"
          allowClear
          value={collegeId}
          onChange={(v) => set({ collegeId: v })}
          placeholder={t('grev.risk.college')}
          style={{ width: 240 }}
        />
      </Space>
      <QueryTable<AcademicRiskItem, Paged<AcademicRiskItem>>
        query={query}
        rowKey="studentId"
        size="middle"
        scroll={{ x: 'max-content' }}
        rowSelection={can('grades.manage') ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]) } : undefined}
        pagination={{
          current: page,
          pageSize,
          total: query.data?.total,
          showTotal: (n) => t('common.total', { total: n }),
          onChange: (p, s) => set({ page: p, pageSize: s }),
        }}
        columns={[
          { title: t('grev.corrections.student'), render: (_, s) => `${s.studentName}（${s.studentCode}）` },
          { title: t('grev.risk.college'), dataIndex: 'collegeName' },
          { title: t('grev.risk.major'), dataIndex: 'majorName' },
          { title: t('grev.risk.cohort'), dataIndex: 'cohort' },
          {
            title: t('grev.risk.failedCredits'),
            render: (_, s) => (
              <Tag color="red">
                {credits(s.failedCreditsTenths)} / {credits(s.thresholdTenths)}
              </Tag>
            ),
          },
          {
            title: t('grev.risk.failedCourses'),
            render: (_, s) => s.failedCourses.map((c) => `${c.courseName}（${c.termName}，${gradeEntryText(c.grade, lang)}）`).join('；'),
          },
          {
            title: t('grev.risk.notifiedAt'),
            render: (_, s) => (s.notifiedAt ? formatDateTime(s.notifiedAt) : t('grev.risk.notNotified')),
          },
        ]}
      />
    </Card>
  );
}
