import type { CSSProperties, ReactElement, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Anything placed on the grid: a day (1 = Monday), a first period (1-based) and a length in periods. */
export interface WeekGridItem {
  key: string;
  day: number;
  startPeriod: number;
  length: number;
}

export interface WeekGridPeriod {
  period: number;
  startsAt?: string;
  endsAt?: string;
}

export interface WeekGridProps<T extends WeekGridItem> {
  /** Days shown, 1..days (5: Monday to Friday). */
  days: number;
  periods: readonly WeekGridPeriod[];
  items: readonly T[];
  renderItem: (item: T) => ReactNode;
  /** A date under each weekday (week view), index day − 1. */
  dates?: readonly string[];
  /** The day to highlight (today in the school's zone). */
  highlightDay?: number | null;
  /** Background of an empty cell (free / conflict / preference while dragging…). */
  cellStyle?: (day: number, period: number) => CSSProperties | undefined;
  /** Tooltip (title) of a cell: why it is coloured. */
  cellTitle?: (day: number, period: number) => string | undefined;
  /** Wraps a cell, e.g. to make it a drop target; must render the given element. */
  wrapCell?: (day: number, period: number, cell: ReactElement) => ReactNode;
  onCellClick?: (day: number, period: number) => void;
  /** Height of one period row in pixels (default 46). */
  rowHeight?: number;
  /** Breaks drawn after these periods (lunch after 4, dinner after 8). */
  breaksAfter?: readonly number[];
  'data-testid'?: string;
}

const BORDER = '1px solid var(--ant-color-border-secondary, #f0f0f0)';

/**
 * Items of one day that overlap in periods, laid out side by side (odd and even week lectures
 * in one slot, or a clash a report points at): each cluster spans its rows, each lane is a column.
 */
function clusters<T extends WeekGridItem>(items: readonly T[]) {
  const sorted = [...items].sort((a, b) => a.startPeriod - b.startPeriod || b.length - a.length);
  const out: { from: number; to: number; lanes: T[][] }[] = [];
  for (const it of sorted) {
    const end = it.startPeriod + it.length - 1;
    const last = out[out.length - 1];
    if (last && it.startPeriod <= last.to) {
      last.to = Math.max(last.to, end);
      const lane = last.lanes.find((l) => l[l.length - 1].startPeriod + l[l.length - 1].length - 1 < it.startPeriod);
      if (lane) lane.push(it);
      else last.lanes.push([it]);
    } else out.push({ from: it.startPeriod, to: end, lanes: [[it]] });
  }
  return out;
}

/**
 * The week grid of a timetable (课表): weekdays as columns, periods as rows with their clock
 * times, items spanning their periods. Presentational only: the pages decide what an item shows
 * and what a cell means (drop target, free/conflict colour), so viewing, editing and change
 * requests draw the same grid.
 */
export function WeekGrid<T extends WeekGridItem>(props: WeekGridProps<T>) {
  const { t } = useTranslation();
  const { days, periods, items, rowHeight = 46 } = props;
  const dayList = Array.from({ length: days }, (_, i) => i + 1);
  const rowOf = (period: number) => periods.findIndex((p) => p.period === period) + 2; // row 1: header
  const breaks = new Set(props.breaksAfter ?? []);
  const template = periods.map((p) => (breaks.has(p.period) ? `${rowHeight}px 6px` : `${rowHeight}px`));
  // With breaks, rows shift: map each period to its grid line.
  const lineOf = new Map<number, number>();
  let line = 2;
  for (const p of periods) {
    lineOf.set(p.period, line);
    line += breaks.has(p.period) ? 2 : 1;
  }
  const rowStart = (period: number) => lineOf.get(period) ?? rowOf(period);
  const rowEnd = (period: number) => rowStart(period) + 1;

  return (
    <div style={{ overflowX: 'auto' }} data-testid={props['data-testid'] ?? 'week-grid'}>
      <div
        role="table"
        aria-label={t('ttgrid.caption', { days, periods: periods.length })}
        style={{
          display: 'grid',
          gridTemplateColumns: `64px repeat(${days}, minmax(120px, 1fr))`,
          gridTemplateRows: `auto ${template.join(' ')}`,
          border: BORDER,
          minWidth: 64 + days * 120,
          position: 'relative',
        }}
      >
        <div style={{ gridRow: 1, gridColumn: 1, borderBottom: BORDER }} />
        {dayList.map((d) => (
          <div
            key={`h${d}`}
            role="columnheader"
            style={{
              gridRow: 1,
              gridColumn: d + 1,
              textAlign: 'center',
              padding: '6px 4px',
              fontWeight: 600,
              borderBottom: BORDER,
              borderLeft: BORDER,
              background: props.highlightDay === d ? 'var(--ant-color-primary-bg, #e6f4ff)' : undefined,
            }}
          >
            {t(`ttgrid.weekday.${d}`)}
            {props.dates?.[d - 1] && <div style={{ fontWeight: 400, fontSize: 12, opacity: 0.7 }}>{props.dates[d - 1]}</div>}
          </div>
        ))}
        {periods.map((p) => (
          <div
            key={`p${p.period}`}
            role="rowheader"
            style={{ gridRow: rowStart(p.period), gridColumn: 1, fontSize: 12, padding: '2px 4px', borderTop: BORDER, lineHeight: 1.2 }}
          >
            <div style={{ fontWeight: 600 }}>{t('ttgrid.period', { n: p.period })}</div>
            {p.startsAt && (
              <div style={{ opacity: 0.65 }}>
                {p.startsAt}–{p.endsAt}
              </div>
            )}
          </div>
        ))}
        {dayList.flatMap((d) =>
          periods.map((p) => {
            const cell = (
              <div
                key={`c${d}-${p.period}`}
                data-day={d}
                data-period={p.period}
                title={props.cellTitle?.(d, p.period)}
                onClick={props.onCellClick ? () => props.onCellClick?.(d, p.period) : undefined}
                style={{
                  gridRow: `${rowStart(p.period)} / ${rowEnd(p.period)}`,
                  gridColumn: d + 1,
                  borderTop: BORDER,
                  borderLeft: BORDER,
                  cursor: props.onCellClick ? 'pointer' : undefined,
                  ...props.cellStyle?.(d, p.period),
                }}
              />
            );
            const wrapped = props.wrapCell?.(d, p.period, cell);
            return wrapped === undefined ? cell : <WrappedCell key={`w${d}-${p.period}`}>{wrapped}</WrappedCell>;
          }),
        )}
        {dayList.flatMap((d) =>
          clusters(items.filter((it) => it.day === d && lineOf.has(it.startPeriod))).map((c) => (
            <div
              key={`k${d}-${c.from}`}
              style={{
                gridRow: `${rowStart(c.from)} / ${rowEnd(c.to)}`,
                gridColumn: d + 1,
                display: 'flex',
                gap: 2,
                padding: 2,
                pointerEvents: 'none',
                zIndex: 1,
              }}
            >
              {c.lanes.map((lane, i) => (
                <div key={i} style={{ flex: 1, minWidth: 0, position: 'relative' }}>
                  {lane.map((it) => {
                    const span = (x: number) => rowStart(x) - rowStart(c.from);
                    const top = span(it.startPeriod);
                    const bottom = rowEnd(it.startPeriod + it.length - 1) - rowStart(c.from);
                    const total = rowEnd(c.to) - rowStart(c.from);
                    return (
                      <div
                        key={it.key}
                        style={{
                          position: 'absolute',
                          left: 0,
                          right: 0,
                          top: `${(top / total) * 100}%`,
                          height: `calc(${((bottom - top) / total) * 100}% - 2px)`,
                          pointerEvents: 'auto',
                          overflow: 'hidden',
                        }}
                      >
                        {props.renderItem(it)}
                      </div>
                    );
                  })}
                </div>
              ))}
            </div>
          )),
        )}
      </div>
    </div>
  );
}

/** `display: contents` keeps a wrapper (a drop target) out of the grid's layout. */
function WrappedCell({ children }: { children: ReactNode }) {
  return <div style={{ display: 'contents' }}>{children}</div>;
}
