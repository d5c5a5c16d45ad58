import { useTranslation } from 'react-i18next';
import type { TeacherBlockKind } from '@jiaowu/contracts';

/** A click moves a cell to the next state: 可排 → 尽量不排 → 不可排 → 希望排 → 可排. */
const NEXT: Record<TeacherBlockKind | 'free', TeacherBlockKind | 'free'> = {
  free: 'avoid',
  avoid: 'never',
  never: 'prefer',
  prefer: 'free',
};
export const KIND_COLORS: Record<TeacherBlockKind, string> = { avoid: '#ffe7ba', never: '#ffa39e', prefer: '#b7eb8f' };

/** Day × period grid of a teacher's preferences; cells keyed "day:period". */
export function AvailabilityGrid({
  days,
  periods,
  cells,
  onChange,
  disabled,
}: {
  days: number;
  periods: number;
  cells: ReadonlyMap<string, TeacherBlockKind>;
  onChange: (next: Map<string, TeacherBlockKind>) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const cycle = (key: string) => {
    if (disabled) return;
    const next = new Map(cells);
    const to = NEXT[cells.get(key) ?? 'free'];
    if (to === 'free') next.delete(key);
    else next.set(key, to);
    onChange(next);
  };
  const cell = { minWidth: 64, height: 30, border: '1px solid #f0f0f0', textAlign: 'center' as const, fontSize: 12 };
  return (
    <div style={{ overflowX: 'auto' }}>
      <table style={{ borderCollapse: 'collapse' }} data-testid="availability-grid">
        <thead>
          <tr>
            <th style={cell} />
            {Array.from({ length: days }, (_, i) => (
              <th key={i} style={cell}>
                {t(`weekday.${i + 1}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: periods }, (_, pi) => (
            <tr key={pi}>
              <th style={cell}>{t('ttsettings.availability.period', { period: pi + 1 })}</th>
              {Array.from({ length: days }, (_, di) => {
                const key = `${di + 1}:${pi + 1}`;
                const kind = cells.get(key);
                return (
                  <td
                    key={di}
                    role="button"
                    aria-disabled={disabled}
                    data-testid={`avail-${di + 1}-${pi + 1}`}
                    data-kind={kind ?? 'free'}
                    style={{
                      ...cell,
                      cursor: disabled ? 'default' : 'pointer',
                      background: kind ? KIND_COLORS[kind] : undefined,
                      userSelect: 'none',
                    }}
                    tabIndex={disabled ? -1 : 0}
                    onClick={() => cycle(key)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter' || e.key === ' ') {
                        e.preventDefault();
                        cycle(key);
                      }
                    }}
                  >
                    {t(`ttsettings.availability.kinds.${kind ?? 'free'}`)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
