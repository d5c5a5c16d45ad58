import { describe, expect, it } from 'vitest';
import { HARD_RULES, type HardViolation } from './timetable.ts';
import { SOFT_KINDS, ruleTitle, violationText, type SoftViolation, type TimetableNames } from './timetable-words.ts';

const names: TimetableNames = {
  lectures: {
    '1:0': { course: '数据结构', courseEn: 'Data Structures', code: 'CS201-01', startPeriod: 3, length: 2 },
    '2:0': { course: '操作系统', courseEn: 'Operating Systems', code: 'CS305-02', startPeriod: 3, length: 3 },
  },
  teachers: { 7: '王芳' },
  rooms: { 3: '教学楼A-101' },
  adminClasses: { 5: '计科2501' },
  students: { 9: '李明' },
  campuses: { 1: '主校区', 2: '东校区' },
  blockedSlots: { 0: { zh: '政治学习', en: 'Political study' } },
  links: { 4: '体育分项' },
};
const weeks16 = Array.from({ length: 16 }, (_, i) => i + 1);
const v = (rule: HardViolation['rule'], over: Partial<HardViolation> = {}): HardViolation => ({
  rule,
  lectureKeys: ['1:0', '2:0'],
  subject: null,
  day: 2,
  period: 3,
  weeks: weeks16,
  params: {},
  ...over,
});

describe('violations in words', () => {
  it('names the teacher, the time with its weeks and both lectures of a clash', () => {
    const clash = v('teacher_clash', { subject: { kind: 'teacher', id: 7 } });
    expect(violationText(clash, names, 'zh-CN')).toBe('教师 王芳 在 周二 第3-4节（1-16周） 同时有 数据结构 CS201-01 与 操作系统 CS305-02');
    expect(violationText(clash, names, 'en')).toBe(
      'Teacher 王芳 has both Data Structures CS201-01 and Operating Systems CS305-02 on Tue periods 3–4 (Weeks 1–16)',
    );
  });

  it('says odd weeks as a Chinese timetable prints them', () => {
    const odd = v('room_clash', { subject: { kind: 'room', id: 3 }, weeks: [1, 3, 5, 7, 9, 11, 13, 15] });
    expect(violationText(odd, names, 'zh-CN')).toContain('教室 教学楼A-101 在 周二 第3-4节（1-15周(单)）');
  });

  it('words seats, room types, features, travel time and blocked slots with their names', () => {
    const room = { kind: 'room' as const, id: 3 };
    expect(violationText(v('room_capacity', { subject: room, params: { size: 120, capacity: 60 } }), names, 'zh-CN')).toBe(
      '数据结构 CS201-01 有 120 人，教室 教学楼A-101 只有 60 个座位',
    );
    expect(violationText(v('room_type', { subject: room, params: { need: 'lab', has: 'multimedia' } }), names, 'zh-CN')).toBe(
      '数据结构 CS201-01 需要实验室，教室 教学楼A-101 是多媒体教室',
    );
    expect(violationText(v('room_features', { subject: room, params: { missing: 'projector,recording' } }), names, 'zh-CN')).toContain(
      '投影仪、录播',
    );
    const travel = v('campus_travel', {
      subject: { kind: 'admin_class', id: 5 },
      params: { need: 30, gap: 10, fromCampus: 1, toCampus: 2 },
    });
    expect(violationText(travel, names, 'zh-CN')).toContain('行政班 计科2501');
    expect(violationText(travel, names, 'zh-CN')).toContain('主校区');
    expect(violationText(travel, names, 'zh-CN')).toContain('只有 10 分钟，跨校区需要 30 分钟');
    expect(violationText(v('blocked_slot', { subject: { kind: 'blocked_slot', id: 0 } }), names, 'en')).toContain('Political study');
  });

  it('has a title and a sentence without codes or ids for every hard rule and soft kind, in both languages', () => {
    const subjects: Record<string, HardViolation['subject']> = {
      teacher_clash: { kind: 'teacher', id: 7 },
      teacher_unavailable: { kind: 'teacher', id: 7 },
      campus_travel: { kind: 'teacher', id: 7 },
      class_clash: { kind: 'admin_class', id: 5 },
      student_clash: { kind: 'student', id: 9 },
      linked_time: { kind: 'link', id: 4 },
    };
    const all: (HardViolation | SoftViolation)[] = [
      ...HARD_RULES.map((r) =>
        v(r, {
          subject: subjects[r] ?? { kind: 'room', id: 3 },
          params: { size: 1, capacity: 1, need: 'lab', has: 'lab', missing: 'projector', gap: 1, fromCampus: 1, toCampus: 2 },
        }),
      ),
      ...SOFT_KINDS.map((r): SoftViolation => ({
        ...v('unplaced'),
        rule: r,
        subject: { kind: 'teacher', id: 7 },
        params: { periods: 9, limit: 6 },
      })),
    ];
    for (const x of all)
      for (const locale of ['zh-CN', 'en'] as const) {
        const text = violationText(x, names, locale);
        expect(text, `${x.rule} ${locale}`).not.toMatch(/\?|undefined|_/);
        expect(ruleTitle(x.rule, locale)).not.toMatch(/_/);
        if (locale === 'zh-CN') expect(text).toMatch(/[\u4e00-\u9fff]/);
      }
  });
});
