import type { ExportQuery, Locale } from '@jiaowu/contracts';
import type { Db } from '../../db/client.ts';
import { requireAccess, type Actor } from '../../platform/access.ts';
import { printTimetable, type PrintTimetable } from './export.layout.ts';
import { timetablePdf } from './export.pdf.ts';
import { timetableWorkbook } from './export.xlsx.ts';
import { toLectureItem } from './lecture-items.ts';
import type { OwnerTimetable, PublishedService } from './published.service.ts';

export const EXPORT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const;

function printOf(t: OwnerTimetable, lectures: OwnerTimetable['lectures'], ownerName: string, locale: Locale): PrintTimetable {
  return printTimetable({
    termName: t.facts.grid.name,
    ownerName,
    versionNo: t.version?.versionNo ?? null,
    daysPerWeek: t.facts.grid.daysPerWeek,
    periods: t.facts.grid.periods,
    lectures: lectures.map((l) => toLectureItem(l, t.facts)),
    locale,
  });
}

/**
 * Printed timetables: XLSX (the office's layout) and PDF of one owner in the caller's scope;
 * without an owner the office gets the whole school as one workbook, a sheet per admin class.
 */
export function createExportService({ published }: { db: Db; published: PublishedService }) {
  return {
    async exportFile(actor: Actor, q: ExportQuery, locale: Locale): Promise<{ file: Buffer; filename: string; contentType: string }> {
      requireAccess(actor, 'timetable.read');
      const { termId, format, ...params } = q;
      const noOwner = Object.values(params).every((v) => v === undefined);
      const t = await published.ownerTimetable(actor, termId, params);
      const ext = format;
      if (noOwner && t.owner.kind === 'school' && format === 'xlsx') {
        // 全校课表: one sheet per admin class that has lectures, in code order.
        const sheets = [...t.facts.adminClasses.values()]
          .map((a) => ({ a, lectures: t.lectures.filter((l) => t.facts.classes.get(l.teachingClassId)?.adminClassIds.includes(a.id)) }))
          .filter((s) => s.lectures.length > 0)
          .map((s) => ({ name: s.a.name, timetable: printOf(t, s.lectures, s.a.name, locale) }));
        return {
          file: await timetableWorkbook(sheets),
          filename: `${t.facts.grid.code}-timetables.${ext}`,
          contentType: EXPORT_TYPES.xlsx,
        };
      }
      const print = printOf(t, t.lectures, t.owner.name, locale);
      const filename = `${t.facts.grid.code}-${t.owner.kind}-${t.owner.id ?? 'all'}.${ext}`;
      return format === 'pdf'
        ? { file: await timetablePdf(print), filename, contentType: EXPORT_TYPES.pdf }
        : { file: await timetableWorkbook([{ name: t.owner.name, timetable: print }]), filename, contentType: EXPORT_TYPES.xlsx };
    },
  };
}

export type ExportService = ReturnType<typeof createExportService>;
