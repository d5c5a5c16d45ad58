import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Select, Space, Typography } from 'antd';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  EXAM_INCIDENT_KINDS,
  EXAM_INCIDENT_NOTE_MAX,
  type ExamIncident,
  type ExamIncidentInput,
  type ExamIncidentKind,
  type InvigilationDuty,
  type Paged,
} from '@jiaowu/contracts';
import { get, post } from '../../../api/client.ts';
import { clockOf } from '../exam-time.ts';
import { IncidentsTable } from './IncidentsTable.tsx';

/**
 * 登记考场违纪 — an invigilator picks one of their duties (session and room), an exam seated
 * there and a candidate of that room, then the kind and what happened. Below: what they have
 * recorded and how the office decided.
 */
export function IncidentRecordPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ duty?: string; examId?: number; studentId?: number; kind?: ExamIncidentKind; note?: string }>();
  const [dutyKey, setDutyKey] = useState<string>();
  const [examId, setExamId] = useState<number>();
  const [page, setPage] = useState(1);
  const duties = useQuery({ queryKey: ['exam-duties'], queryFn: () => get<{ items: InvigilationDuty[] }>('/exams/incidents/duties') });
  const mine = useQuery({
    queryKey: ['exam-incidents', 'mine', page],
    queryFn: () => get<Paged<ExamIncident>>('/exams/incidents', { page, pageSize: 20 }),
    placeholderData: keepPreviousData,
  });
  const keyOf = (d: InvigilationDuty) => `${d.sessionId}:${d.roomId}`;
  const duty = useMemo(() => duties.data?.items.find((d) => keyOf(d) === dutyKey), [duties.data, dutyKey]);
  const exam = duty?.exams.find((e) => e.examId === examId);
  const record = useMutation({
    mutationFn: (body: ExamIncidentInput) => post<ExamIncident>('/exams/incidents', body),
    onSuccess: async () => {
      message.success(t('incidents.record.recorded'));
      form.resetFields(['studentId', 'kind', 'note']);
      await qc.invalidateQueries({ queryKey: ['exam-incidents'] });
    },
  });
  const submit = () =>
    void form
      .validateFields()
      .then((v) => record.mutate({ examId: v.examId!, studentId: v.studentId!, kind: v.kind!, note: (v.note ?? '').trim() }));
  const required = [{ required: true, message: t('incidents.record.pick') }];

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Card title={t('incidents.record.title')} style={{ maxWidth: 640 }} data-testid="incident-form">
        <Typography.Paragraph type="secondary">{t('incidents.record.help')}</Typography.Paragraph>
        {duties.data && duties.data.items.length === 0 && <Alert type="info" showIcon title={t('incidents.record.noDuties')} />}
        <Form form={form} layout="vertical">
          <Form.Item name="duty" label={t('incidents.record.duty')} rules={required}>
            <Select
              loading={duties.isLoading}
              placeholder={t('incidents.record.pick')}
              onChange={(v: string) => {
                setDutyKey(v);
                setExamId(undefined);
                form.resetFields(['examId', 'studentId']);
              }}
              options={(duties.data?.items ?? []).map((d) => ({
                value: keyOf(d),
                label: `${d.date} ${clockOf(d.startMin)}–${clockOf(d.endMin)} · ${d.roomName}`,
              }))}
              data-testid="incident-duty"
            />
          </Form.Item>
          <Form.Item name="examId" label={t('incidents.record.exam')} rules={required}>
            <Select
              disabled={!duty}
              placeholder={t('incidents.record.pick')}
              onChange={(v: number) => {
                setExamId(v);
                form.resetFields(['studentId']);
              }}
              options={(duty?.exams ?? []).map((e) => ({ value: e.examId, label: `${e.courseCode} ${e.courseName}` }))}
              data-testid="incident-exam"
            />
          </Form.Item>
          <Form.Item name="studentId" label={t('incidents.record.student')} rules={required}>
            <Select
              disabled={!exam}
              showSearch
              optionFilterProp="label"
              placeholder={t('incidents.record.pick')}
              options={(exam?.students ?? []).map((s) => ({
                value: s.id,
                label: `${s.name}（${s.code}）· ${t('incidents.record.seat', { seat: s.seatNo })}`,
              }))}
              data-testid="incident-student"
            />
          </Form.Item>
          <Form.Item name="kind" label={t('incidents.record.kind')} rules={required}>
            <Select
              placeholder={t('incidents.record.pick')}
              options={EXAM_INCIDENT_KINDS.map((k) => ({ value: k, label: t(`incidents.kinds.${k}`) }))}
              data-testid="incident-kind"
            />
          </Form.Item>
          <Form.Item name="note" label={t('incidents.record.note')}>
            <Input.TextArea rows={3} maxLength={EXAM_INCIDENT_NOTE_MAX} showCount data-testid="incident-note" />
          </Form.Item>
          {record.isError && <Alert type="error" showIcon title={record.error.message} style={{ marginBottom: 12 }} />}
          <Button type="primary" onClick={submit} loading={record.isPending} data-testid="incident-submit">
            {t('incidents.record.submit')}
          </Button>
        </Form>
      </Card>
      <Card title={t('incidents.record.mine')}>
        <IncidentsTable query={mine} page={page} pageSize={20} onPage={(p) => setPage(p)} />
      </Card>
    </Space>
  );
}
