import {
  describeScores,
  computeTotal,
  evaluateEntry,
  formatTenths,
  parseGradeInput,
  submissionWarnings,
  type Distribution,
  type Issue,
} from '@jiaowu/contracts/grades-core';
import {
  GRADE_WORDS,
  type GradeComponent,
  type GradeEntry,
  type GradeIssue,
  type GradeSheetRow,
  type GradeSheetSave,
  type GradingScheme,
} from '@jiaowu/contracts';

/**
 * The grade grid's arithmetic, outside React: which columns a scheme has, what a row's cells
 * mean once parsed (with the grade core, as the server parses them), the live 总评, warnings and
 * distribution, and how a pasted block of spreadsheet cells lands on the grid.
 */

/** `entry` is the one grade column (levels, or a score without components); `mark` the 缺考/作弊… column. */
export type GridColumn = GradeComponent | 'entry' | 'mark';

/** What the teacher has typed in one row, cell by cell (strings as typed). */
export type RowCells = Partial<Record<GridColumn, string>>;

/** The columns a teacher types in, left to right. */
export function editableColumns(scheme: GradingScheme): GridColumn[] {
  const components = scheme.scale === 'percent' ? scheme.components.map((c) => c.component) : [];
  return components.length ? [...components, 'mark'] : ['entry', 'mark'];
}

/** An entry as the grid writes it back into a cell (in the reader's language for levels and marks). */
export function entryText(entry: GradeEntry | null, locale: 'zh-CN' | 'en' = 'zh-CN'): string {
  if (!entry) return '';
  switch (entry.kind) {
    case 'score':
      return formatTenths(entry.tenths);
    case 'five_level':
      return GRADE_WORDS.fiveLevel[entry.level][locale];
    case 'two_level':
      return GRADE_WORDS.twoLevel[entry.level][locale];
    case 'mark':
      return GRADE_WORDS.mark[entry.mark][locale];
  }
}

/** The cells of a row as the server last stored it. */
export function cellsOf(row: GradeSheetRow, scheme: GradingScheme): RowCells {
  const cells: RowCells = {};
  const isMark = row.entry?.kind === 'mark';
  if (isMark) cells.mark = entryText(row.entry);
  for (const col of editableColumns(scheme)) {
    if (col === 'mark') continue;
    if (col === 'entry') cells.entry = isMark ? '' : entryText(row.entry);
    else {
      const v = row.components[col];
      cells[col] = v === null || v === undefined ? '' : formatTenths(v);
    }
  }
  return cells;
}

export interface RowState {
  /** The grade the row stands at: the fixed mark, a typed mark, the live total, or null. */
  total: GradeEntry | null;
  /** Cells that cannot be read, with the reason. */
  errors: Partial<Record<GridColumn, GradeIssue>>;
  /** Why there is no total yet (a component missing). */
  note: Issue | null;
}

/** One row's meaning, computed exactly as the server does. */
export function evaluateRow(cells: RowCells, row: Pick<GradeSheetRow, 'fixedMark'>, scheme: GradingScheme): RowState {
  const errors: RowState['errors'] = {};
  if (row.fixedMark) return { total: { kind: 'mark', mark: row.fixedMark }, errors, note: null };
  let mark: GradeEntry | null = null;
  const markText = cells.mark ?? '';
  if (markText.trim()) {
    const p = parseGradeInput(markText, scheme.scale);
    if (!p.ok) errors.mark = p.issue;
    else if (p.entry?.kind !== 'mark') errors.mark = { code: 'grade_unrecognized', params: { input: markText.trim() } };
    else mark = p.entry;
  }
  const columns = editableColumns(scheme);
  let total: GradeEntry | null = null;
  let note: Issue | null = null;
  if (columns.includes('entry')) {
    const p = parseGradeInput(cells.entry ?? '', scheme.scale);
    if (!p.ok) errors.entry = p.issue;
    else total = p.entry;
  } else {
    const scores: Partial<Record<GradeComponent, number | null>> = {};
    let anyTyped = false;
    for (const { component } of scheme.components) {
      const raw = cells[component] ?? '';
      if (raw.trim()) anyTyped = true;
      const p = parseGradeInput(raw, 'percent');
      if (!p.ok) errors[component] = p.issue;
      else if (p.entry && p.entry.kind !== 'score')
        errors[component] = { code: 'grade_component_not_score', params: { input: raw.trim() } };
      else scores[component] = p.entry?.tenths ?? null;
    }
    if (anyTyped && !Object.keys(errors).some((k) => k !== 'mark')) {
      const r = computeTotal(scheme.components, scores, {
        rounding: scheme.rounding,
        missingComponentAsZero: scheme.missingComponentAsZero,
      });
      if (r.ok) total = { kind: 'score', tenths: r.tenths };
      else note = r.warning;
    }
  }
  return { total: mark ?? total, errors, note };
}

/** The scores a distribution counts: 百分制 scores and 五级制 levels as their totals (marks with a 0 too). */
export function scoreOf(entry: GradeEntry | null): number | null {
  if (!entry || entry.kind === 'two_level') return null;
  return evaluateEntry(entry).scoreTenths;
}

export interface SheetSummary {
  distribution: Distribution;
  warnings: Issue[];
  missing: number;
  errorCount: number;
}

export function summarize(states: readonly RowState[]): SheetSummary {
  const totals = states.map((s) => s.total);
  const scores = totals.flatMap((e) => {
    const s = scoreOf(e);
    return s === null ? [] : [s];
  });
  return {
    distribution: describeScores(scores),
    warnings: submissionWarnings(totals),
    missing: totals.filter((t) => t === null).length,
    errorCount: states.filter((s) => Object.keys(s.errors).length > 0).length,
  };
}

/** A block copied from Excel or WPS: rows by newline, cells by tab; the trailing newline Excel adds goes. */
export function parseClipboard(text: string): string[][] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => l.split('\t'));
}

/**
 * Where each pasted cell goes, starting at the focused cell: down the rows, across the editable
 * columns; cells beyond the grid and locked rows (a fixed mark) are skipped.
 */
export function pasteTargets(
  block: string[][],
  start: { row: number; col: number },
  size: { rows: number; cols: number },
  isLocked: (row: number) => boolean,
): { row: number; col: number; value: string }[] {
  const out: { row: number; col: number; value: string }[] = [];
  block.forEach((line, i) => {
    const row = start.row + i;
    if (row >= size.rows || isLocked(row)) return;
    line.forEach((value, j) => {
      const col = start.col + j;
      if (col < size.cols) out.push({ row, col, value: value.trim() });
    });
  });
  return out;
}

/** A save body for the rows that changed and read cleanly (a cell in error stays on screen until fixed). */
export function saveRows(
  changed: readonly { studentId: number; cells: RowCells; state: RowState }[],
  scheme: GradingScheme,
): GradeSheetSave['rows'] {
  const columns = editableColumns(scheme);
  return changed
    .filter((r) => Object.keys(r.state.errors).length === 0)
    .map(({ studentId, cells }) => {
      const mark = cells.mark?.trim() || null;
      if (columns.includes('entry')) return { studentId, entry: mark ?? (cells.entry?.trim() || null) };
      const components: Partial<Record<GradeComponent, string | null>> = {};
      for (const { component } of scheme.components) components[component] = cells[component]?.trim() || null;
      return { studentId, entry: mark, components };
    });
}
