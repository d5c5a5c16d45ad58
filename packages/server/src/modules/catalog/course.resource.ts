import { eq } from 'drizzle-orm';
import { courseResource as courseContract } from '@jiaowu/contracts';
import { defineResource } from '../../platform/crud/define-resource.ts';
import { scopeByColumns } from '../../platform/crud/resource.repository.ts';
import { colleges, departments } from '../org/org.tables.ts';
import { courses } from './catalog.tables.ts';

/**
 * 课程库 as a generic resource: list with search, filters, sorts, export;
 * scope by the owning department's college. Its write hooks (prerequisite
 * edges) are added in course.service.ts.
 */
export const courseResource = defineResource(courseContract, {
  entity: 'courses', table: courses,
  selection: {
    id: courses.id, code: courses.code, name: courses.name, nameEn: courses.nameEn, credits: courses.credits,
    lectureHours: courses.lectureHours, labHours: courses.labHours, practiceHours: courses.practiceHours,
    assessment: courses.assessment, departmentId: courses.departmentId, departmentName: departments.name,
    departmentCode: departments.code, collegeId: departments.collegeId, collegeName: colleges.name,
    category: courses.category, prerequisites: courses.prerequisites, description: courses.description, isActive: courses.isActive,
  },
  joins: [
    { table: departments, on: eq(departments.id, courses.departmentId) },
    { table: colleges, on: eq(colleges.id, departments.collegeId) },
  ],
  search: [courses.code, courses.name, courses.nameEn],
  filters: {
    departmentId: courses.departmentId, collegeId: departments.collegeId, category: courses.category,
    assessment: courses.assessment, isActive: courses.isActive,
  },
  sorts: { code: courses.code, name: courses.name, credits: courses.credits, category: courses.category },
  defaultSort: courses.code,
  scope: scopeByColumns({ college: departments.collegeId, department: courses.departmentId }),
});
