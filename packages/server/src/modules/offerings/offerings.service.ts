import { findSchoolTimeZone } from '../org/school-settings.read-model.ts';
import type { z } from 'zod';
import {
  EDITABLE_REQUEST_STATUSES,
  type courseRequestInput,
  type CourseRequestPatch,
  type ListQuery,
  type Locale,
  type PrefillPreview,
  type RequestBatchInput,
  type RequestBatchResult,
  type RequestStatus,
} from '@jiaowu/contracts';
import type { Db, Tx } from '../../db/client.ts';
import { requireAccess, type Actor } from '../../platform/access.ts';
import { checkAccess, requireAccessTo } from '../../platform/access.repository.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { withDbErrors } from '../../platform/db-errors.ts';
import { AppError } from '../../platform/errors.ts';
import { errorMessage } from '../../platform/i18n.ts';
import type { CatalogService } from '../catalog/catalog.service.ts';
import { findAdminClasses, findTeachersByIds, findTermById, maxRoomCapacity } from '../org/org.read-model.ts';
import type { SubjectHandler } from '../workflow/workflow.types.ts';
import {
  CLASS_TARGET,
  deleteRequest,
  findClassStudentsPage,
  findClass,
  findClassPage,
  findOverlapping,
  findRequest,
  findRequestPage,
  findRequestRows,
  findRequestSummary,
  insertRequest,
  REQUEST_TARGET,
  updateRequest,
  type OfferingFilters,
  type RequestSort,
} from './offerings.repository.ts';
import { createRequestSubject } from './offerings.subject.ts';
import { checkRefs, checkTargetsInScope, mayFileFor, present, toValues, type RequestValues } from './offerings.values.ts';
import { checkSubmitRules } from './submit-rules.ts';
import { copyRequests } from './use-cases/copy-requests.ts';
import { planPrefill, prefillRequests } from './use-cases/prefill-requests.ts';

/** The part of the workflow engine offerings uses (modules/workflow/workflow.service.ts). */
export interface WorkflowPort {
  registerSubject(subjectType: string, handler: SubjectHandler): void;
  submit(
    actor: Actor,
    input: {
      flowKey: string;
      subjectType: string;
      subjectId: number;
      scope: { collegeId?: number | null };
      context: Record<string, string | number | boolean | null>;
      tx?: Tx;
    },
  ): Promise<number>;
  withdraw(actor: Actor, instanceId: number, comment?: string | null, tx?: Tx): Promise<unknown>;
}

export const SUBJECT_TYPE = 'course_request';

type RequestInput = z.output<typeof courseRequestInput>;

/**
 * 开课申请 and 教学班: a secretary files requests of their college, submits
 * them into the approval flow (locked while pending), and approved requests
 * become teaching classes (see offerings.subject.ts). Scope (college, own
 * teaching) is applied in every query.
 */
