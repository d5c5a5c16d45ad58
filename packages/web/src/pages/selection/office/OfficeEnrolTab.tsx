import { useState } from 'react';
import { App, Alert, Button, Checkbox, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Round, SelectionReason } from '@jiaowu/contracts';
import { ApiError } from '../../../api/client.ts';
import { selectionOffice } from '../../../api/selection-office.ts';
import { ClassPicker } from './ClassPicker.tsx';
import { StudentPicker } from './StudentPicker.tsx';

interface Done {
  enrolmentId: number;
  student: string;
  klass: string;
  status: string;
  dropped: boolean;
}

interface Values {
  studentId?: number;
  teachingClassId?: number;
  reason?: string;
  override?: boolean;
}

/** The refusal as the server words it, with every rule that failed when it lists them. */
function refusalOf(e: unknown, fallback: string): { message: string; reasons: string[] } {
  if (!(e instanceof ApiError)) return { message: fallback, reasons: [] };
  const reasons = (e.details as { reasons?: SelectionReason[] } | undefined)?.reasons;
  const list = Array.isArray(reasons) ? reasons.map((r) => r.message).filter((m) => m && m !== e.message) : [];
  return { message: e.message, reasons: list };
}

/** 代选代退: the office enrols a student in a class of the round (rules checked unless overridden) or drops it, with a reason. */
export function OfficeEnrolTab({ round }: { round: Round }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [studentLabel, setStudentLabel] = useState('');
  const [classLabel, setClassLabel] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<{ message: string; reasons: string[] } | null>(null);
  const [done, setDone] = useState<Done[]>([]);
  const [dropping, setDropping] = useState<Done | null>(null);
  const disabled = round.status === 'locked';

  const enrol = async (v: Values) => {
    setRefusal(null);
    setBusy(true);
    try {
      const r = await selectionOffice.officeEnrol({
        roundId: round.id,
        studentId: v.studentId!,
        teachingClassId: v.teachingClassId!,
        reason: (v.reason ?? '').trim(),
        override: v.override ?? false,
      });
      message.success(t('seloff.enrolled1', { code: classLabel }));
      setDone((d) => [{ enrolmentId: r.id, student: studentLabel, klass: classLabel, status: r.status, dropped: false }, ...d]);
      form.setFieldsValue({ teachingClassId: undefined });
      void qc.invalidateQueries({ queryKey: ['sel-round-classes', round.id] });
    } catch (e) {
      setRefusal(refusalOf(e, t('errors.network')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('seloff.officeEnrolHelp')}</Typography.Text>
      <Form<Values>
        form={form}
        layout="vertical"
        style={{ maxWidth: 560 }}
        disabled={disabled}
        initialValues={{ override: false }}
        onFinish={(v) => void enrol(v)}
        onValuesChange={() => setRefusal(null)}
      >
        <Form.Item name="studentId" label={t('seloff.student')} rules={[{ required: true, message: t('seloff.pickStudent') }]}>
          <StudentPicker onPicked={setStudentLabel} style={{ width: '100%' }} data-testid="office-student" />
        </Form.Item>
        <Form.Item name="teachingClassId" label={t('seloff.teachingClass')} rules={[{ required: true, message: t('seloff.pickClass') }]}>
          <ClassPicker roundId={round.id} onPicked={setClassLabel} data-testid="office-class" />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('seloff.reason')}
          rules={[{ required: true, whitespace: true, message: t('seloff.reasonPlaceholder') }]}
        >
          <Input maxLength={200} placeholder={t('seloff.reasonPlaceholder')} data-testid="office-reason" />
        </Form.Item>
        <Form.Item name="override" valuePropName="checked" extra={t('seloff.overrideHelp')}>
          <Checkbox data-testid="office-override">{t('seloff.override')}</Checkbox>
        </Form.Item>
        {refusal && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('seloff.refused')}
            data-testid="office-refusal"
            description={
              <>
                <div>{refusal.message}</div>
                {refusal.reasons.map((r) => (
                  <div key={r}>{r}</div>
                ))}
              </>
            }
          />
        )}
        <Button type="primary" htmlType="submit" loading={busy} data-testid="office-enrol">
          {t('seloff.enrol')}
        </Button>
      </Form>
      {done.length > 0 && (
        <Table<Done>
          rowKey="enrolmentId"
          size="small"
          pagination={false}
          title={() => t('seloff.recentActions')}
          dataSource={done}
          data-testid="office-done"
          columns={[
            { title: t('seloff.student'), dataIndex: 'student' },
            { title: t('seloff.teachingClass'), dataIndex: 'klass' },
            {
              title: t('seloff.status'),
              render: (_, d) =>
                d.dropped ? <Tag>{t('seloff.dropped')}</Tag> : <Tag color="green">{t(`seloff.enrolmentStatuses.${d.status}`)}</Tag>,
            },
            {
              title: t('common.actions'),
              render: (_, d) =>
                !d.dropped && (
                  <Button
                    size="small"
                    danger
                    disabled={disabled}
                    onClick={() => setDropping(d)}
                    data-testid={`office-drop-${d.enrolmentId}`}
                  >
                    {t('seloff.officeDrop')}
                  </Button>
                ),
            },
          ]}
        />
      )}
      <DropModal
        target={dropping}
        onClose={() => setDropping(null)}
        onDropped={(id) => {
          setDone((list) => list.map((d) => (d.enrolmentId === id ? { ...d, dropped: true } : d)));
          setDropping(null);
          void qc.invalidateQueries({ queryKey: ['sel-round-classes', round.id] });
        }}
      />
    </Space>
  );
}

/** 代退: the reason, then the drop. */
export function DropModal({ target, onClose, onDropped }: { target: Done | null; onClose: () => void; onDropped: (id: number) => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const submit = async () => {
    if (!target || !reason.trim()) return;
    setBusy(true);
    setFailure(null);
    try {
      await selectionOffice.officeDrop(target.enrolmentId, reason.trim());
      setReason('');
      onDropped(target.enrolmentId);
    } catch (e) {
      setFailure(e instanceof ApiError ? e.message : t('errors.network'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={target !== null}
      title={t('seloff.dropTitle', { code: target?.klass ?? '' })}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('seloff.officeDrop')}
      okButtonProps={{ danger: true, loading: busy, disabled: !reason.trim() }}
      destroyOnHidden
    >
      <Typography.Paragraph>{target?.student}</Typography.Paragraph>
      <Input
        maxLength={200}
        placeholder={t('seloff.dropReason')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        data-testid="drop-reason"
      />
      {failure && <Alert type="error" showIcon title={failure} style={{ marginTop: 12 }} />}
    </Modal>
  );
}
