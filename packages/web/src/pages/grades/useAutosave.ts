import { useCallback, useEffect, useRef, useState } from 'react';
import type { GradeCellError, GradeSheetKind, GradeSheetSave, GradeSheetView } from '@jiaowu/contracts';
import { ApiError } from '../../api/client.ts';
import { gradesApi } from './api.ts';

export type SaveStatus = 'saved' | 'dirty' | 'saving' | 'failed';

/**
 * The draft's autosave: edits wait a moment (typing a column sends one request, not one per key),
 * then go out as one PUT carrying the version read; one request at a time, later edits queue
 * behind it. A 409 (the sheet moved elsewhere) hands back to the page to reload.
 */
export function useAutosave(opts: {
  teachingClassId: number;
  kind: GradeSheetKind;
  initialVersion: number | undefined;
  /** The rows to send now (changed rows that read cleanly), and which student ids they are. */
  collect: () => GradeSheetSave['rows'];
  onSaved: (view: GradeSheetView, sentIds: number[]) => void;
  /** The server refused cells (nothing was written): shown at the cells, those rows held back. */
  onCellErrors: (cells: GradeCellError[]) => void;
  onConflict: () => void;
  delayMs?: number;
}) {
  const [status, setStatus] = useState<SaveStatus>('saved');
  const [error, setError] = useState<unknown>(null);
  const version = useRef<number | undefined>(opts.initialVersion);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef<Promise<void> | null>(null);
  const again = useRef(false);
  const latest = useRef(opts);
  latest.current = opts;

  useEffect(() => {
    if (opts.initialVersion !== undefined) version.current = opts.initialVersion;
  }, [opts.initialVersion]);

  const run = useCallback(async (): Promise<void> => {
    if (inFlight.current) {
      again.current = true;
      return inFlight.current;
    }
    const o = latest.current;
    const rows = o.collect();
    if (rows.length === 0 || version.current === undefined) {
      setStatus('saved');
      return;
    }
    setStatus('saving');
    const p = (async () => {
      try {
        const res = await gradesApi.save(o.teachingClassId, { version: version.current!, kind: o.kind, rows });
        version.current = res.sheet.version;
        setError(null);
        o.onSaved(
          res,
          rows.map((r) => r.studentId),
        );
        setStatus('saved');
      } catch (e) {
        if (e instanceof ApiError && e.status === 409) {
          setStatus('saved');
          latest.current.onConflict();
        } else {
          const cells = e instanceof ApiError ? (e.details as { cells?: GradeCellError[] } | undefined)?.cells : undefined;
          if (cells?.length) latest.current.onCellErrors(cells);
          setError(e);
          setStatus('failed');
        }
      }
    })();
    inFlight.current = p;
    await p;
    inFlight.current = null;
    if (again.current) {
      again.current = false;
      await run();
    }
  }, []);

  const schedule = useCallback(() => {
    setStatus('dirty');
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void run(), latest.current.delayMs ?? 800);
  }, [run]);

  /** Save now (before submitting, or the retry button). */
  const flush = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    await run();
  }, [run]);

  // Leaving the page with a save still waiting: send it now rather than lose it.
  useEffect(
    () => () => {
      if (timer.current) {
        clearTimeout(timer.current);
        void run();
      }
    },
    [run],
  );

  return { status, error, schedule, flush, version };
}
