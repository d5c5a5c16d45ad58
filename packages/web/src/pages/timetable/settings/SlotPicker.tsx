import { useState } from 'react';
import { Button, Popover, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export interface SlotValue {
  day?: number;
  fromPeriod?: number;
  toPeriod?: number;
}

/**
 * A small day × period grid in a popover: the first click picks the day and first period,
 * the second (same day) the last period. The current slot is shaded.
 */
export function SlotPicker({
  days,
  periods,
  value,
  onPick,
  testId,
}: {
  days: number;
  periods: number;
  value: SlotValue;
  onPick: (v: Required<SlotValue>) => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [start, setStart] = useState<{ day: number; period: number } | null>(null);
  const click = (day: number, period: number) => {
    if (!start || start.day !== day) return setStart({ day, period });
    const [a, b] = start.period <= period ? [start.period, period] : [period, start.period];
    onPick({ day, fromPeriod: a, toPeriod: b });
    setStart(null);
    setOpen(false);
  };
  const shaded = (d: number, p: number) =>
    start ? start.day === d && start.period === p : value.day === d && p >= (value.fromPeriod ?? 99) && p <= (value.toPeriod ?? 0);
  const cell = { width: 34, height: 20, border: '1px solid #f0f0f0', textAlign: 'center' as const, fontSize: 11, cursor: 'pointer' };
  const grid = (
    <div data-testid={testId ? `${testId}-grid` : undefined}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('ttsettings.settings.blocked.pickHelp')}
      </Typography.Text>
      <table style={{ borderCollapse: 'collapse', marginTop: 4 }}>
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
              <td style={cell}>{pi + 1}</td>
              {Array.from({ length: days }, (_, di) => (
                <td
                  key={di}
                  data-testid={testId ? `${testId}-cell-${di + 1}-${pi + 1}` : undefined}
                  style={{ ...cell, background: shaded(di + 1, pi + 1) ? '#ffccc7' : undefined }}
                  onClick={() => click(di + 1, pi + 1)}
                />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  return (
    <Popover content={grid} trigger="click" open={open} onOpenChange={(o) => (setOpen(o), setStart(null))}>
      <Button size="small" data-testid={testId}>
        {t('ttsettings.settings.blocked.pick')}
      </Button>
    </Popover>
  );
}