export function createOfferingsService({
  db,
  clock,
  catalog,
  workflow,
}: {
  db: Db;
  clock: () => Date;
  catalog: CatalogService;
  workflow?: WorkflowPort;
}) {
  const one = async (tx: Db | Tx, id: number) => (await present(tx, [(await findRequest(tx, id, { kind: 'all' }))!]))[0];

  async function loadForFiling(tx: Db | Tx, actor: Actor, id: number) {
    const scope = requireAccess(actor, 'offerings.file');
    const row = await findRequest(tx, id, scope);
    if (!row) throw new AppError('not_found');
    return row;
  }
  /** Refs must exist, then targets must lie in the filer's colleges (403 naming each field). */
  async function checkValues(tx: Db | Tx, actor: Actor, values: RequestValues) {
    await checkRefs(tx, values);
    const outside = await checkTargetsInScope(tx, actor, values);
    if (outside.length) throw new AppError('out_of_scope', { fields: outside });
  }

  /** Overlapping requests/classes split into those the actor may read (named) and the rest (counted only). */
  async function overlapsFor(tx: Tx, actor: Actor, found: Awaited<ReturnType<typeof findOverlapping>>) {
    const readable = actor.permissions['offerings.read'];
    const seenRequests = readable ? await checkAccess(tx, actor, 'offerings.read', REQUEST_TARGET, found.requests) : new Set<number>();
    const seenClasses = readable
      ? await checkAccess(
          tx,
          actor,
          'offerings.read',
          CLASS_TARGET,
          found.classes.map((c) => c.id),
        )
      : new Set<number>();
    const overlapping = [
      ...found.requests.filter((id) => seenRequests.has(id)).map((id) => found.requestNames.get(id)!),
      ...found.classes.filter((c) => seenClasses.has(c.id)).map((c) => c.code),
    ];
    return { overlapping, overlappingElsewhere: found.requests.length + found.classes.length - overlapping.length };
  }

  const assertEditable = (status: string) => {
    if (!EDITABLE_REQUEST_STATUSES.includes(status as RequestStatus))
      throw new AppError(status === 'submitted' ? 'request_locked' : 'invalid_transition', { params: { status } });
  };

  if (workflow) workflow.registerSubject(SUBJECT_TYPE, createRequestSubject({ db }));

  const service = {
    async list(actor: Actor, query: Partial<Omit<ListQuery, 'sort'>> & { sort?: RequestSort }, filters: OfferingFilters) {
      const scope = requireAccess(actor, 'offerings.read');
      const { items, total } = await findRequestPage(db, filters, scope, {
        page: query.page ?? 1,
        pageSize: query.pageSize ?? 20,
        q: query.q,
        sort: query.sort,
        order: query.order,
      });
      return { items: await present(db, items), total };
    },

    async get(actor: Actor, id: number) {
      const scope = requireAccess(actor, 'offerings.read');
      const row = await findRequest(db, id, scope);
      if (!row) throw new AppError('not_found');
      return (await present(db, [row]))[0];
    },

    async create(actor: Actor, input: RequestInput) {
      const scope = requireAccess(actor, 'offerings.file');
      return withDbErrors(() =>
        db.transaction(async (tx) => {
          const [course] = await catalog.courseFacts([input.courseId], tx);
          if (!course)
            throw new AppError('reference_not_found', {
              params: { field: 'courseId' },
              fields: [{ field: 'courseId', code: 'reference_not_found', params: { value: input.courseId } }],
            });
          if (!course.isActive) throw new AppError('validation_failed', { fields: [{ field: 'courseId', code: 'course_retired' }] });
          if (!(await findTermById(tx, input.termId)))
            throw new AppError('reference_not_found', {
              params: { field: 'termId' },
              fields: [{ field: 'termId', code: 'reference_not_found', params: { value: input.termId } }],
            });
          const collegeId =
            input.collegeId ?? (scope.kind === 'some' && scope.collegeIds.length === 1 ? scope.collegeIds[0] : course.collegeId);
          if (!mayFileFor(scope, collegeId)) throw new AppError('out_of_scope', { fields: [{ field: 'collegeId', code: 'out_of_scope' }] });
          const values = toValues(input);
          await checkValues(tx, actor, values);
          const id = await insertRequest(tx, {
            ...(values as Required<typeof values>),
            termId: input.termId,
            courseId: input.courseId,
            collegeId,
            status: 'draft',
            createdBy: actor.userId,
          });
          const after = await one(tx, id);
          await writeAudit(tx, actor, { action: 'course_requests.create', entityType: 'course_requests', entityId: id, after });
          return after;
        }),
      );
    },

    async update(actor: Actor, id: number, input: CourseRequestPatch) {
      return withDbErrors(() =>
        db.transaction(async (tx) => {
          assertEditable((await loadForFiling(tx, actor, id)).status);
          // The before-image in the same shape as the after-image (weeks, teachers' names): two shapes
          // would show fields nobody changed as changed in the audit log.
          const before = await one(tx, id);
          const values = toValues(input);
          await checkValues(tx, actor, values);
          await updateRequest(tx, id, values, clock());
          const after = await one(tx, id);
          await writeAudit(tx, actor, { action: 'course_requests.update', entityType: 'course_requests', entityId: id, before, after });
          return after;
        }),
      );
    },

    async remove(actor: Actor, id: number) {
      await withDbErrors(() =>
        db.transaction(async (tx) => {
          const before = await loadForFiling(tx, actor, id);
          if (before.status !== 'draft') throw new AppError('invalid_transition', { params: { status: before.status } });
          await deleteRequest(tx, id);
          await writeAudit(tx, actor, { action: 'course_requests.delete', entityType: 'course_requests', entityId: id, before });
        }),
      );
    },

    /** Checks the submit rules, then hands the request to the approval flow; it stays locked while pending. */
    async submit(actor: Actor, id: number) {
      return withDbErrors(() =>
        db.transaction(async (tx) => {
          const before = await loadForFiling(tx, actor, id);
          assertEditable(before.status);
          const [course] = await catalog.courseFacts([before.courseId], tx);
          // The admin classes and cohorts the request reaches, explicit or through whole-cohort targets.
          const reached = await findAdminClasses(tx, { ids: before.adminClassIds });
          const cohortClasses = before.targetMajors.length ? await findAdminClasses(tx, { majorCohorts: before.targetMajors }) : [];
          const majorCohorts = [...before.targetMajors, ...reached.map((c) => ({ majorId: c.majorId, cohort: c.cohort }))];
          const issues = checkSubmitRules({
            request: before,
            course,
            termWeeks: (await findTermById(tx, before.termId))!.weeks,
            teachers: await findTeachersByIds(
              tx,
              before.teachers.map((t) => t.teacherId),
            ),
            maxRoomCapacity: await maxRoomCapacity(tx, before.roomType, before.roomFeatures),
            ...(await overlapsFor(
              tx,
              actor,
              await findOverlapping(tx, {
                termId: before.termId,
                courseId: before.courseId,
                adminClassIds: [...before.adminClassIds, ...cohortClasses.map((c) => c.id)],
                majorCohorts,
                exceptRequestId: id,
              }),
            )),
          });
          if (issues.length) throw new AppError('request_rules_failed', { params: { count: issues.length }, fields: issues });
          const instanceId = workflow
            ? await workflow.submit(actor, {
                flowKey: 'course_request',
                subjectType: SUBJECT_TYPE,
                subjectId: id,
                scope: { collegeId: before.collegeId },
                tx,
                context: {
                  capacity: before.capacity,
                  credits: Number(course.credits),
                  courseCode: course.code,
                  weeklyHours: before.sessions.reduce((s, h) => s + h, 0),
                  collegeId: before.collegeId,
                },
              })
            : null;
          await updateRequest(tx, id, { status: 'submitted', workflowInstanceId: instanceId, submittedAt: clock() }, clock());
          const after = await one(tx, id);
          await writeAudit(tx, actor, {
            action: 'course_requests.submit',
            entityType: 'course_requests',
            entityId: id,
            before: { status: before.status },
            after: { status: 'submitted', workflowInstanceId: instanceId },
          });
          return after;
        }),
      );
    },

    /**
     * The filer takes a pending (or returned) request back; the flow's
     * withdrawal sets the state (onWithdrawn). One transaction: the instance
     * and the request are withdrawn together or not at all.
     */
    async withdraw(actor: Actor, id: number) {
      return withDbErrors(() =>
        db.transaction(async (tx) => {
          const before = await loadForFiling(tx, actor, id);
          if (before.status !== 'submitted' && before.status !== 'returned')
            throw new AppError('invalid_transition', { params: { status: before.status } });
          if (workflow && before.workflowInstanceId) await workflow.withdraw(actor, before.workflowInstanceId, null, tx);
          const current = await findRequest(tx, id, { kind: 'all' });
          if (current && current.status !== 'withdrawn') {
            await updateRequest(tx, id, { status: 'withdrawn' }, clock());
            await writeAudit(tx, actor, {
              action: 'course_requests.withdraw',
              entityType: 'course_requests',
              entityId: id,
              before: { status: current.status },
              after: { status: 'withdrawn' },
            });
          }
          return one(tx, id);
        }),
      );
    },

    prefill: (actor: Actor, input: { termId: number; collegeId?: number; keys?: string[] }) =>
      withDbErrors(() => prefillRequests(db, catalog, actor, input)),
    /** What prefill would create, to choose from; nothing is written. */
    async prefillPreview(actor: Actor, input: { termId: number; collegeId?: number }): Promise<PrefillPreview> {
      const { drafts, skipped } = await planPrefill(db, catalog, actor, input);
      return { drafts, skipped };
    },

    /** Per-college counts of the requests in scope (the summary above the office's list). */
    summary(actor: Actor, filters: OfferingFilters) {
      const scope = requireAccess(actor, 'offerings.read');
      return findRequestSummary(db, filters, scope);
    },

    /** The requests the list's filters select, in scope, for the export (capped: an export is not a backup). */
    async exportRows(actor: Actor, filters: OfferingFilters) {
      const scope = requireAccess(actor, 'offerings.read');
      const rows = await present(db, await findRequestRows(db, filters, scope, 10_000));
      return { rows, timeZone: await findSchoolTimeZone(db) };
    },

    /**
     * Submit, withdraw or delete several requests: each one on its own, in
     * its own transaction, so one refusal leaves the others done; the result
     * says per request what happened (translated reasons for the refusals).
     */
    async batch(actor: Actor, input: RequestBatchInput, locale: Locale): Promise<RequestBatchResult> {
      requireAccess(actor, 'offerings.file');
      const results: RequestBatchResult['results'] = [];
      for (const id of [...new Set(input.ids)]) {
        try {
          if (input.action === 'submit') await service.submit(actor, id);
          else if (input.action === 'withdraw') await service.withdraw(actor, id);
          else await service.remove(actor, id);
          results.push({ id, ok: true });
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          results.push({ id, ok: false, code: e.code, message: errorMessage(e.code, locale, e.params) });
        }
      }
      return { results };
    },
    copy: (actor: Actor, input: { fromTermId: number; toTermId: number; collegeId?: number }) =>
      withDbErrors(() => copyRequests(db, actor, input)),

    async listClasses(actor: Actor, query: Partial<ListQuery>, filters: OfferingFilters) {
      const scope = requireAccess(actor, 'offerings.read');
      const { items, total } = await findClassPage(db, filters, scope, {
        page: query.page ?? 1,
        pageSize: query.pageSize ?? 20,
        q: query.q,
      });
      return { items: await present(db, items), total };
    },

    async getClass(actor: Actor, id: number) {
      const scope = requireAccess(actor, 'offerings.read');
      const row = await findClass(db, id, scope);
      if (!row) throw new AppError('not_found');
      return (await present(db, [row]))[0];
    },

    /**
     * 教学班名单: the students a teaching class reaches (its admin classes and
     * whole-cohort targets), one page. Whoever may read the class may read
     * its roster: its teachers (teaching scope), its college's secretary.
     */
    async listClassStudents(actor: Actor, id: number, query: Partial<ListQuery>) {
      await requireAccessTo(db, actor, 'offerings.read', CLASS_TARGET, id);
      return findClassStudentsPage(db, id, { page: query.page ?? 1, pageSize: query.pageSize ?? 20, q: query.q });
    },
  };
  return service;
}

export type OfferingsService = ReturnType<typeof createOfferingsService>;
