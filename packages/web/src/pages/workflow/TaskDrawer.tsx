import { clearErrorsOnEdit } from '../../lib/form-errors.ts';
import { useState } from 'react';
import { Link } from 'react-router';
import { App, Button, Descriptions, Divider, Drawer, Form, Input, InputNumber, Select, Space } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { InboxItem } from '@jiaowu/contracts';
import { ApiError } from '../../api/client.ts';
import { workflow } from '../../api/modules.ts';
import { ApiSelect } from '../../components/ApiSelect.tsx';
import { QueryView } from '../../components/QueryState.tsx';
import { WorkflowHistory } from '../../components/WorkflowHistory.tsx';
import { useLabels } from '../../i18n/labels.ts';
import { DeferralSummary } from '../exams/deferrals/DeferralSummary.tsx';
import { CorrectionSummary } from '../grades/corrections/CorrectionSummary.tsx';
import { RequestSummary } from './RequestSummary.tsx';

const FIELDS = [
  'teachers',
  'capacity',
  'adminClassIds',
  'targetMajors',
  'sessions',
  'weeks',
  'roomType',
  'roomFeatures',
  'timeWishes',
  'note',
];
type Action = 'approve' | 'return' | 'reject' | 'delegate' | 'comment';
interface Values {
  comment?: string;
  capacity?: number;
  fieldComments?: { field?: string; text?: string }[];
  userId?: number;
}

