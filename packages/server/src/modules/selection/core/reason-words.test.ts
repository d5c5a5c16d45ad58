import { describe, expect, it } from 'vitest';
import { SELECTION_REASON_CODES, type SelectionReasonCode } from '@jiaowu/contracts';
import { reasonsForApi, reasonText } from './reason-words.ts';
import type { ClassName, Reason } from './rules.ts';

const ds: ClassName = {
  teachingClassId: 7,
  code: 'CS201-01',
  courseId: 21,
  courseCode: 'CS201',
  courseName: '数据结构',
  courseNameEn: 'Data Structures',
};
const os: ClassName = {
  teachingClassId: 8,
  code: 'CS301-01',
  courseId: 31,
  courseCode: 'CS301',
  courseName: '操作系统',
  courseNameEn: 'Operating Systems',
};
const weeks3to16 = [...Array(14)].map((_, i) => i + 3);

/** At least one reason of every code, in each of its variants (the Record makes a new code fail to compile here). */
const SAMPLES: Record<SelectionReasonCode, Reason[]> = {
  window_closed: [
    {
      code: 'window_closed',
      params: { opensAt: '2026-09-01T00:00:00.000Z', closesAt: '2026-09-05T09:00:00.000Z', isStaggered: false, hasClosed: false },
    },
    {
      code: 'window_closed',
      params: { opensAt: '2026-08-31T23:59:30.000Z', closesAt: '2026-09-05T09:00:00.000Z', isStaggered: true, hasClosed: false },
    },
    {
      code: 'window_closed',
      params: { opensAt: '2026-09-01T00:00:00.000Z', closesAt: '2026-09-05T09:00:00.000Z', isStaggered: false, hasClosed: true },
    },
  ],
  not_in_round: [{ code: 'not_in_round', params: { round: '2025-2026-1 正选' } }],
  class_not_in_round: [{ code: 'class_not_in_round', params: { class: os, round: '2025-2026-1 正选' } }],
  course_already_taken: [
    { code: 'course_already_taken', params: { class: os, other: { ...os, code: 'CS301-02' }, hasPassed: false } },
    { code: 'course_already_taken', params: { class: os, other: null, hasPassed: true } },
  ],
  time_conflict: [{ code: 'time_conflict', params: { class: os, other: ds, day: 2, fromPeriod: 3, toPeriod: 4, weeks: weeks3to16 } }],
  class_full: [{ code: 'class_full', params: { class: os, capacity: 60 } }],
  reserved_seats: [{ code: 'reserved_seats', params: { class: os, groups: ['软件工程', '2023级'], until: '2026-09-02T16:00:00.000Z' } }],
  credit_limit: [{ code: 'credit_limit', params: { current: 24, credits: 3, max: 25 } }],
  class_limit: [{ code: 'class_limit', params: { current: 8, max: 8 } }],
  prerequisite_missing: [
    {
      code: 'prerequisite_missing',
      params: {
        class: os,
        missing: { op: 'all', items: [{ course: 'CS101' }, { op: 'any', items: [{ course: 'CS201' }, { course: 'CS202' }] }] },
        names: { CS101: { name: '程序设计', nameEn: 'Programming' }, CS201: { name: '数据结构', nameEn: 'Data Structures' } },
      },
    },
  ],
  hold: [{ code: 'hold', params: { reason: '未缴清学费' } }],
  gender_restricted: [
    { code: 'gender_restricted', params: { class: os, gender: 'male' } },
    { code: 'gender_restricted', params: { class: os, gender: 'female' } },
  ],
  dropped_in_round: [{ code: 'dropped_in_round', params: { class: os } }],
  retake_mode_not_allowed: [
    { code: 'retake_mode_not_allowed', params: { class: os, mode: 'self_study', isClassMismatch: false } },
    { code: 'retake_mode_not_allowed', params: { class: os, mode: 'retake_class', isClassMismatch: true } },
    { code: 'retake_mode_not_allowed', params: { class: os, mode: 'follow', isClassMismatch: true } },
  ],
  not_a_retake: [{ code: 'not_a_retake', params: { class: os } }],
  drops_closed: [
    { code: 'drops_closed', params: { class: os, cause: 'not_allowed', deadline: null } },
    { code: 'drops_closed', params: { class: os, cause: 'deadline', deadline: '2026-09-03T04:00:00.000Z' } },
    { code: 'drops_closed', params: { class: os, cause: 'fixed', deadline: null } },
  ],
};

