import type { HomeView } from '@jiaowu/contracts';
import { get } from '../../api/client.ts';

/** The home page's one request (GET /api/home): every section scoped by the server to the caller. */
export const fetchHome = () => get<HomeView>('/home');

/** The school's time zone: dates and times on the home page read as at the school, whatever the browser's zone. */
export const SCHOOL_TIME_ZONE = 'Asia/Shanghai';

const dateTime = new Intl.DateTimeFormat('sv-SE', {
  timeZone: SCHOOL_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** 2026-11-25 15:00 at the school. */
export const formatDateTime = (iso: string) => dateTime.format(new Date(iso));

/** A date as the school's calendar reads it: a date-time in the school's zone, or a plain YYYY-MM-DD as is. */
export const formatDate = (value: string) => (value.length === 10 ? value : dateTime.format(new Date(value)).slice(0, 10));

/** 11-30 from 2026-11-30. */
export const shortDate = (date: string) => date.slice(5);
