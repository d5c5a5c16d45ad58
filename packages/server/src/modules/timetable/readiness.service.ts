import type { Locale, ReadinessReport } from '@jiaowu/contracts';
import type { Db } from '../../db/client.ts';
import { hasPermission, requireAccess, type Actor } from '../../platform/access.ts';
import { AppError } from '../../platform/errors.ts';
import { readinessOf } from './readiness.ts';
import { requireTermGrid } from './settings.service.ts';
import { loadTermFacts } from './term-facts.ts';

/** 排课前检查 of a term for the office (and whoever reads every timetable). */
export function createReadinessService({ db }: { db: Db }) {
  return {
    async get(actor: Actor, termId: number, locale: Locale): Promise<ReadinessReport> {
      if (!hasPermission(actor, 'timetable.manage') && requireAccess(actor, 'timetable.read').kind !== 'all')
        throw new AppError('forbidden');
      await requireTermGrid(db, termId);
      return readinessOf(await loadTermFacts(db, termId), locale);
    },
  };
}
export type ReadinessService = ReturnType<typeof createReadinessService>;
