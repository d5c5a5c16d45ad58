import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { formatDateTimeSecondsIn } from '@jiaowu/contracts';
import { formatDateTimeSeconds, schoolTimeZone } from '../../../lib/time.ts';

const WALL = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const pad = (n: number) => String(Math.floor(n)).padStart(2, '0');

/** Milliseconds the zone's clock is ahead of UTC at `instant`. */
function offsetAt(instant: number, zone: string): number {
  const m = WALL.exec(formatDateTimeSecondsIn(new Date(instant), zone));
  if (!m) return 0;
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) - instant;
}

/**
 * The instant a wall-clock reading `YYYY-MM-DD HH:mm:ss` at the school stands for, written as the
 * API wants it: ISO 8601 with the school's offset ("2026-09-01T08:00:00+08:00"), whatever zone the
 * browser is in. Null for an unreadable value.
 */
export function schoolWallToInstant(wall: string, zone = schoolTimeZone()): string | null {
  const m = WALL.exec(wall);
  if (!m) return null;
  const asUtc = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  // Twice: the offset at the guess may differ from the offset at the answer across a DST change.
  let instant = asUtc - offsetAt(asUtc, zone);
  instant = asUtc - offsetAt(instant, zone);
  const off = Math.round(offsetAt(instant, zone) / 60_000);
  const sign = off < 0 ? '-' : '+';
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${sign}${pad(Math.abs(off) / 60)}:${pad(Math.abs(off) % 60)}`;
}

const FORMAT = 'YYYY-MM-DD HH:mm:ss';

/**
 * A date-time picker to the second that reads and writes API instants in the school's time zone:
 * the picker shows the school's wall clock (not the browser's) and hands back an ISO string with
 * the school's offset, so a form validates with the contracts schema as it is.
 */
export function SchoolInstantInput({
  value,
  onChange,
  id,
  placeholder,
  'data-testid': testId,
}: {
  value?: string | null;
  onChange?: (v: string | null) => void;
  id?: string;
  placeholder?: string;
  'data-testid'?: string;
}) {
  const { t } = useTranslation();
  const wall = value ? formatDateTimeSeconds(value) : '';
  return (
    <DatePicker
      id={id}
      data-testid={testId}
      showTime
      format={FORMAT}
      placeholder={placeholder ?? t('seloff.pickInstant')}
      style={{ width: 220 }}
      value={wall ? dayjs(wall.replace(' ', 'T')) : null}
      onChange={(d) => onChange?.(d ? schoolWallToInstant(d.format(FORMAT)) : null)}
    />
  );
}
