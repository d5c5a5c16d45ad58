import { courseResource as courseContract } from '@jiaowu/contracts';
import { defineResource } from '../../platform/crud/define-resource.ts';
import { scopeByColumns } from '../../platform/crud/resource.repository.ts';
import { departmentCols, departmentJoins } from '../org/org.read-model.ts';
import { courses } from './catalog.tables.ts';

/**
 * 课程库 as a generic resource: list with search, filters, sorts, export;
 * scope by the owning department's college. Its write hooks (prerequisite
 * edges) are added in course.service.ts.
 */
export const courseResource = defineResource(courseContract, {
  entity: 'courses',
  table: courses,
  selection: {
    id: courses.id,
    code: courses.code,
    name: courses.name,
    nameEn: courses.nameEn,
    credits: courses.credits,
    lectureHours: courses.lectureHours,
    labHours: courses.labHours,
    practiceHours: courses.practiceHours,
    assessment: courses.assessment,
    departmentId: courses.departmentId,
    departmentName: departmentCols.name,
    departmentCode: departmentCols.code,
    collegeId: departmentCols.collegeId,
    collegeName: departmentCols.collegeName,
    category: courses.category,
    prerequisites: courses.prerequisites,
    description: courses.description,
    isActive: courses.isActive,
  },
  joins: departmentJoins(courses.departmentId),
  search: [courses.code, courses.name, courses.nameEn],
  filters: {
    departmentId: courses.departmentId,
    collegeId: departmentCols.collegeId,
    category: courses.category,
    assessment: courses.assessment,
    isActive: courses.isActive,
  },
  sorts: { code: courses.code, name: courses.name, credits: courses.credits, category: courses.category },
  defaultSort: courses.code,
  scope: scopeByColumns({ college: departmentCols.collegeId, department: courses.departmentId }),
});
