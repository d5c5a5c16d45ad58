import type { ExamPaperFlag } from '@jiaowu/contracts';
import type { TFunction } from 'i18next';

/** A flag in a sentence (step names in words, never their codes). */
export function flagText(t: TFunction, f: ExamPaperFlag): string {
  const params = { ...f.params, step: f.params.step ? t(`exampapers.steps.${f.params.step}`) : '' };
  return t(`exampapers.flagKinds.${f.kind}`, params);
}

/** An exam session's date and clock time, e.g. 2026-12-20 09:00. */
export function sessionText(date: string | null, startMin: number | null): string | null {
  if (!date) return null;
  if (startMin === null) return date;
  const hh = String(Math.floor(startMin / 60)).padStart(2, '0');
  const mm = String(startMin % 60).padStart(2, '0');
  return `${date} ${hh}:${mm}`;
}
