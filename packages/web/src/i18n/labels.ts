import { useTranslation } from 'react-i18next';
import { ENUM_LABELS, FIELD_MESSAGES, RESOURCE_LABELS, fieldLabel, formatMessage, type EnumName } from '@jiaowu/contracts';
import type { Lang } from './index.ts';

/**
 * Labels of fields, resources and enumerations come from the shared tables in
 * @jiaowu/contracts, so the web, the exports and the imports use the same words.
 */
export function labelsFor(lang: Lang) {
  return {
    lang,
    field: (resource: string, key: string) => fieldLabel(resource, key, lang),
    resource: (key: string) => RESOURCE_LABELS[key]?.[lang] ?? key,
    enumLabel: (name: EnumName, value: unknown) => {
      const table = ENUM_LABELS[name] as Record<string, Record<Lang, string>>;
      return table[String(value)]?.[lang] ?? String(value ?? '');
    },
    enumOptions: (name: EnumName) =>
      Object.entries(ENUM_LABELS[name] as Record<string, Record<Lang, string>>).map(([value, l]) => ({
        // semester values are numbers (1, 2, 3); the others are strings
        value: /^\d+$/.test(value) ? Number(value) : value,
        label: l[lang],
      })),
    /** A field-level validation message by its code (zod issue code or ours). */
    fieldMessage: (code: string, params: Record<string, unknown> = {}) => {
      const m = (FIELD_MESSAGES as Record<string, Record<Lang, string>>)[code];
      return m ? formatMessage(m[lang], params) : code;
    },
  };
}
export type Labels = ReturnType<typeof labelsFor>;

export function useLabels(): Labels {
  const { i18n } = useTranslation();
  return labelsFor(i18n.language === 'en' ? 'en' : 'zh-CN');
}
