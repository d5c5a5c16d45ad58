import { describe, expect, it } from 'vitest';
import {
  formatDateIn,
  formatDateTimeIn,
  formatDateTimeSecondsIn,
  formatTimeIn,
  isTimeZone,
  schoolSettingsInput,
  startOfDayIn,
} from './time.ts';

const SH = 'Asia/Shanghai';

describe('school-time formatters', () => {
  it('shows a UTC instant just before midnight as the next day in Shanghai', () => {
    const instant = '2026-09-06T16:30:00Z'; // 00:30 on the 7th in Shanghai
    expect(formatDateIn(instant, SH)).toBe('2026-09-07');
    expect(formatDateTimeIn(instant, SH)).toBe('2026-09-07 00:30');
    expect(formatTimeIn(instant, SH)).toBe('00:30');
    expect(formatDateIn(instant, 'America/New_York')).toBe('2026-09-06');
    expect(formatDateTimeIn(new Date(instant), 'America/New_York')).toBe('2026-09-06 12:30');
  });

  it('writes midnight as 00, not 24, and keeps seconds for the audit log', () => {
    expect(formatDateTimeIn('2026-01-01T16:00:00Z', SH)).toBe('2026-01-02 00:00');
    expect(formatDateTimeSecondsIn('2026-01-01T16:00:05.900Z', SH)).toBe('2026-01-02 00:00:05');
  });

  it('leaves a calendar date as it is and shows nothing for no value', () => {
    expect(formatDateIn('2026-09-07', 'America/Los_Angeles')).toBe('2026-09-07');
    expect(formatDateTimeIn(null, SH)).toBe('');
    expect(formatDateIn('not a date', SH)).toBe('');
  });

  it('accepts only zone names the runtime knows', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(schoolSettingsInput.safeParse({ timeZone: 'Mars/Olympus' }).success).toBe(false);
  });
});

describe('startOfDayIn', () => {
  it('is the zone’s midnight as an instant, whatever the machine’s zone (the audit date filter, the home page’s week)', () => {
    expect(startOfDayIn('2026-09-07', 'Asia/Shanghai').toISOString()).toBe('2026-09-06T16:00:00.000Z');
    expect(startOfDayIn('2026-07-01', 'America/New_York').toISOString()).toBe('2026-07-01T04:00:00.000Z');
    expect(startOfDayIn('2026-12-01', 'America/New_York').toISOString()).toBe('2026-12-01T05:00:00.000Z');
  });
});
