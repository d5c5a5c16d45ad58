import type { TFunction } from 'i18next';
import type { z } from 'zod';
import type { FormInstance } from 'antd';
import type { Round, selectionLecture } from '@jiaowu/contracts';
import { apiFieldErrors, zodFieldErrors } from '../../../lib/form-errors.ts';
import type { Labels } from '../../../i18n/labels.ts';
import { formatDateTimeSeconds } from '../../../lib/time.ts';
import { slotWords, weeksWords } from '../../timetable/slot-words.ts';

/** Tag colours of a round's status (草稿/开放中/已截止/已抽签/已锁定). */
export const ROUND_STATUS_COLORS: Record<Round['status'], string> = {
  draft: 'default',
  open: 'processing',
  closed: 'warning',
  drawn: 'cyan',
  locked: 'success',
};

/** The round's window in the school's time zone, to the second. */
export const windowWords = (r: Pick<Round, 'opensAt' | 'closesAt'>) =>
  `${formatDateTimeSeconds(r.opensAt)} – ${formatDateTimeSeconds(r.closesAt)}`;

type Lecture = z.infer<typeof selectionLecture>;

/** "周一 第1-2节 1-16周 A101" per lecture, in the user's language. */
export function lectureWords(t: TFunction, lang: string, l: Lecture): string {
  const slot = slotWords(t, l.day, l.startPeriod, l.startPeriod + l.length - 1);
  return [slot, weeksWords(lang, l.weeks), l.roomName].filter(Boolean).join(' ');
}

/** A rule code as words (dashboard refusals); codes the pages do not know read as "other", never raw. */
export function reasonLabel(t: TFunction, code: string): string {
  return t(`seloff.reasons.${code}`, { defaultValue: t('seloff.reasons.other') });
}

/** Field messages of round problems that the shared field messages do not word yet. */
function translateCode(t: TFunction, message: string): string {
  return /^[a-z_]+$/.test(message) ? t(`seloff.fieldMessages.${message}`, { defaultValue: message }) : message;
}

/** Maps an API field path to the form's (where the form lays a field out differently). */
export type Rename = (name: (string | number)[]) => (string | number)[];

/** Validates with a contracts schema; marks the fields (translated) and returns null on failure. */
export function validateRound<S extends z.ZodType>(
  form: FormInstance,
  schema: S,
  values: unknown,
  labels: Labels,
  t: TFunction,
  rename: Rename = (n) => n,
) {
  const parsed = schema.safeParse(values);
  if (parsed.success) return parsed.data as z.output<S>;
  const entries = zodFieldErrors(parsed.error, labels).map((e) => ({
    name: rename(e.name),
    errors: e.errors.map((m) => translateCode(t, m)),
  }));
  form.setFields(entries);
  return null;
}

/** Puts the server's field errors on the form; returns whether there were any. */
export function showServerFieldErrors(form: FormInstance, error: unknown, t: TFunction, rename: Rename = (n) => n): boolean {
  const entries = apiFieldErrors(error).map((e) => ({ name: rename(e.name), errors: e.errors.map((m) => translateCode(t, m)) }));
  if (entries.length) form.setFields(entries);
  return entries.length > 0;
}
