import type { HomeView } from '@jiaowu/contracts';
import { get } from '../../api/client.ts';

/** The home page's one request (GET /api/home): every section scoped by the server to the caller. */
export const fetchHome = () => get<HomeView>('/home');

// Dates and times read as at the school (the school's time zone setting), like every other page.
export { formatDate, formatDateTime } from '../../lib/time.ts';

/** 11-30 from 2026-11-30. */
export const shortDate = (date: string) => date.slice(5);
