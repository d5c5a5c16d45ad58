import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { type ButtonProps, Alert, App, Button, Card, Col, Descriptions, Row, Space, Tag, Typography } from 'antd';
import { CheckCircleOutlined, CloseCircleOutlined, LoadingOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { GRADE_WORDS, type GradeCellError, type GradeSheetKind, type GradeSheetView, type GradingScheme } from '@jiaowu/contracts';
import { ApiError } from '../../api/client.ts';
import { workflow } from '../../api/modules.ts';
import { WorkflowHistory } from '../../components/WorkflowHistory.tsx';
import { useSession } from '../../auth/session.tsx';
import { QueryView, useErrorReason } from '../../components/QueryState.tsx';
import { formatDateTime } from '../../lib/time.ts';
import { gradesApi } from './api.ts';
import { DistributionCard } from './DistributionCard.tsx';
import { GradeGrid } from './GradeGrid.tsx';
import { cellsOf, editableColumns, evaluateRow, saveRows, summarize, type GridColumn, type RowCells, type RowState } from './grid-logic.ts';
import { useGradeLocale, useIssueText } from './issue-text.ts';
import { SchemeEditor } from './SchemeEditor.tsx';
import { SheetImport } from './SheetImport.tsx';
import { SHEET_STATUS_COLOR } from './status.ts';
import { useAutosave, type SaveStatus } from './useAutosave.ts';

/** 成绩表 of one teaching class: the grid (editable while the teacher's draft), totals and distribution live, submission. */
export function GradeSheetPage() {
  const teachingClassId = Number(useParams().teachingClassId);
  const [params] = useSearchParams();
  const kind: GradeSheetKind = params.get('kind') === 'makeup' ? 'makeup' : 'normal';
  const query = useQuery({
    queryKey: ['grade-sheet', teachingClassId, kind],
    queryFn: () => gradesApi.sheet(teachingClassId, kind),
    // Refetching under the teacher's typing would fight the grid: reloads are explicit.
    refetchOnWindowFocus: false,
  });
  return <QueryView query={query}>{(view) => <SheetEditor view={view} kind={kind} reload={() => query.refetch()} />}</QueryView>;
}

/** The same sheet by its id: where the approval inbox and notifications link (WEB_PATHS.gradeSheet). */
export function GradeSheetByIdPage() {
  const sheetId = Number(useParams().sheetId);
  const query = useQuery({
    queryKey: ['grade-sheet-by-id', sheetId],
    queryFn: () => gradesApi.sheetById(sheetId),
    refetchOnWindowFocus: false,
  });
  return <QueryView query={query}>{(view) => <SheetEditor view={view} kind={view.sheet.kind} reload={() => query.refetch()} />}</QueryView>;
}

function SheetEditor({ view, kind, reload }: { view: GradeSheetView; kind: GradeSheetKind; reload: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const locale = useGradeLocale();
  const issueText = useIssueText();
  const errorReason = useErrorReason();
  const qc = useQueryClient();
  const { can } = useSession();
  const { sheet, rows } = view;
  const scheme = sheet.scheme;
  const editable = sheet.canEdit;
  const [cells, setCells] = useState<Record<number, RowCells>>(() =>
    Object.fromEntries(rows.map((r) => [r.studentId, cellsOf(r, scheme)])),
  );
  const [serverErrors, setServerErrors] = useState<Record<number, RowState['errors']>>({});
  const dirty = useRef(new Set<number>());
  const sent = useRef(new Map<number, string>());
  const [schemeSaving, setSchemeSaving] = useState(false);
  // The first saved grade locks the scheme: the save's answer says so without reloading the grid.
  const [lockedBySave, setLockedBySave] = useState(false);
  const schemeLocked = sheet.schemeLocked || lockedBySave;
  const [submitting, setSubmitting] = useState(false);

  // A reload (409, scheme saved, submitted) replaces what is on screen with the server's sheet.
  const loadedFrom = useRef(view);
  useEffect(() => {
    if (loadedFrom.current === view) return;
    loadedFrom.current = view;
    setCells(Object.fromEntries(view.rows.map((r) => [r.studentId, cellsOf(r, view.sheet.scheme)])));
    dirty.current.clear();
    setServerErrors({});
  }, [view]);

  const states = useMemo(() => {
    const out: Record<number, RowState> = {};
    for (const r of rows) {
      const s = evaluateRow(cells[r.studentId] ?? {}, r, scheme);
      out[r.studentId] = { ...s, errors: { ...serverErrors[r.studentId], ...s.errors } };
    }
    return out;
  }, [rows, cells, scheme, serverErrors]);
  const summary = useMemo(() => summarize(rows.map((r) => states[r.studentId])), [rows, states]);

  const collect = useCallback(() => {
    const changed = [...dirty.current]
      .filter((id) => !serverErrors[id] || Object.keys(serverErrors[id]).length === 0)
      .map((studentId) => ({
        studentId,
        cells: cells[studentId] ?? {},
        state: evaluateRow(
          cells[studentId] ?? {},
          rows.find((r) => r.studentId === studentId)!,
          scheme,
        ),
      }));
    const body = saveRows(changed, scheme);
    sent.current = new Map(body.map((r) => [r.studentId, JSON.stringify(cells[r.studentId] ?? {})]));
    return body;
  }, [cells, rows, scheme, serverErrors]);

  const onSaved = useCallback((saved: GradeSheetView, ids: number[]) => {
    if (saved.sheet.schemeLocked) setLockedBySave(true);
    setCells((now) => {
      for (const id of ids) if (JSON.stringify(now[id] ?? {}) === sent.current.get(id)) dirty.current.delete(id);
      return now;
    });
  }, []);
  /** Cells the server refused: shown where they are; their rows wait until edited, the others go again. */
  const onCellErrors = useCallback(
    (errors: GradeCellError[]) => {
      const hasEntry = editableColumns(scheme).includes('entry');
      setServerErrors((prev) => {
        const next = { ...prev };
        for (const e of errors) {
          const column = (e.column === 'entry' && !hasEntry ? 'mark' : e.column) as GridColumn;
          next[e.studentId] = { ...next[e.studentId], [column]: e.issue };
        }
        return next;
      });
    },
    [scheme],
  );

  const autosave = useAutosave({
    teachingClassId: sheet.teachingClassId,
    kind,
    initialVersion: sheet.version,
    collect,
    onSaved,
    onCellErrors,
    onConflict: () => {
      void message.warning(t('grades.sheet.conflict'));
      void reload();
    },
  });

  const onChange = (changes: { studentId: number; column: GridColumn; value: string }[]) => {
    if (!editable || changes.length === 0) return;
    setCells((prev) => {
      const next = { ...prev };
      for (const c of changes) {
        next[c.studentId] = { ...next[c.studentId], [c.column]: c.value };
        dirty.current.add(c.studentId);
      }
      return next;
    });
    setServerErrors((prev) => {
      const next = { ...prev };
      for (const c of changes) if (next[c.studentId]) delete next[c.studentId][c.column];
      return next;
    });
    autosave.schedule();
  };

  const saveScheme = async (next: GradingScheme) => {
    setSchemeSaving(true);
    try {
      await gradesApi.save(sheet.teachingClassId, { version: autosave.version.current ?? sheet.version, kind, scheme: next, rows: [] });
      void message.success(t('grades.scheme.saved'));
      await reload();
    } catch (e) {
      void message.error(errorReason(e));
      if (e instanceof ApiError && e.status === 409) await reload();
    } finally {
      setSchemeSaving(false);
    }
  };

  const submit = async () => {
    await autosave.flush();
    const warnings = summary.warnings;
    modal.confirm({
      title: t('grades.sheet.submitTitle'),
      okText: t('grades.sheet.submit'),
      width: 520,
      content: warnings.length ? (
        <div data-testid="submit-warnings">
          <p>{t('grades.sheet.submitWarnings')}</p>
          <ul>
            {warnings.map((w) => (
              <li key={w.code}>{issueText(w)}</li>
            ))}
          </ul>
        </div>
      ) : (
        t('grades.sheet.submitNoWarnings')
      ),
      okButtonProps: { 'data-testid': 'submit-confirm' } as ButtonProps,
      onOk: async () => {
        setSubmitting(true);
        try {
          await gradesApi.submit(sheet.teachingClassId, {
            version: autosave.version.current ?? sheet.version,
            kind,
            acknowledgeWarnings: true,
          });
          void message.success(t('grades.sheet.submitted'));
          await qc.invalidateQueries({ queryKey: ['grade-sheets'] });
          await reload();
        } catch (e) {
          void message.error(errorReason(e));
          if (e instanceof ApiError && e.status === 409) await reload();
        } finally {
          setSubmitting(false);
        }
      },
    });
  };

  const cellErrorCount = summary.errorCount;
  const courseName = locale === 'en' && sheet.courseNameEn ? sheet.courseNameEn : sheet.courseName;
  return (
    <Card
      title={
        <Space wrap>
          <span data-testid="sheet-title">
            {t('grades.sheet.title')} · {sheet.courseCode} {courseName} · {sheet.classCode}
          </span>
          <Tag color={SHEET_STATUS_COLOR[sheet.status]} data-testid="sheet-status">
            {t(`grades.status.${sheet.status}`)}
          </Tag>
          {kind === 'makeup' && <Tag color="orange">{t('grades.kind.makeup')}</Tag>}
        </Space>
      }
      extra={<Link to={can('grades.enter') ? '/grades/entry' : '/grades/review'}>{t('grades.sheet.back')}</Link>}
      data-testid="grade-sheet"
    >
      {sheet.returnComment && sheet.status === 'draft' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('grades.sheet.returned', { comment: sheet.returnComment })}
          data-testid="return-comment"
        />
      )}
      {!editable && sheet.status !== 'draft' && (
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, sm: 2, md: 3 }}
          style={{ marginBottom: 12 }}
          items={[
            { label: t('grades.list.statusCol'), children: t(`grades.status.${sheet.status}`) },
            { label: t('grades.list.submittedAt'), children: sheet.submittedAt ? formatDateTime(sheet.submittedAt) : '—' },
            {
              label: t('grades.list.publishAt'),
              children: sheet.publishedAt ? formatDateTime(sheet.publishedAt) : sheet.publishAt ? formatDateTime(sheet.publishAt) : '—',
            },
          ]}
        />
      )}
      {editable && !schemeLocked && <SchemeEditor key={sheet.version} scheme={scheme} onSave={saveScheme} saving={schemeSaving} />}
      {editable && schemeLocked && (
        <Typography.Paragraph type="secondary">
          {GRADE_WORDS.scale[scheme.scale][locale]}
          {scheme.components.length > 0 &&
            ` · ${scheme.components.map((c) => `${GRADE_WORDS.component[c.component][locale]} ${c.weight}%`).join(' + ')}`}
          {' · '}
          {t('grades.scheme.locked')}
        </Typography.Paragraph>
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          {editable ? (
            <Space direction="vertical" style={{ width: '100%', marginBottom: 8 }}>
              <Typography.Text type="secondary">{t('grades.sheet.keyboardHelp')}</Typography.Text>
              <Space wrap>
                <SaveIndicator status={autosave.status} error={autosave.error} onRetry={() => void autosave.flush()} />
                <Button
                  type="primary"
                  loading={submitting}
                  disabled={!sheet.canSubmit && sheet.status !== 'draft'}
                  onClick={() => void submit()}
                  data-testid="sheet-submit"
                >
                  {t('grades.sheet.submit')}
                </Button>
                <SheetImport
                  teachingClassId={sheet.teachingClassId}
                  kind={kind}
                  classCode={sheet.classCode}
                  version={() => autosave.version.current ?? sheet.version}
                  beforeImport={() => autosave.flush()}
                  onImported={reload}
                />
              </Space>
              {cellErrorCount > 0 && (
                <Alert type="error" showIcon message={t('grades.sheet.cellErrors', { count: cellErrorCount })} data-testid="cell-errors" />
              )}
            </Space>
          ) : (
            sheet.status !== 'draft' && (
              <Alert type="info" showIcon style={{ marginBottom: 8 }} message={t('grades.sheet.readOnly')} data-testid="sheet-readonly" />
            )
          )}
          <GradeGrid
            rows={rows}
            scheme={scheme}
            cells={cells}
            states={states}
            editable={editable}
            onChange={onChange}
            rowAction={
              sheet.status === 'published' && can('grades.enter')
                ? {
                    title: t('ghist.correctionColumn'),
                    render: (row) =>
                      row.recordId !== null && (
                        <Link to={`/grades/corrections?recordId=${row.recordId}`} data-testid={`correction-link-${row.studentCode}`}>
                          {t('ghist.askCorrection')}
                        </Link>
                      ),
                  }
                : undefined
            }
          />
        </Col>
        <Col xs={24} xl={8}>
          <DistributionCard summary={summary} />
          {sheet.workflowInstanceId !== null && <SheetWorkflow instanceId={sheet.workflowInstanceId} />}
        </Col>
      </Row>
    </Card>
  );
}

