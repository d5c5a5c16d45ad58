/**
 * The ILIKE pattern for "contains `text`": `%`, `_` and `\` typed by the user are literal
 * characters, not wildcards (a search for "100%" must not match everything).
 */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
