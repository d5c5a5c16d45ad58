import { useRef, type ClipboardEvent, type KeyboardEvent, type ReactNode } from 'react';
import { Tag, Tooltip, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { GRADE_WORDS, type GradeSheetRow, type GradingScheme } from '@jiaowu/contracts';
import { editableColumns, parseClipboard, pasteTargets, type GridColumn, type RowCells, type RowState } from './grid-logic.ts';
import { useEntryText, useGradeLocale, useIssueText } from './issue-text.ts';

interface Props {
  rows: GradeSheetRow[];
  scheme: GradingScheme;
  cells: Record<number, RowCells>;
  states: Record<number, RowState>;
  editable: boolean;
  /** Several cells at once (a paste) arrive as one change. */
  onChange: (changes: { studentId: number; column: GridColumn; value: string }[]) => void;
  /** An extra last column (a published sheet's 申请更正 links): its header and each row's cell. */
  rowAction?: { title: string; render: (row: GradeSheetRow) => ReactNode };
}

const cellStyle: React.CSSProperties = { border: '1px solid #f0f0f0', padding: '2px 6px', whiteSpace: 'nowrap' };

/**
 * The roster grid: one input per editable cell, moved through like a spreadsheet (Enter down,
 * Shift+Enter up, arrows), a block pasted from Excel/WPS filling down and across from the focused
 * cell. Rows with a mark from the exams module are locked. Errors are shown in words under the cell.
 */
export function GradeGrid({ rows, scheme, cells, states, editable, onChange, rowAction }: Props) {
  const { t } = useTranslation();
  const locale = useGradeLocale();
  const issueText = useIssueText();
  const entryText = useEntryText();
  const columns = editableColumns(scheme);
  const inputs = useRef(new Map<string, HTMLInputElement>());
  const locked = (r: number) => !editable || rows[r]?.fixedMark != null;

  const focus = (r: number, c: number) => {
    const el = inputs.current.get(`${r}:${c}`);
    if (el) {
      el.focus();
      el.select();
    }
  };
  /** The next row in a direction that can be typed in (locked rows are skipped). */
  const nextRow = (r: number, step: number) => {
    for (let i = r + step; i >= 0 && i < rows.length; i += step) if (!locked(i)) return i;
    return r;
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>, r: number, c: number) => {
    const el = e.currentTarget;
    if (e.key === 'Enter' || e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      focus(nextRow(r, e.key === 'ArrowUp' || (e.key === 'Enter' && e.shiftKey) ? -1 : 1), c);
    } else if (e.key === 'ArrowLeft' && el.selectionStart === 0 && el.selectionEnd === 0 && c > 0) {
      e.preventDefault();
      focus(r, c - 1);
    } else if (e.key === 'ArrowRight' && el.selectionStart === el.value.length && c < columns.length - 1) {
      e.preventDefault();
      focus(r, c + 1);
    }
  };

  const onPaste = (e: ClipboardEvent<HTMLInputElement>, r: number, c: number) => {
    const text = e.clipboardData.getData('text/plain');
    // One value without tabs or newlines is an ordinary paste into the cell.
    if (!/[\t\n]/.test(text.replace(/\r?\n$/, ''))) return;
    e.preventDefault();
    const targets = pasteTargets(parseClipboard(text), { row: r, col: c }, { rows: rows.length, cols: columns.length }, locked);
    onChange(targets.map((x) => ({ studentId: rows[x.row].studentId, column: columns[x.col], value: x.value })));
  };

  const header = (col: GridColumn) => {
    if (col === 'mark') return t('grades.sheet.mark');
    if (col === 'entry') return t('grades.sheet.grade');
    const weight = scheme.components.find((x) => x.component === col)?.weight;
    return `${GRADE_WORDS.component[col][locale]} ${weight ?? ''}%`;
  };

  return (
    <div style={{ overflowX: 'auto' }}>
      <table style={{ borderCollapse: 'collapse', width: '100%', fontSize: 13 }} data-testid="grade-grid">
        <thead>
          <tr style={{ background: '#fafafa' }}>
            <th style={cellStyle}>#</th>
            <th style={cellStyle}>{t('grades.sheet.code')}</th>
            <th style={cellStyle}>{t('grades.sheet.name')}</th>
            <th style={cellStyle}>{t('grades.sheet.adminClass')}</th>
            {columns.map((col) => (
              <th key={col} style={{ ...cellStyle, minWidth: col === 'mark' ? 90 : 80 }}>
                {header(col)}
              </th>
            ))}
            <th style={cellStyle}>{t('grades.sheet.total')}</th>
            {rowAction && <th style={cellStyle}>{rowAction.title}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => {
            const state = states[row.studentId];
            const rowCells = cells[row.studentId] ?? {};
            const isLocked = locked(r);
            return (
              <tr key={row.studentId} data-testid={`grade-row-${row.studentCode}`}>
                <td style={{ ...cellStyle, color: '#999' }}>{r + 1}</td>
                <td style={cellStyle}>{row.studentCode}</td>
                <td style={cellStyle}>
                  {row.studentName}
                  {row.isRetake && (
                    <Tag color="orange" style={{ marginLeft: 4 }}>
                      {t('grades.sheet.retake')}
                    </Tag>
                  )}
                </td>
                <td style={cellStyle}>{row.adminClassName ?? '—'}</td>
                {columns.map((col, c) => {
                  const error = state?.errors[col];
                  const input = (
                    <input
                      ref={(el) => {
                        if (el) inputs.current.set(`${r}:${c}`, el);
                        else inputs.current.delete(`${r}:${c}`);
                      }}
                      value={rowCells[col] ?? ''}
                      readOnly={isLocked}
                      disabled={row.fixedMark != null}
                      aria-label={`${row.studentName} ${header(col)}`}
                      aria-invalid={!!error}
                      data-testid={`cell-${row.studentCode}-${col}`}
                      onChange={(e) => onChange([{ studentId: row.studentId, column: col, value: e.target.value }])}
                      onKeyDown={(e) => onKeyDown(e, r, c)}
                      onPaste={(e) => onPaste(e, r, c)}
                      onFocus={(e) => e.currentTarget.select()}
                      style={{
                        width: '100%',
                        minWidth: 60,
                        border: `1px solid ${error ? '#ff4d4f' : '#d9d9d9'}`,
                        borderRadius: 4,
                        padding: '2px 4px',
                        background: isLocked ? '#f5f5f5' : error ? '#fff2f0' : '#fff',
                      }}
                    />
                  );
                  return (
                    <td key={col} style={cellStyle}>
                      {row.fixedMark && col === columns[0] ? (
                        <Tooltip title={t('grades.sheet.locked', { mark: GRADE_WORDS.mark[row.fixedMark][locale] })}>
                          <span data-testid={`locked-${row.studentCode}`}>
                            <LockOutlined /> {GRADE_WORDS.mark[row.fixedMark][locale]}
                          </span>
                        </Tooltip>
                      ) : row.fixedMark ? null : (
                        input
                      )}
                      {error && (
                        <Typography.Text
                          type="danger"
                          style={{ display: 'block', fontSize: 12, whiteSpace: 'normal', maxWidth: 220 }}
                          data-testid="cell-error"
                        >
                          {issueText(error)}
                        </Typography.Text>
                      )}
                    </td>
                  );
                })}
                <td style={{ ...cellStyle, fontWeight: 600 }} data-testid={`total-${row.studentCode}`}>
                  {state?.total ? (
                    entryText(state.total)
                  ) : state?.note ? (
                    <Tooltip title={issueText(state.note)}>
                      <Typography.Text type="secondary">—</Typography.Text>
                    </Tooltip>
                  ) : (
                    ''
                  )}
                </td>
                {rowAction && <td style={cellStyle}>{rowAction.render(row)}</td>}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
