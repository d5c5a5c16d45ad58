import { IMPORT_PATHS, type ImportKind } from '@jiaowu/contracts';
import { adminClassesImport } from './admin-classes.ts';
import { roomsImport } from './rooms.ts';
import { studentsImport } from './students.ts';
import { teachersImport } from './teachers.ts';
import type { ImportKindSpec } from './types.ts';

export const IMPORT_KIND_SPECS: Record<ImportKind, ImportKindSpec> = {
  students: studentsImport,
  teachers: teachersImport,
  rooms: roomsImport,
  adminClasses: adminClassesImport,
};

/** URL segment → kind (admin-classes → adminClasses). */
export const KIND_BY_PATH = Object.fromEntries(Object.entries(IMPORT_PATHS).map(([kind, path]) => [path, kind as ImportKind])) as Record<
  string,
  ImportKind
>;
