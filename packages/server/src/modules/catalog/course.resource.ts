import { eq } from 'drizzle-orm';
import { courseInput } from '@jiaowu/contracts';
import type { ResourceDef } from '../../platform/crud/resource.types.ts';
import { patchSchema } from '../../platform/validation.ts';
import { colleges, departments } from '../org/org.tables.ts';
import { courses } from './catalog.tables.ts';

/** 课程库 as a generic resource: list with search, filters, sorts, export; scope by the owning department's college. */
export const courseResource: ResourceDef = {
  key: 'courses', entity: 'courses', table: courses, read: 'catalog.read', manage: 'catalog.manage',
  selection: {
    id: courses.id, code: courses.code, name: courses.name, nameEn: courses.nameEn, credits: courses.credits,
    lectureHours: courses.lectureHours, labHours: courses.labHours, practiceHours: courses.practiceHours,
    assessment: courses.assessment, departmentId: courses.departmentId, departmentName: departments.name,
    departmentCode: departments.code, collegeId: departments.collegeId, collegeName: colleges.name,
    category: courses.category, prerequisites: courses.prerequisites, description: courses.description, isActive: courses.isActive,
  },
  joins: (qb) => qb.innerJoin(departments, eq(departments.id, courses.departmentId)).innerJoin(colleges, eq(colleges.id, departments.collegeId)),
  search: [courses.code, courses.name, courses.nameEn],
  filters: {
    departmentId: courses.departmentId, collegeId: departments.collegeId, category: courses.category,
    assessment: courses.assessment, isActive: courses.isActive,
  },
  sorts: { code: courses.code, name: courses.name, credits: courses.credits, category: courses.category },
  defaultSort: courses.code,
  scope: { college: departments.collegeId, department: courses.departmentId },
  input: courseInput, update: patchSchema(courseInput),
  refFields: { department: 'departmentId' },
};
