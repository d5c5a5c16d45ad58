import { Button, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

type Wish = { kind: 'prefer' | 'avoid'; day: number; fromPeriod: number; toPeriod: number };
const PERIODS = 12;
const COLORS = { prefer: '#b7eb8f', avoid: '#ffa39e' } as const;

function toCells(wishes: Wish[]): Map<string, Wish['kind']> {
  const cells = new Map<string, Wish['kind']>();
  for (const w of wishes) for (let p = w.fromPeriod; p <= w.toPeriod; p++) cells.set(`${w.day}-${p}`, w.kind);
  return cells;
}
function toWishes(cells: Map<string, Wish['kind']>): Wish[] {
  const out: Wish[] = [];
  for (let day = 1; day <= 7; day++) {
    let cur: Wish | null = null;
    for (let p = 1; p <= PERIODS + 1; p++) {
      const kind = cells.get(`${day}-${p}`);
      if (cur && kind === cur.kind) cur.toPeriod = p;
      else {
        if (cur) out.push(cur);
        cur = kind ? { kind, day, fromPeriod: p, toPeriod: p } : null;
      }
    }
  }
  return out;
}

/** Day × period grid; a click cycles a cell through prefer → avoid → none. */
export function TimeWishGrid({ value = [], onChange, disabled }: { value?: Wish[]; onChange?: (v: Wish[]) => void; disabled?: boolean }) {
  const { t } = useTranslation();
  const cells = toCells(value ?? []);
  const toggle = (day: number, p: number) => {
    if (disabled) return;
    const next = new Map(cells);
    const k = next.get(`${day}-${p}`);
    if (!k) next.set(`${day}-${p}`, 'prefer');
    else if (k === 'prefer') next.set(`${day}-${p}`, 'avoid');
    else next.delete(`${day}-${p}`);
    onChange?.(toWishes(next));
  };
  const cell = { width: 44, height: 22, border: '1px solid #f0f0f0', textAlign: 'center' as const, fontSize: 12 };
  return (
    <div data-testid="time-wishes">
      <table style={{ borderCollapse: 'collapse' }}>
        <thead>
          <tr>
            <th style={cell} />
            {[1, 2, 3, 4, 5, 6, 7].map((d) => (
              <th key={d} style={cell}>
                {t(`weekday.${d}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: PERIODS }, (_, i) => i + 1).map((p) => (
            <tr key={p}>
              <td style={cell}>{p}</td>
              {[1, 2, 3, 4, 5, 6, 7].map((d) => {
                const k = cells.get(`${d}-${p}`);
                return (
                  <td
                    key={d}
                    style={{ ...cell, cursor: disabled ? 'default' : 'pointer', background: k ? COLORS[k] : undefined }}
                    onClick={() => toggle(d, p)}
                  >
                    {k ? t(`requests.${k}`) : ''}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <Space style={{ marginTop: 4 }}>
        <Typography.Text type="secondary">
          <span style={{ background: COLORS.prefer, padding: '0 6px' }}>{t('requests.prefer')}</span>{' '}
          <span style={{ background: COLORS.avoid, padding: '0 6px' }}>{t('requests.avoid')}</span>
        </Typography.Text>
        {!disabled && (
          <Button size="small" onClick={() => onChange?.([])}>
            {t('requests.clear')}
          </Button>
        )}
      </Space>
    </div>
  );
}