/** A task: the subject, the history, and approve (with changes) / return (per-field comments) / reject / delegate / comment. */
export function TaskDrawer({ item, onClose, onDone }: { item: InboxItem | null; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState<Action | null>(null);
  const instance = useQuery({
    queryKey: ['instance', item?.instanceId],
    queryFn: () => workflow.instance(item!.instanceId),
    enabled: !!item,
  });
  const inst = instance.data;
  const canAct = item?.taskId != null && inst?.state === 'pending';

  const act = async (action: Action) => {
    const v = form.getFieldsValue();
    const comment = v.comment?.trim() || undefined;
    if ((action === 'return' || action === 'reject' || action === 'comment') && !comment) {
      form.setFields([{ name: 'comment', errors: [labels.fieldMessage('required')] }]);
      return;
    }
    if (action === 'delegate' && !v.userId) {
      form.setFields([{ name: 'userId', errors: [labels.fieldMessage('required')] }]);
      return;
    }
    const fieldComments = Object.fromEntries(
      (v.fieldComments ?? []).filter((c) => c.field && c.text?.trim()).map((c) => [c.field!, c.text!.trim()]),
    );
    const body =
      action === 'approve'
        ? { comment, changes: v.capacity ? { capacity: v.capacity } : undefined }
        : action === 'return'
          ? { comment, fieldComments }
          : action === 'delegate'
            ? { userId: v.userId, comment }
            : { comment };
    setBusy(action);
    try {
      await workflow.act(item!.taskId!, action, body);
      message.success(t('wf.done'));
      form.resetFields();
      await qc.invalidateQueries({ queryKey: ['instance'] });
      await qc.invalidateQueries({ queryKey: ['notifications'] });
      if (action === 'comment') await instance.refetch();
      else onDone();
    } catch (e) {
      if (e instanceof ApiError && e.fields.length)
        form.setFields(e.fields.map((f) => ({ name: f.field === 'comment' ? 'comment' : 'capacity', errors: [f.message] })));
      message.error(e instanceof ApiError ? e.message : t('errors.network'));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Drawer
      open={!!item}
      onClose={onClose}
      size={720}
      title={item?.title}
      extra={<Button onClick={onClose}>{t('common.cancel')}</Button>}
      destroyOnHidden
      data-testid="task-drawer"
    >
      {!inst ? (
        <QueryView query={instance}>{() => null}</QueryView>
      ) : (
        <>
          <Descriptions
            size="small"
            column={2}
            bordered
            items={[
              { label: t('wf.flow'), children: inst.flowName },
              { label: t('wf.state'), children: t(`wf.states.${inst.state}`) },
              { label: t('wf.applicant'), children: inst.applicantName ?? '—' },
              { label: t('wf.step'), children: inst.currentStepName ?? '—' },
            ]}
          />
          {inst.subjectType === 'course_request' && <RequestSummary id={inst.subjectId} />}
          {inst.subjectType === 'exam_deferral' && <DeferralSummary id={inst.subjectId} />}
          {inst.subjectType === 'grade_sheet' && inst.link && (
            <div style={{ marginTop: 12 }}>
              <Link to={inst.link} data-testid="task-subject-link">
                {t('grades.sheet.openFromInbox')}
              </Link>
            </div>
          )}
          {inst.subjectType === 'grade_correction' && <CorrectionSummary id={inst.subjectId} />}
          <Divider titlePlacement="start">{t('wf.history')}</Divider>
          <WorkflowHistory instance={inst} />
          {canAct && (
            <Form form={form} onValuesChange={clearErrorsOnEdit(form)} layout="vertical">
              <Divider />
              <Form.Item name="comment" label={t('wf.commentLabel')}>
                <Input.TextArea rows={2} data-testid="task-comment" />
              </Form.Item>
              {inst.subjectType === 'course_request' && (
                <Form.Item name="capacity" label={`${t('wf.changes')}: ${labels.field('courseRequests', 'capacity')}`}>
                  <InputNumber min={1} max={1000} data-testid="change-capacity" />
                </Form.Item>
              )}
              {/* 逐项意见 names the fields of a course request; other subjects have none of them. */}
              {inst.subjectType === 'course_request' && (
                <Form.Item label={t('wf.fieldComments')}>
                  <Form.List name="fieldComments">
                    {(items, { add, remove }) => (
                      <>
                        {items.map((it) => (
                          <Space key={it.key} align="start" style={{ display: 'flex' }}>
                            <Form.Item name={[it.name, 'field']} style={{ marginBottom: 8 }}>
                              <Select
                                style={{ width: 160 }}
                                options={FIELDS.map((f) => ({ value: f, label: labels.field('courseRequests', f) }))}
                                data-testid={`fc-field-${it.name}`}
                              />
                            </Form.Item>
                            <Form.Item name={[it.name, 'text']} style={{ marginBottom: 8 }}>
                              <Input style={{ width: 360 }} data-testid={`fc-text-${it.name}`} />
                            </Form.Item>
                            <Button icon={<DeleteOutlined />} onClick={() => remove(it.name)} aria-label={t('common.remove')} />
                          </Space>
                        ))}
                        <Button size="small" icon={<PlusOutlined />} onClick={() => add()} data-testid="add-field-comment">
                          {t('wf.addFieldComment')}
                        </Button>
                      </>
                    )}
                  </Form.List>
                </Form.Item>
              )}
              <Form.Item name="userId" label={t('wf.delegateTo')}>
                <ApiSelect
                  path={`/workflow/tasks/${item?.taskId}/delegates`}
                  label={(u) => `${String(u.displayName)} (${String(u.username)})`}
                  style={{ width: 280 }}
                />
              </Form.Item>
              <Space wrap>
                <Button type="primary" loading={busy === 'approve'} onClick={() => void act('approve')} data-testid="task-approve">
                  {t('wf.approve')}
                </Button>
                <Button loading={busy === 'return'} onClick={() => void act('return')} data-testid="task-return">
                  {t('wf.return')}
                </Button>
                <Button danger loading={busy === 'reject'} onClick={() => void act('reject')} data-testid="task-reject">
                  {t('wf.reject')}
                </Button>
                <Button loading={busy === 'delegate'} onClick={() => void act('delegate')}>
                  {t('wf.delegate')}
                </Button>
                <Button loading={busy === 'comment'} onClick={() => void act('comment')}>
                  {t('wf.comment')}
                </Button>
              </Space>
            </Form>
          )}
        </>
      )}
    </Drawer>
  );
}
