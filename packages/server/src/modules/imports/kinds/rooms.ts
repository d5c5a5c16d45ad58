import { roomInput } from '@jiaowu/contracts';
import { findBuildingRefs, findRoomsByCode } from '../../org/org.import-repository.ts';
import type { ImportKindSpec } from './types.ts';

/** Rooms (教室): building by 楼宇代码. Rooms belong to no college, so only an unscoped org.manage may import them. */
export const roomsImport: ImportKindSpec = {
  kind: 'rooms',
  manage: 'org.manage',
  entity: 'rooms',
  schema: roomInput,
  refs: { buildingCode: { field: 'buildingId', load: findBuildingRefs } },
  anchor: () => null,
  findExisting: findRoomsByCode,
};
