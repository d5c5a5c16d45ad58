import { createHash, randomBytes } from 'node:crypto';
import { ENUM_LABELS, GRADE_WORDS, type GradeRules, type Locale, type StudentGrades } from '@jiaowu/contracts';
import { formatTenths } from '@jiaowu/contracts/grades-core';
import type { RecordStudent } from './records.read-model.ts';

export type TranscriptKind = 'transcript' | 'certificate';

/**
 * What a transcript shows, exactly as printed: the snapshot kept in `transcripts.content` and the
 * input of its checksum. Every text is already in the document's language, so the verification
 * page and a re-check need nothing else.
 */
export interface TranscriptContent {
  v: 1;
  kind: TranscriptKind;
  lang: Locale;
  code: string;
  school: { name: string; nameEn: string };
  student: { code: string; name: string; majorName: string | null; collegeName: string | null; cohort: number };
  terms: {
    termName: string;
    gpa: string | null;
    creditsEarned: string;
    courses: {
      code: string;
      name: string;
      nameEn: string | null;
      credits: string;
      grade: string;
      /** The grade as entered, when a make-up's was capped. */
      entered: string | null;
      /** normal | makeup | retake */
      attempt: string;
      isCounting: boolean;
    }[];
  }[];
  gpa: string | null;
  gpaCredits: string;
  creditsEarned: string;
  creditsByCategory: { category: string; name: string; credits: string }[];
  /** The rules in force: the certificate explains them; the transcript names the formula. */
  rules: { gpaFormula: string; makeupCap: string | null; retakeCounts: string };
  /** The issue date in the school's time zone (YYYY-MM-DD) and the instant. */
  issuedOn: string;
  issuedAt: string;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A verification code: 16 base32 characters from 80 random bits — not guessable, easy to type. */
export function newVerificationCode(): string {
  const bytes = randomBytes(10);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

/** Whether a string could be a verification code (anything else is unknown without a lookup). */
export const isVerificationCode = (code: string) => /^[A-Z2-7]{16}$/.test(code);

/** JSON with object keys sorted at every depth: the same content always gives the same bytes. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** sha256 of the canonical content, hex: printed on the paper and shown by the verification page. */
export const transcriptChecksum = (content: TranscriptContent) => createHash('sha256').update(canonicalJson(content)).digest('hex');

const categoryName = (category: string, locale: Locale) =>
  (ENUM_LABELS.courseCategory as Record<string, Record<Locale, string>>)[category]?.[locale] ?? category;

/** The transcript's content from a student's record (their published grades, all terms). */
export function transcriptContent(input: {
  kind: TranscriptKind;
  lang: Locale;
  code: string;
  school: { name: string; nameEn: string };
  student: RecordStudent;
  grades: StudentGrades;
  /** termId → the term's name in English (Semester 1, 2031-2032). */
  termNamesEn: Map<number, string>;
  rules: GradeRules;
  issuedAt: Date;
  issuedOn: string;
}): TranscriptContent {
  const { grades, lang } = input;
  const entered = (e: StudentGrades['items'][number]['entered']) => {
    if (!e) return null;
    if (e.kind === 'score') return formatTenths(e.tenths);
    if (e.kind === 'five_level') return GRADE_WORDS.fiveLevel[e.level][lang];
    return null;
  };
  return {
    v: 1,
    kind: input.kind,
    lang,
    code: input.code,
    school: input.school,
    student: {
      code: input.student.code,
      name: input.student.name,
      majorName: input.student.majorName,
      collegeName: lang === 'en' ? (input.student.collegeNameEn ?? input.student.collegeName) : input.student.collegeName,
      cohort: input.student.cohort,
    },
    terms: grades.terms.map((t) => ({
      termName: lang === 'en' ? (input.termNamesEn.get(t.termId) ?? t.termName) : t.termName,
      gpa: t.gpa?.display ?? null,
      creditsEarned: formatTenths(t.creditsEarnedTenths),
      courses: grades.items
        .filter((i) => i.termId === t.termId)
        .map((i) => ({
          code: i.courseCode,
          name: i.courseName,
          nameEn: i.courseNameEn,
          credits: i.credits,
          grade: i.display,
          entered: entered(i.entered),
          attempt: i.attempt,
          isCounting: i.isCounting,
        })),
    })),
    gpa: grades.gpa?.display ?? null,
    gpaCredits: formatTenths(grades.gpa?.creditsTenths ?? 0),
    creditsEarned: formatTenths(grades.creditsEarnedTenths),
    creditsByCategory: Object.entries(grades.creditsByCategory)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([category, tenths]) => ({ category, name: categoryName(category, lang), credits: formatTenths(tenths) })),
    rules: {
      gpaFormula: input.rules.gpa.formula,
      makeupCap: input.rules.attempts.makeupCapTenths === null ? null : formatTenths(input.rules.attempts.makeupCapTenths),
      retakeCounts: input.rules.attempts.retakeCounts,
    },
    issuedOn: input.issuedOn,
    issuedAt: input.issuedAt.toISOString(),
  };
}
