import { formatDateIn, formatDateTimeIn, formatTimeIn } from '@jiaowu/contracts';

/**
 * The one way the server writes a time for people (notifications, emails):
 * in the school's zone (org's findSchoolTimeZone), one format per kind —
 * the same functions the web uses, so an email and the page agree.
 */
export const formatDate = (instant: Date | string, timeZone: string) => formatDateIn(instant, timeZone);
export const formatDateTime = (instant: Date | string, timeZone: string) => formatDateTimeIn(instant, timeZone);
export const formatTime = (instant: Date | string, timeZone: string) => formatTimeIn(instant, timeZone);
