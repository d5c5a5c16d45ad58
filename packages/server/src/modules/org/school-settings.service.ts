import type { SchoolSettings, SchoolSettingsInput } from '@jiaowu/contracts';
import type { Db } from '../../db/client.ts';
import { requireAccess, type Actor } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { findSchoolTimeZone } from './school-settings.read-model.ts';
import { findSchoolSettingsForUpdate, saveSchoolSettings } from './school-settings.repository.ts';

export interface SchoolSettingsService {
  /** Anyone may read them (the web formats times with the zone before sign-in). */
  get(): Promise<SchoolSettings>;
  put(actor: Actor, input: SchoolSettingsInput): Promise<SchoolSettings>;
}

export function createSchoolSettingsService({ db, clock }: { db: Db; clock: () => Date }): SchoolSettingsService {
  return {
    async get() {
      return { timeZone: await findSchoolTimeZone(db) };
    },
    async put(actor, input) {
      requireAccess(actor, 'settings.manage');
      await db.transaction(async (tx) => {
        const before = await findSchoolSettingsForUpdate(tx);
        await saveSchoolSettings(tx, { timeZone: input.timeZone, updatedAt: clock() });
        await writeAudit(tx, actor, {
          action: 'school_settings.update',
          entityType: 'school_settings',
          entityId: 1,
          before: before ? { timeZone: before.timeZone } : null,
          after: { timeZone: input.timeZone },
        });
      });
      return { timeZone: input.timeZone };
    },
  };
}
