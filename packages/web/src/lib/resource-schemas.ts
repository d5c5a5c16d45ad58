import type { z } from 'zod';
import {
  adminClassInput,
  buildingInput,
  campusInput,
  collegeInput,
  departmentInput,
  majorInput,
  roomInput,
  studentInput,
  teacherInput,
  termInput,
  type ResourceKey,
} from '@jiaowu/contracts';

/** The create/edit schema of each resource: the web validates with the server's own zod schemas. */
export const RESOURCE_INPUTS: Record<ResourceKey, z.ZodObject<z.ZodRawShape>> = {
  terms: termInput,
  campuses: campusInput,
  buildings: buildingInput,
  rooms: roomInput,
  colleges: collegeInput,
  departments: departmentInput,
  majors: majorInput,
  adminClasses: adminClassInput,
  teachers: teacherInput,
  students: studentInput,
};

/** Whether a field accepts null (nullish optional fields are cleared with null on edit). */
export function acceptsNull(key: ResourceKey, field: string): boolean {
  const schema = RESOURCE_INPUTS[key].shape[field] as z.ZodType | undefined;
  return !!schema && schema.safeParse(null).success;
}

/** The schema's default of a field (e.g. status `active`, isActive `true`), if it has one. */
export function defaultOf(key: ResourceKey, field: string): unknown {
  const schema = RESOURCE_INPUTS[key].shape[field] as z.ZodType | undefined;
  const parsed = schema?.safeParse(undefined);
  return parsed?.success ? parsed.data : undefined;
}
