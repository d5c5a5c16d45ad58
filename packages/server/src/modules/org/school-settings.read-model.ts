import { DEFAULT_TIME_ZONE } from '@jiaowu/contracts';
import type { Db, Tx } from '../../db/client.ts';
import { findSchoolSettings } from './school-settings.repository.ts';

/**
 * The zone other modules format times in (notifications, emails): the
 * school's setting, or Asia/Shanghai while none is saved.
 */
export async function findSchoolTimeZone(db: Db | Tx): Promise<string> {
  return (await findSchoolSettings(db))?.timeZone ?? DEFAULT_TIME_ZONE;
}
