import { Button, Select, Space } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TermWeek } from '@jiaowu/contracts';

/** `undefined` = the whole term. */
export type WeekChoice = number | undefined;

const short = (date: string) => date.slice(5);

/** 周次: this week / week N (with its dates) / the whole term, with previous/next buttons. */
export function WeekSelect({
  weeks,
  currentWeek,
  value,
  onChange,
}: {
  weeks: TermWeek[];
  currentWeek: number | null;
  value: WeekChoice;
  onChange: (w: WeekChoice) => void;
}) {
  const { t } = useTranslation();
  const options = [
    { value: 0, label: t('ttview.week.whole') },
    ...weeks.map((w) => ({
      value: w.week,
      label:
        w.week === currentWeek
          ? `${t('ttview.week.thisWeek', { week: w.week })} ${short(w.startDate)} ~ ${short(w.endDate)}`
          : t('ttview.week.nDates', { week: w.week, from: short(w.startDate), to: short(w.endDate) }),
    })),
  ];
  const step = (d: number) => {
    const next = (value ?? currentWeek ?? 1) + d;
    if (next >= 1 && next <= weeks.length) onChange(next);
  };
  return (
    <Space.Compact>
      <Button
        icon={<LeftOutlined />}
        aria-label={t('ttview.week.prev')}
        disabled={value === undefined || value <= 1}
        onClick={() => step(-1)}
      />
      <Select
        style={{ minWidth: 210 }}
        virtual={false}
        value={value ?? 0}
        options={options}
        onChange={(v: number) => onChange(v === 0 ? undefined : v)}
        aria-label={t('ttview.week.label')}
        data-testid="week-select"
      />
      <Button
        icon={<RightOutlined />}
        aria-label={t('ttview.week.next')}
        disabled={value === undefined || value >= weeks.length}
        onClick={() => step(1)}
      />
    </Space.Compact>
  );
}
