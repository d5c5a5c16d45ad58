import { useState } from 'react';
import { Alert, App, Button, Card, Input, Modal, Select, Space, Typography } from 'antd';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { EXAM_INCIDENT_NOTE_MAX, EXAM_INCIDENT_STATUSES, type ExamIncident, type ExamIncidentStatus, type Paged } from '@jiaowu/contracts';
import { get, post } from '../../../api/client.ts';
import { useListParams } from '../../offerings/useListParams.ts';
import { IncidentsTable } from './IncidentsTable.tsx';

type Decision = 'confirm' | 'dismiss';

/** 违纪审核 — the office confirms or dismisses what invigilators recorded (to review first by default). */
export function IncidentReviewPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { num, str, set } = useListParams();
  const page = num('page') ?? 1;
  const pageSize = num('pageSize') ?? 20;
  const status = (str('status') ?? 'recorded') as ExamIncidentStatus | 'any';
  const [deciding, setDeciding] = useState<{ incident: ExamIncident; decision: Decision } | null>(null);
  const [note, setNote] = useState('');
  const query = useQuery({
    queryKey: ['exam-incidents', 'review', status, page, pageSize],
    queryFn: () => get<Paged<ExamIncident>>('/exams/incidents', { status: status === 'any' ? undefined : status, page, pageSize }),
    placeholderData: keepPreviousData,
  });
  const review = useMutation({
    mutationFn: (v: { id: number; decision: Decision; note: string }) =>
      post<ExamIncident>(`/exams/incidents/${v.id}/review`, { decision: v.decision, note: v.note }),
    onSuccess: async () => {
      setDeciding(null);
      setNote('');
      message.success(t('incidents.review.done'));
      await qc.invalidateQueries({ queryKey: ['exam-incidents'] });
    },
  });
  const open = (incident: ExamIncident, decision: Decision) => {
    review.reset();
    setNote('');
    setDeciding({ incident, decision });
  };
  return (
    <Card title={t('incidents.review.title')} data-testid="incident-review">
      <Typography.Paragraph type="secondary">{t('incidents.review.help')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select<ExamIncidentStatus | 'any'>
          style={{ width: 160 }}
          value={status}
          onChange={(v) => set({ status: v })}
          options={[
            { value: 'any', label: t('incidents.allStatuses') },
            ...EXAM_INCIDENT_STATUSES.map((s) => ({ value: s, label: t(`incidents.statuses.${s}`) })),
          ]}
          data-testid="incidents-status"
        />
      </Space>
      <IncidentsTable
        query={query}
        page={page}
        pageSize={pageSize}
        onPage={(p, s) => set({ page: p, pageSize: s })}
        actions={(i) =>
          i.status === 'recorded' ? (
            <Space size={4}>
              <Button size="small" danger onClick={() => open(i, 'confirm')} data-testid={`confirm-${i.id}`}>
                {t('incidents.review.confirm')}
              </Button>
              <Button size="small" onClick={() => open(i, 'dismiss')} data-testid={`dismiss-${i.id}`}>
                {t('incidents.review.dismiss')}
              </Button>
            </Space>
          ) : null
        }
      />
      <Modal
        open={deciding !== null}
        title={
          deciding &&
          t(deciding.decision === 'confirm' ? 'incidents.review.confirmTitle' : 'incidents.review.dismissTitle', {
            student: deciding.incident.studentName,
            course: deciding.incident.courseName,
          })
        }
        okText={deciding?.decision === 'confirm' ? t('incidents.review.confirm') : t('incidents.review.dismiss')}
        confirmLoading={review.isPending}
        onOk={() => deciding && review.mutate({ id: deciding.incident.id, decision: deciding.decision, note: note.trim() })}
        onCancel={() => setDeciding(null)}
        destroyOnHidden
      >
        <Typography.Paragraph>{deciding?.incident.note}</Typography.Paragraph>
        <Input.TextArea
          rows={3}
          maxLength={EXAM_INCIDENT_NOTE_MAX}
          placeholder={t('incidents.review.note')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          data-testid="review-note"
        />
        {review.isError && <Alert type="error" showIcon title={review.error.message} style={{ marginTop: 12 }} />}
      </Modal>
    </Card>
  );
}