/** 审批进度: the review and publication steps, with the reviewer's comments. */
function SheetWorkflow({ instanceId }: { instanceId: number }) {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: ['instance', instanceId], queryFn: () => workflow.instance(instanceId) });
  return (
    <Card size="small" title={t('grades.sheet.workflow')} style={{ marginTop: 16 }} data-testid="sheet-workflow">
      <QueryView query={query} rows={2}>
        {(inst) => <WorkflowHistory instance={inst} />}
      </QueryView>
    </Card>
  );
}

/** 已保存 / 保存中 / 保存失败 + retry, as the autosave stands. */
function SaveIndicator({ status, error, onRetry }: { status: SaveStatus; error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  const reason = useErrorReason();
  if (status === 'saving' || status === 'dirty')
    return (
      <Typography.Text type="secondary" data-testid="save-status" data-state={status}>
        <LoadingOutlined /> {status === 'saving' ? t('grades.sheet.saving') : t('grades.sheet.unsaved')}
      </Typography.Text>
    );
  if (status === 'failed')
    return (
      <Space data-testid="save-status" data-state="failed">
        <Typography.Text type="danger">
          <CloseCircleOutlined /> {t('grades.sheet.saveFailed')}：{reason(error)}
        </Typography.Text>
        <Button size="small" icon={<ReloadOutlined />} onClick={onRetry} data-testid="save-retry">
          {t('grades.sheet.retry')}
        </Button>
      </Space>
    );
  return (
    <Typography.Text type="success" data-testid="save-status" data-state="saved">
      <CheckCircleOutlined /> {t('grades.sheet.saved')}
    </Typography.Text>
  );
}
