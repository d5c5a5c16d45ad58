import { z } from 'zod';
import { id, INT_MAX } from './common.ts';
import { draftStatus, lectureItem } from './timetable.ts';

/**
 * 排课方案 — drafts of a term's timetable: created, solved by the solver in a job, compared,
 * re-solved with minimal perturbation from the published version. Shapes of
 * `/api/timetable/drafts…`.
 */

/** Longest solve the office may ask for (seconds). */
export const MAX_SOLVE_SECONDS = 600;
export const DEFAULT_SOLVE_SECONDS = 60;
export const DRAFT_NAME_MAX = 60;

export const draftListQuery = z.object({ termId: id });

/** What a new draft starts from: nothing placed, a copy of a draft, or the published timetable. */
export const draftSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('empty') }),
  z.object({ kind: z.literal('draft'), draftId: z.number().int().positive() }),
  z.object({ kind: z.literal('published') }),
]);
export type DraftSource = z.infer<typeof draftSource>;

export const draftCreateInput = z.object({
  termId: z.number().int().positive(),
  /** 方案名称 */
  name: z.string().trim().min(1).max(DRAFT_NAME_MAX),
  from: draftSource.default({ kind: 'empty' }),
});
export type DraftCreateInput = z.input<typeof draftCreateInput>;

export const draftPatch = z.object({
  name: z.string().trim().min(1).max(DRAFT_NAME_MAX),
  /** The draft version the caller saw (optimistic concurrency); omitted: no check. */
  version: z.number().int().positive().max(INT_MAX).optional(),
});
export type DraftPatch = z.infer<typeof draftPatch>;

export const solveInput = z.object({
  /** Seed of the search (the same seed and model give the same result for an iteration budget). */
  seed: z.number().int().min(0).max(2_147_483_647).optional(),
  timeLimitSeconds: z.number().int().min(1).max(MAX_SOLVE_SECONDS).default(DEFAULT_SOLVE_SECONDS),
  /** Start from the lectures placed now (kept where still valid) instead of from nothing. */
  keepPlaced: z.boolean().default(false),
});
export type SolveInput = z.input<typeof solveInput>;

export const resolveInput = z.object({
  termId: z.number().int().positive(),
  timeLimitSeconds: z.number().int().min(1).max(MAX_SOLVE_SECONDS).default(30),
});
export type ResolveInput = z.input<typeof resolveInput>;

export const compareQuery = z.object({
  /** Two or three draft ids, comma-separated. */
  ids: z
    .string()
    .transform((s) => s.split(',').map((x) => Number(x.trim())))
    .pipe(z.array(z.number().int().positive()).min(2).max(3)),
});

/** Soft-cost components of a solve, in a fixed order (names shown in words, see SOLVE_CONSTRAINT_LABELS). */
export const SOLVE_CONSTRAINTS = [
  'conflicts',
  'unplaced',
  'hardOther',
  'timePreference',
  'roomPenalty',
  'minDays',
  'compactness',
  'roomStability',
  'buildingChange',
  'rules',
] as const;
export type SolveConstraint = (typeof SOLVE_CONSTRAINTS)[number];

/** What the last solve of a draft left (stored as solve_summary). */
export const solveSummary = z.object({
  /** Every lecture placed and no hard rule broken (by the checker). */
  feasible: z.boolean(),
  /** Hard violations by the checker (unplaced lectures included). */
  hard: z.number(),
  soft: z.number(),
  byConstraint: z.record(z.string(), z.number()),
  /** Per college: lectures placed, in all, and soft cost. */
  byCollege: z.array(z.object({ collegeId: z.number().int(), placed: z.number().int(), total: z.number().int(), soft: z.number() })),
  placed: z.number().int(),
  total: z.number().int(),
  elapsedMs: z.number(),
  firstFeasibleMs: z.number().nullable(),
  seed: z.number().int(),
  /** The run was cancelled: this is the best found until then. */
  cancelled: z.boolean().default(false),
  /** A minimal-perturbation re-solve: lectures moved against the published version. */
  moved: z.number().int().optional(),
});
export type SolveSummary = z.infer<typeof solveSummary>;

/** Progress of a solve job (`GET /api/jobs/:id` → detail). */
export const solveProgress = z.object({
  phase: z.enum(['loading', 'construct', 'anneal', 'storing', 'done']),
  placed: z.number().int(),
  total: z.number().int(),
  hard: z.number(),
  soft: z.number(),
  elapsedMs: z.number(),
});
export type SolveProgress = z.infer<typeof solveProgress>;

