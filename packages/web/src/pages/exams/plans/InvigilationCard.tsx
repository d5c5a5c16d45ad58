import { useState } from 'react';
import { App, Button, Card, Form, Modal, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { InvigilationItem, InvigilationLoad } from '@jiaowu/contracts';
import { roomLabel } from '@jiaowu/contracts';
import { ApiSelect } from '../../../components/ApiSelect.tsx';
import { QueryTable, useErrorReason } from '../../../components/QueryState.tsx';
import { examsApi } from './api.ts';
import { dayLabel, timeRange } from './words.ts';

/** 监考: the load per teacher over the plan, the duties, and a swap that gives a duty to another teacher. */
export function InvigilationCard({ planId, canManage }: { planId: number; canManage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reason = useErrorReason();
  const queryClient = useQueryClient();
  const [swapping, setSwapping] = useState<InvigilationItem | null>(null);
  const [teacherId, setTeacherId] = useState<number>();
  const load = useQuery({ queryKey: ['exam-load', planId], queryFn: () => examsApi.load(planId), enabled: canManage });
  const duties = useQuery({ queryKey: ['exam-duties', planId], queryFn: () => examsApi.duties({ planId }) });
  const swap = useMutation({
    mutationFn: () => examsApi.swap(swapping!.id, teacherId!),
    onSuccess: () => {
      void message.success(t('exams.load.swapped'));
      setSwapping(null);
      setTeacherId(undefined);
      void queryClient.invalidateQueries({ queryKey: ['exam-load', planId] });
      void queryClient.invalidateQueries({ queryKey: ['exam-duties', planId] });
    },
  });
  return (
    <Card size="small" title={t('exams.load.title')} style={{ marginBottom: 12 }} data-testid="exam-invigilation">
      {canManage && (
        <QueryTable<InvigilationLoad>
          query={load}
          rowKey="teacherId"
          size="small"
          pagination={{ pageSize: 10, showSizeChanger: false }}
          locale={{ emptyText: t('exams.load.none') }}
          data-testid="exam-load"
          columns={[
            { title: t('exams.load.teacher'), dataIndex: 'teacherName' },
            { title: t('exams.load.college'), dataIndex: 'collegeName' },
            { title: t('exams.load.duties'), dataIndex: 'duties', sorter: (a, b) => a.duties - b.duties },
            { title: t('exams.load.chief'), dataIndex: 'chief' },
          ]}
        />
      )}
      <Typography.Title level={5}>{t('exams.load.duties2')}</Typography.Title>
      <QueryTable<InvigilationItem>
        query={duties}
        rowKey="id"
        size="small"
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 10, showSizeChanger: false }}
        locale={{ emptyText: t('exams.load.none') }}
        data-testid="exam-duties"
        columns={[
          { title: t('exams.load.date'), render: (_, d) => dayLabel(t, d.date) },
          { title: t('exams.load.time'), render: (_, d) => timeRange(d.start, d.end) },
          { title: t('exams.load.room'), render: (_, d) => roomLabel(d.buildingName, d.roomName) },
          {
            title: t('exams.load.teacher'),
            render: (_, d) =>
              d.chief ? (
                <>
                  {d.teacherName} <Tag color="gold">{t('exams.duties.chief')}</Tag>
                </>
              ) : (
                d.teacherName
              ),
          },
          {
            title: t('exams.duties.courses'),
            render: (_, d) => d.courses.map((c) => `${c.courseName}（${t('exams.duties.students', { n: c.students })}）`).join('、'),
          },
          ...(canManage
            ? [
                {
                  title: t('exams.list.actions'),
                  render: (_: unknown, d: InvigilationItem) => (
                    <Button size="small" type="link" onClick={() => setSwapping(d)}>
                      {t('exams.load.swap')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={swapping !== null}
        title={t('exams.load.swapTitle')}
        onCancel={() => {
          setSwapping(null);
          swap.reset();
        }}
        destroyOnHidden
        footer={
          <Button type="primary" disabled={!teacherId} loading={swap.isPending} onClick={() => swap.mutate()}>
            {t('exams.load.swap')}
          </Button>
        }
      >
        {swapping && (
          <Typography.Paragraph>
            {`${dayLabel(t, swapping.date)} ${timeRange(swapping.start, swapping.end)} ${roomLabel(swapping.buildingName, swapping.roomName)} · ${swapping.teacherName}`}
          </Typography.Paragraph>
        )}
        <Form layout="vertical">
          <Form.Item label={t('exams.load.newTeacher')}>
            <ApiSelect<number | undefined> path="/teachers" value={teacherId} onChange={setTeacherId} style={{ width: '100%' }} />
          </Form.Item>
        </Form>
        {swap.isError && <Typography.Text type="danger">{reason(swap.error)}</Typography.Text>}
      </Modal>
    </Card>
  );
}
