import { useTranslation } from 'react-i18next';
import { gradeIssueText, type GradeEntry, type GradeIssue } from '@jiaowu/contracts';
import { entryText } from './grid-logic.ts';

/** The reader's language as the grade words know it. */
export function useGradeLocale(): 'zh-CN' | 'en' {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}

/** Grade issues (cell errors, warnings) as sentences in the reader's language. */
export function useIssueText(): (issue: GradeIssue) => string {
  const { t } = useTranslation();
  const locale = useGradeLocale();
  return (issue) =>
    issue.code === 'grade_component_not_score'
      ? t('grades.sheet.componentNotScore', { input: issue.params.input })
      : gradeIssueText(issue, locale);
}

/** An entry in the reader's language (85.5, 优, Absent). */
export function useEntryText(): (entry: GradeEntry | null) => string {
  const locale = useGradeLocale();
  return (entry) => entryText(entry, locale);
}
