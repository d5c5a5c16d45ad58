import { z } from 'zod';

/**
 * 证件号码 of a student or teacher.
 *
 * The rule: a value that looks like a mainland 居民身份证 number — 18 characters, the first 17
 * digits — must carry the GB 11643-1999 check character (0–9 or X; a lower-case x is accepted and
 * stored upper-case). Any other document (passport, 港澳台 permits, a foreigner's permanent
 * residence card) is accepted as 5–32 letters, digits and dashes, except an all-digit value of 17
 * or 19 digits: that is an ID number with a digit missing or extra, not another document.
 */
export const ID_NUMBER_MAX = 32;

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** The GB 11643-1999 check character of the first 17 digits (ISO 7064 MOD 11-2). */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** Whether the value has the shape of an 18-character mainland ID number (checked by its check character). */
export const looksLikeResidentId = (v: string) => /^\d{17}[\dXx]$/.test(v);

/** The problem with an ID number, as a field message code, or null when it is acceptable. */
export function idNumberProblem(raw: string): 'id_number_checksum' | 'id_number_length' | 'id_number_format' | null {
  const v = raw.trim().toUpperCase();
  if (looksLikeResidentId(v)) return idCheckChar(v) === v[17] ? null : 'id_number_checksum';
  if (/^\d{17}$|^\d{19}$/.test(v)) return 'id_number_length';
  if (!/^[A-Z0-9-]{5,32}$/.test(v)) return 'id_number_format';
  return null;
}

/** The schema of the field: trimmed, upper-cased, checked; blank is "none". */
export const idNumber = z
  .string()
  .trim()
  .max(ID_NUMBER_MAX)
  .overwrite((s) => s.toUpperCase())
  .superRefine((v, ctx) => {
    if (v === '') return;
    const problem = idNumberProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .transform((v) => (v === '' ? null : v))
  .nullish();

/**
 * The value as lists, details, exports and audit diffs show it: an 18-character ID keeps its
 * region code (first six) and its last two characters (110101**********34). Not the last four, as
 * is common elsewhere: under the `id_last6` password policy the last six characters are an
 * initial password, and four of them on every list would leave only the day of birth to guess.
 * Other documents keep their first and last characters.
 */
export function maskIdNumber(v: string | null | undefined): string | null {
  if (v == null || v === '') return null;
  if (v.length >= 15) return v.slice(0, 6) + '*'.repeat(v.length - 8) + v.slice(-2);
  if (v.length >= 5) return v[0] + '*'.repeat(v.length - 2) + v.slice(-1);
  return '*'.repeat(v.length);
}
