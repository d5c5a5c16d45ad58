import { z } from 'zod';
import { course, courseInput } from './catalog.ts';
import { defineResource } from './resource-define.ts';

/** 课程库 as a generic resource: list with search, filters, sorts, export; managed by the owning department's college. */
export const courseResource = defineResource({
  key: 'courses',
  path: 'courses',
  read: 'catalog.read',
  manage: 'catalog.manage',
  input: courseInput,
  item: course.extend({
    version: z.number().int(),
    departmentName: z.string(),
    departmentCode: z.string(),
    collegeId: z.number().int(),
    collegeName: z.string(),
  }),
  fields: [
    { key: 'code', kind: 'text', required: true, list: true },
    { key: 'name', kind: 'text', required: true, list: true },
    { key: 'nameEn', kind: 'text' },
    { key: 'credits', kind: 'number', required: true, list: true },
    { key: 'lectureHours', kind: 'number' },
    { key: 'labHours', kind: 'number' },
    { key: 'practiceHours', kind: 'number' },
    { key: 'assessment', kind: 'enum', enum: 'assessmentType', list: true },
    { key: 'collegeId', kind: 'ref', ref: 'colleges', display: 'collegeName', list: true, readOnly: true },
    { key: 'departmentId', kind: 'ref', ref: 'departments', display: 'departmentName', required: true, list: true },
    { key: 'category', kind: 'enum', enum: 'courseCategory', required: true, list: true },
    { key: 'description', kind: 'text' },
    { key: 'isActive', kind: 'bool', list: true },
  ],
  filters: ['departmentId', 'collegeId', 'category', 'assessment', 'isActive'],
  sorts: ['code', 'name', 'credits', 'category'],
});
/** A course as the courses routes return it (list row, get, create, update), with its version. */
export type CourseItem = z.infer<typeof courseResource.item>;