export const draftItem = z.object({
  id: z.number().int(),
  termId: z.number().int(),
  name: z.string(),
  status: draftStatus,
  version: z.number().int(),
  basedOnVersionId: z.number().int().nullable(),
  solveSummary: solveSummary.nullable(),
  placed: z.number().int(),
  total: z.number().int(),
  /** The running or last solve. */
  lastJob: z.object({ id: z.number().int(), status: z.string(), detail: z.unknown() }).nullable(),
  /** A solve is queued or running: the draft cannot be edited meanwhile. */
  solving: z.boolean(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DraftItem = z.infer<typeof draftItem>;

/** One reason a lecture is unplaced, in the reader's language, names spelled out. */
export const unplacedReason = z.object({ code: z.string(), message: z.string() });
export const unplacedItem = z.object({ lecture: lectureItem, reasons: z.array(unplacedReason) });
export type UnplacedItem = z.infer<typeof unplacedItem>;

export const draftDetail = draftItem.extend({
  lectures: z.array(lectureItem),
  unplaced: z.array(unplacedItem),
});
export type DraftDetail = z.infer<typeof draftDetail>;

/** Where a lecture is: its time and room, with the room's name and words ("周一 第1-2节 A101"). */
export const lectureSpot = z.object({
  day: z.number().int().nullable(),
  startPeriod: z.number().int().nullable(),
  roomId: z.number().int().nullable(),
  roomName: z.string().nullable(),
  text: z.string(),
});
export const lectureMove = z.object({
  key: z.string(),
  lecture: lectureItem,
  from: lectureSpot.nullable(),
  to: lectureSpot.nullable(),
  /** time: another day/period; room: same time, other room; unplaced: no place any more; added: new lecture. */
  kind: z.enum(['time', 'room', 'unplaced', 'added']),
});
export type LectureMove = z.infer<typeof lectureMove>;
export const movesView = z.object({
  draftId: z.number().int(),
  basedOnVersionId: z.number().int().nullable(),
  items: z.array(lectureMove),
});
export type MovesView = z.infer<typeof movesView>;

export const compareView = z.object({
  drafts: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      placed: z.number().int(),
      total: z.number().int(),
      hard: z.number(),
      soft: z.number().nullable(),
      solved: z.boolean(),
    }),
  ),
  /** Cost by constraint, named in words, one value per draft (in the order of `drafts`). */
  byConstraint: z.array(z.object({ key: z.string(), label: z.string(), values: z.array(z.number().nullable()) })),
  byCollege: z.array(
    z.object({
      collegeId: z.number().int(),
      collegeName: z.string(),
      values: z.array(z.object({ placed: z.number().int(), total: z.number().int(), soft: z.number().nullable() })),
    }),
  ),
  /** Lectures placed differently in the drafts (first draft against each other one). */
  moves: z.array(z.object({ otherId: z.number().int(), count: z.number().int(), items: z.array(lectureMove) })),
});
export type CompareView = z.infer<typeof compareView>;

export const solveStarted = z.object({ jobId: z.number().int(), draftId: z.number().int() });
export type SolveStarted = z.infer<typeof solveStarted>;

/** Words of the solver's cost components, for compare and summaries. */
export const SOLVE_CONSTRAINT_LABELS: Record<SolveConstraint, { 'zh-CN': string; en: string }> = {
  conflicts: { 'zh-CN': '时间冲突', en: 'Double bookings' },
  unplaced: { 'zh-CN': '未排课程', en: 'Unplaced lectures' },
  hardOther: { 'zh-CN': '其他硬约束', en: 'Other hard rules' },
  timePreference: { 'zh-CN': '时间意愿与晚间课', en: 'Time wishes and evening periods' },
  roomPenalty: { 'zh-CN': '教室适配', en: 'Room fit' },
  minDays: { 'zh-CN': '课次分散', en: 'Spread of sessions over days' },
  compactness: { 'zh-CN': '班级课表紧凑', en: 'Compact days of admin classes' },
  roomStability: { 'zh-CN': '固定教室', en: 'Same room for all sessions' },
  buildingChange: { 'zh-CN': '跨楼换教室', en: 'Building changes' },
  rules: { 'zh-CN': '教师每日课时上限', en: 'Teacher day limits' },
};
