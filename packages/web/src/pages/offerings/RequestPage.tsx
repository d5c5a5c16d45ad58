import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { Alert, App, Button, Card, Col, Form, Popconfirm, Row, Space, Tag } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { courseRequestInput, courseRequestPatch, EDITABLE_REQUEST_STATUSES, weekCount, weekMaskOf, type Course } from '@jiaowu/contracts';
import { ApiError, get } from '../../api/client.ts';
import { requests, workflow } from '../../api/modules.ts';
import { useSession } from '../../auth/session.tsx';
import { Breadcrumbs } from '../../components/Breadcrumbs.tsx';
import { QueryView } from '../../components/QueryState.tsx';
import { WorkflowHistory } from '../../components/WorkflowHistory.tsx';
import { useLabels } from '../../i18n/labels.ts';
import { zodFieldErrors, clearErrorsOnEdit } from '../../lib/form-errors.ts';
import { parseSessions, placeErrors, requestApiErrors, toBody, toFormValues, type RequestFormValues } from '../../lib/request-form.ts';
import { RequestFields } from './RequestFields.tsx';
import { StatusTag } from './StatusTag.tsx';

/** One course request: edit, save draft, submit, withdraw, delete; reviewer comments and the approval history. */
export function RequestPage() {
  const { id } = useParams();
  const isNew = id === 'new';
  const reqId = isNew ? null : Number(id);
  const { t } = useTranslation();
  const labels = useLabels();
  const { message } = App.useApp();
  const { can } = useSession();
  const navigate = useNavigate();
  // The list's address with its filters, page and sort (set by the list): back returns to it.
  const backTo = (useLocation().state as { from?: string } | null)?.from ?? '/course-requests';
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const query = useQuery({ queryKey: ['course-request', reqId], queryFn: () => requests.get(reqId!), enabled: reqId != null });
  const r = query.data;
  const instance = useQuery({
    queryKey: ['instance', r?.workflowInstanceId],
    queryFn: () => workflow.instance(r!.workflowInstanceId!),
    enabled: !!r?.workflowInstanceId,
  });
  const courseId = Form.useWatch('courseId', form);
  const course = useQuery({ queryKey: ['course', courseId], queryFn: () => get<Course>(`/courses/${courseId}`), enabled: !!courseId });
  const sessions = Form.useWatch('sessions', form);
  const weeks = Form.useWatch('weeks', form);

  useEffect(() => {
    if (r) form.setFieldsValue(toFormValues(r));
  }, [r, form]);
  useEffect(() => {
    if (!isNew) return;
    void get<{ items: { id: number; isCurrent?: boolean }[] }>('/terms', { pageSize: 200 }).then((d) => {
      const current = d.items.find((x) => x.isCurrent);
      if (current && !form.getFieldValue('termId')) form.setFieldValue('termId', current.id);
    });
  }, [isNew, form]);

  const editable = isNew || (r != null && EDITABLE_REQUEST_STATUSES.includes(r.status));
  const disabled = !editable || !can('offerings.file');
  const comments = (r?.status === 'returned' || r?.status === 'rejected' ? r.reviewComments : null) ?? {};
  let hoursHint: string | undefined;
  if (course.data && weeks) {
    const weekly = parseSessions(sessions).reduce((s, h) => s + (h || 0), 0);
    const n = weekCount(weekMaskOf({ pattern: weeks.pattern, from: weeks.from ?? 1, to: weeks.to ?? 16, list: weeks.list }));
    hoursHint = t('requests.hoursTotal', {
      weekly,
      weeks: n,
      total: weekly * n,
      expected: course.data.lectureHours + course.data.labHours,
    });
  }

  /** Validates and saves; returns the id, or null when there were errors. */
  const save = async (): Promise<number | null> => {
    form.setFields(Object.keys(form.getFieldsValue(true)).map((k) => ({ name: k, errors: [] })));
    const body = toBody(form.getFieldsValue(true) as RequestFormValues);
    const schema = isNew ? courseRequestInput : courseRequestPatch;
    const parsed = schema.safeParse(isNew ? body : { ...body, termId: undefined, courseId: undefined });
    if (!parsed.success) {
      form.setFields(placeErrors(zodFieldErrors(parsed.error, labels)));
      message.error(t('form.fixErrors'));
      return null;
    }
    try {
      const saved = isNew ? await requests.create(parsed.data) : await requests.update(reqId!, parsed.data);
      await qc.invalidateQueries({ queryKey: ['course-requests'] });
      qc.setQueryData(['course-request', saved.id], saved);
      return saved.id;
    } catch (e) {
      fail(e);
      return null;
    }
  };
  const fail = (e: unknown) => {
    const entries = requestApiErrors(e);
    if (entries.length) form.setFields(entries);
    message.error(e instanceof ApiError ? e.message : t('errors.network'));
  };
  const run = (fn: () => Promise<void>) => async () => {
    setBusy(true);
    try {
      await fn();
    } finally {
      setBusy(false);
    }
  };
  const saveDraft = run(async () => {
    const saved = await save();
    if (saved == null) return;
    message.success(t('common.saved'));
    if (isNew) void navigate(`/course-requests/${saved}`, { replace: true });
  });
  const submit = run(async () => {
    const saved = await save();
    if (saved == null) return;
    try {
      const after = await requests.submit(saved);
      qc.setQueryData(['course-request', saved], after);
      await qc.invalidateQueries({ queryKey: ['course-requests'] });
      await qc.invalidateQueries({ queryKey: ['instance'] });
      message.success(t('requests.submitted'));
      if (isNew) void navigate(`/course-requests/${saved}`, { replace: true });
    } catch (e) {
      if (isNew) void navigate(`/course-requests/${saved}`, { replace: true });
      fail(e);
    }
  });
  const withdraw = run(async () => {
    try {
      qc.setQueryData(['course-request', reqId], await requests.withdraw(reqId!));
      await qc.invalidateQueries({ queryKey: ['instance'] });
      message.success(t('requests.withdrawn'));
    } catch (e) {
      fail(e);
    }
  });
  const remove = run(async () => {
    try {
      await requests.remove(reqId!);
      message.success(t('common.deleted'));
      await qc.invalidateQueries({ queryKey: ['course-requests'] });
      void navigate(backTo);
    } catch (e) {
      fail(e);
    }
  });

  if (!isNew && query.data === undefined) return <QueryView query={query}>{() => null}</QueryView>;
  const title = isNew ? t('requests.create') : t('requests.editTitle', { course: r ? `${r.courseName}（${r.courseCode}）` : '' });
  return (
    <Row gutter={16}>
      <Col span={24}>
        <Breadcrumbs
          items={[{ label: t('requests.title'), to: backTo }, { label: isNew ? t('requests.create') : (r?.courseCode ?? '…') }]}
        />
      </Col>
      <Col xs={24} xl={instance.data ? 16 : 24}>
        <Card
          title={
            <Space>
              {title}
              {r && <StatusTag status={r.status} />}
            </Space>
          }
          extra={
            <Button onClick={() => void navigate(backTo)} data-testid="request-back">
              {t('common.back')}
            </Button>
          }
        >
          {comments._ && (
            <Alert
              type={r?.status === 'rejected' ? 'error' : 'warning'}
              showIcon
              title={r?.status === 'rejected' ? t('homex.request.rejectedTitle') : t('requests.returnedTitle')}
              description={comments._}
              style={{ marginBottom: 16 }}
              data-testid="review-comment"
            />
          )}
          {!editable && <Alert type="info" title={t('requests.readOnly')} style={{ marginBottom: 16 }} />}
          <Form
            form={form}
            layout="vertical"
            onValuesChange={clearErrorsOnEdit(form)}
            initialValues={{
              teachers: [],
              adminClassIds: [],
              targetMajors: [],
              weeks: { pattern: 'all', from: 1, to: 16 },
              roomFeatures: [],
              timeWishes: [],
            }}
          >
            <RequestFields isNew={isNew} disabled={disabled} comments={comments} hoursHint={hoursHint} />
          </Form>
          {can('offerings.file') && (
            <Space wrap>
              {editable && (
                <Button onClick={() => void saveDraft()} loading={busy} data-testid="save-draft">
                  {t('requests.saveDraft')}
                </Button>
              )}
              {editable && (
                <Button type="primary" onClick={() => void submit()} loading={busy} data-testid="submit-request">
                  {t('requests.submit')}
                </Button>
              )}
              {r?.status === 'submitted' && (
                <Button onClick={() => void withdraw()} loading={busy} data-testid="withdraw-request">
                  {t('requests.withdraw')}
                </Button>
              )}
              {r?.status === 'draft' && (
                <Popconfirm
                  title={t('common.confirmDelete')}
                  onConfirm={() => void remove()}
                  okText={t('common.ok')}
                  cancelText={t('common.cancel')}
                >
                  <Button danger loading={busy}>
                    {t('requests.deleteDraft')}
                  </Button>
                </Popconfirm>
              )}
              {r?.teachingClassId && (
                <Link to={`/teaching-classes/${r.teachingClassId}`} data-testid="request-class-link">
                  <Tag color="green">
                    {t('classes.title')} {r.teachingClassCode}
                  </Tag>
                </Link>
              )}
            </Space>
          )}
        </Card>
      </Col>
      {instance.data && (
        <Col xs={24} xl={8}>
          <Card title={t('requests.history')}>
            <WorkflowHistory instance={instance.data} />
          </Card>
        </Col>
      )}
    </Row>
  );
}