const CJK = /[\u4e00-\u9fff]/;

describe('reason words', () => {
  it('every code has words in both languages with no raw code, placeholder or id left', () => {
    for (const code of SELECTION_REASON_CODES) {
      expect(SAMPLES[code].length, code).toBeGreaterThan(0);
      for (const r of SAMPLES[code]) {
        const zh = reasonText(r, 'zh-CN');
        const en = reasonText(r, 'en');
        for (const s of [zh, en]) {
          expect(s).not.toMatch(/\{\{|\}\}|undefined|null|NaN|\[object/);
          // No identifier-like words (time_conflict, self_study, not_allowed …).
          expect(s).not.toMatch(/[a-z]+_[a-z_]+/);
          expect(s).not.toMatch(/\b(follow|male|female)\b/);
        }
        for (const c of SELECTION_REASON_CODES) expect(zh).not.toContain(c);
        expect(zh, code).toMatch(CJK);
        // English words name things in English; only a hold's or a group's own text may be Chinese.
        if (!['hold', 'reserved_seats', 'not_in_round', 'class_not_in_round'].includes(code)) expect(en, `${code}: ${en}`).not.toMatch(CJK);
        expect(zh).not.toBe(en);
      }
    }
  });

  it('a time conflict names the class, weeks, day and periods as the school prints them', () => {
    const [r] = SAMPLES.time_conflict;
    expect(reasonText(r, 'zh-CN')).toBe('与已选的 数据结构（CS201-01）在 3-16周 周二 第3-4节 时间冲突');
    expect(reasonText(r, 'en')).toBe('Clashes with Data Structures (CS201-01) on Tue periods 3–4, Weeks 3–16');
  });

  it('a credit limit names the total, the class and the limit', () => {
    const [r] = SAMPLES.credit_limit;
    expect(reasonText(r, 'zh-CN')).toBe('学分超过上限：已选 24 学分，本课 3 学分，上限 25 学分');
    expect(reasonText({ code: 'credit_limit', params: { current: 24.5, credits: 0.5, max: 25 } }, 'en')).toBe(
      'Over the credit limit: 24.5 credits taken, this class 0.5, limit 25',
    );
  });

  it('times are shown in the school zone, with seconds only when an opening is not on the minute', () => {
    const [plain, staggered, closed] = SAMPLES.window_closed;
    expect(reasonText(plain, 'zh-CN')).toBe('本轮选课将于 2026-09-01 08:00 开始');
    expect(reasonText(staggered, 'zh-CN')).toBe('你所在年级的选课时间从 2026-09-01 07:59:30 开始');
    expect(reasonText(closed, 'en')).toBe('This round closed at 2026-09-05 17:00');
    expect(reasonText(plain, 'en', 'Europe/Berlin')).toBe('This round opens at 2026-09-01 02:00');
  });

  it('missing prerequisites are named by course, with alternatives', () => {
    const [r] = SAMPLES.prerequisite_missing;
    expect(reasonText(r, 'zh-CN')).toBe('选修 操作系统（CS301-01）需先通过：程序设计（CS101）、（数据结构（CS201） 或 CS202）');
    expect(reasonText(r, 'en')).toBe(
      'Operating Systems (CS301-01) requires passing Programming (CS101) and (Data Structures (CS201) or CS202) first',
    );
  });

  it('the API shape keeps the code and translates the message', () => {
    expect(reasonsForApi(SAMPLES.hold, 'zh-CN')).toEqual([{ code: 'hold', message: '你有选课限制：未缴清学费' }]);
  });
});
