import { useState } from 'react';
import { Alert, App, Button, Card, Form, Popconfirm, Select, Space } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { EXAM_RULE_KINDS, type ExamRule, type ExamRuleKind } from '@jiaowu/contracts';
import { ApiSelect } from '../../../components/ApiSelect.tsx';
import { QueryTable, useErrorReason } from '../../../components/QueryState.tsx';
import { examsApi } from './api.ts';
import { dayLabel } from './words.ts';

/** An exam as the pickers name it: course code and name, and the class when it sits alone. */
const examLabel = (row: unknown) => {
  const e = row as { courseCode: string; courseName: string; teachingClassCode: string | null };
  return `${e.courseCode} ${e.courseName}${e.teachingClassCode ? `（${e.teachingClassCode}）` : ''}`;
};

/**
 * 考试规则: what the next solve keeps between exams — one after another, in the same session,
 * never together, or a session an exam must avoid. The office adds and removes them until the
 * timetable is published.
 */
export function RulesCard({ planId, editable }: { planId: number; editable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reason = useErrorReason();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<ExamRuleKind>('after');
  const [examId, setExamId] = useState<number>();
  const [otherExamId, setOtherExamId] = useState<number>();
  const [sessionId, setSessionId] = useState<number>();
  const rules = useQuery({ queryKey: ['exam-rules', planId], queryFn: () => examsApi.rules(planId) });
  const sessions = useQuery({ queryKey: ['exam-sessions', planId], queryFn: () => examsApi.sessions(planId), enabled: editable });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['exam-rules', planId] });
  const add = useMutation({
    mutationFn: () =>
      examsApi.addRule(planId, {
        kind,
        examId: examId!,
        otherExamId: kind === 'avoid_session' ? null : (otherExamId ?? null),
        sessionId: kind === 'avoid_session' ? (sessionId ?? null) : null,
      }),
    onSuccess: () => {
      void message.success(t('exams.rules.added'));
      setExamId(undefined);
      setOtherExamId(undefined);
      setSessionId(undefined);
      refresh();
    },
  });
  const remove = useMutation({ mutationFn: (id: number) => examsApi.removeRule(planId, id), onSuccess: refresh });
  const path = `/exams/plans/${planId}/exams`;
  const ready = examId !== undefined && (kind === 'avoid_session' ? sessionId !== undefined : otherExamId !== undefined);
  return (
    <Card size="small" title={t('exams.rules.title')} style={{ marginBottom: 12 }} data-testid="exam-rules">
      <QueryTable<ExamRule>
        query={rules}
        rowKey="id"
        size="small"
        pagination={false}
        locale={{ emptyText: t('exams.rules.none') }}
        columns={[
          { title: t('exams.rules.exam'), dataIndex: 'courseName' },
          { title: t('exams.rules.kind'), render: (_, r) => t(`exams.rules.kinds.${r.kind}`) },
          {
            title: t('exams.rules.target'),
            render: (_, r) => (r.kind === 'avoid_session' ? `${dayLabel(t, r.date ?? '')} ${r.start ?? ''}` : (r.otherCourseName ?? '')),
          },
          ...(editable
            ? [
                {
                  title: '',
                  render: (_: unknown, r: ExamRule) => (
                    <Popconfirm title={t('exams.rules.removeConfirm')} onConfirm={() => remove.mutate(r.id)}>
                      <Button size="small" danger>
                        {t('exams.rules.remove')}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editable && (
        <Form layout="inline" style={{ marginTop: 12, rowGap: 8 }}>
          <Form.Item label={t('exams.rules.exam')}>
            <ApiSelect path={path} value={examId} onChange={setExamId} label={examLabel} style={{ width: 240 }} />
          </Form.Item>
          <Form.Item>
            <Select<ExamRuleKind>
              value={kind}
              onChange={setKind}
              style={{ width: 160 }}
              options={EXAM_RULE_KINDS.map((k) => ({ value: k, label: t(`exams.rules.kinds.${k}`) }))}
              data-testid="exam-rule-kind"
            />
          </Form.Item>
          <Form.Item>
            {kind === 'avoid_session' ? (
              <Select<number>
                value={sessionId}
                onChange={setSessionId}
                style={{ width: 220 }}
                placeholder={t('exams.rules.session')}
                loading={sessions.isLoading}
                options={(sessions.data?.items ?? []).map((s) => ({ value: s.id, label: `${dayLabel(t, s.date)} ${s.start}–${s.end}` }))}
              />
            ) : (
              <ApiSelect path={path} value={otherExamId} onChange={setOtherExamId} label={examLabel} style={{ width: 240 }} />
            )}
          </Form.Item>
          <Space>
            <Button type="primary" disabled={!ready} loading={add.isPending} onClick={() => add.mutate()} data-testid="exam-rule-add">
              {t('exams.rules.add')}
            </Button>
          </Space>
        </Form>
      )}
      {add.isError && <Alert type="error" showIcon style={{ marginTop: 8 }} message={reason(add.error)} />}
      {remove.isError && <Alert type="error" showIcon style={{ marginTop: 8 }} message={reason(remove.error)} />}
    </Card>
  );
}
