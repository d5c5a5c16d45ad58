import { Fragment, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { SchoolSettings } from '@jiaowu/contracts';
import { get } from '../api/client.ts';
import { schoolTimeZone, setSchoolTimeZone } from './time.ts';

export const SCHOOL_SETTINGS_KEY = ['school-settings'];
export const fetchSchoolSettings = () => get<SchoolSettings>('/settings/school');

/**
 * Loads the school's time zone for lib/time.ts. Until it arrives the default
 * (Asia/Shanghai) is used; when the school has another zone the pages below
 * are drawn again (keyed by the zone), so no time stays in the old one.
 */
export function SchoolTimeZone({ children }: { children: ReactNode }) {
  const { data } = useQuery({ queryKey: SCHOOL_SETTINGS_KEY, queryFn: fetchSchoolSettings, staleTime: 10 * 60_000 });
  if (data && data.timeZone !== schoolTimeZone()) setSchoolTimeZone(data.timeZone);
  return <Fragment key={schoolTimeZone()}>{children}</Fragment>;
}
