import type { GradesErrorCode, GradesWarningCode } from '../index.ts';

/** A problem or a warning as a code and its params; the contracts hold its words in both languages. */
export interface Issue {
  code: GradesErrorCode | GradesWarningCode;
  params: Record<string, string | number>;
}
