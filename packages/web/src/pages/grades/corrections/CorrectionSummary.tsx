import { Alert, Descriptions, Divider } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  GRADE_COMPONENTS,
  GRADE_WORDS,
  gradeEntryText,
  type ComponentScores,
  type GradeCorrectionDetail,
  type GradeEntry,
} from '@jiaowu/contracts';
import { get } from '../../../api/client.ts';
import { AttachmentLink } from '../../../components/AttachmentPicker.tsx';
import { QueryView } from '../../../components/QueryState.tsx';

type Lang = 'zh-CN' | 'en';
const tenths = (v: number | null | undefined) => (v == null ? '—' : gradeEntryText({ kind: 'score', tenths: v }, 'en'));

/** Component scores before → after, only the components that have a score on either side. */
function componentsText(before: ComponentScores, after: ComponentScores, lang: Lang): string {
  return GRADE_COMPONENTS.filter((c) => before[c] != null || after[c] != null)
    .map((c) => {
      const b = tenths(before[c]);
      const a = tenths(after[c]);
      return `${GRADE_WORDS.component[c][lang]} ${b === a ? a : `${b} → ${a}`}`;
    })
    .join(lang === 'en' ? '; ' : '；');
}

export const entryText = (e: GradeEntry | null, lang: Lang) => (e ? gradeEntryText(e, lang) : '—');

/** A 成绩更正 request as its approver sees it (the task drawer, the list's drawer): before and after, the reason, the evidence. */
export function CorrectionSummary({ id, divider = true }: { id: number; divider?: boolean }) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const query = useQuery({ queryKey: ['grade-correction', id], queryFn: () => get<GradeCorrectionDetail>(`/grades/corrections/${id}`) });
  const d = query.data;
  if (!d) return <QueryView query={query}>{() => null}</QueryView>;
  const components = componentsText(d.beforeComponents, d.afterComponents, lang);
  return (
    <>
      {divider && <Divider titlePlacement="start">{t('wf.details')}</Divider>}
      {d.status === 'pending' && d.currentVersion !== d.baseVersion && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          title={t('grev.corrections.stale', { current: d.currentVersion, base: d.baseVersion })}
        />
      )}
      <Descriptions
        size="small"
        column={1}
        bordered
        data-testid="correction-summary"
        items={[
          { label: t('grev.corrections.student'), children: `${d.studentName}（${d.studentCode}）` },
          { label: t('grev.corrections.course'), children: `${d.courseName}（${d.courseCode}）` },
          { label: t('grev.corrections.term'), children: d.termName },
          { label: t('grev.corrections.klass'), children: d.classCode ?? '—' },
          {
            label: `${t('grev.corrections.before')} → ${t('grev.corrections.after')}`,
            children: <strong data-testid="correction-change">{`${entryText(d.before, lang)} → ${entryText(d.after, lang)}`}</strong>,
          },
          ...(components ? [{ label: t('grev.corrections.components'), children: components }] : []),
          { label: t('grev.corrections.reason'), children: d.reason },
          { label: t('grev.corrections.evidence'), children: <AttachmentLink file={d.attachment} testId="correction-evidence" /> },
          { label: t('grev.corrections.requestedBy'), children: d.requestedByName },
          { label: t('grev.corrections.version'), children: `${d.baseVersion} → ${d.baseVersion + 1}` },
        ]}
      />
    </>
  );
}
