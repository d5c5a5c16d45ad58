import { ERROR_MESSAGES, FIELD_MESSAGES, formatMessage, type ErrorCode, type FieldMessageCode, type Locale } from '@jiaowu/contracts';

/** Picks zh-CN or en from an Accept-Language header; Chinese is the default. */
export function pickLocale(header: string | undefined | null): Locale {
  if (!header) return 'zh-CN';
  const langs = header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of langs) {
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}

export function errorMessage(code: string, locale: Locale, params?: Record<string, unknown>): string {
  const entry = ERROR_MESSAGES[code as ErrorCode] ?? ERROR_MESSAGES.internal;
  return formatMessage(entry[locale], params);
}

export function fieldMessage(code: string, locale: Locale, params?: Record<string, unknown>): string {
  const entry = FIELD_MESSAGES[code as FieldMessageCode] ?? FIELD_MESSAGES.invalid;
  return formatMessage(entry[locale], params);
}
