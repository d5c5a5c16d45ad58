import {
  ENUM_LABELS,
  formatMessage,
  READINESS_MESSAGES,
  sessionsText,
  weeksOfMask,
  type Locale,
  type ReadinessCode,
  type ReadinessFinding,
  type ReadinessReport,
  type ReadinessTarget,
} from '@jiaowu/contracts';
import type { DaySpan } from './core/hard-rules.ts';
import { blockedSlotsOf, type TermFacts } from './term-facts.ts';

/** Share of a room type's periods above which a solve gets tight (a warning). */
const TIGHT_SHARE = 0.85;

const label = (kind: 'roomType' | 'roomFeature', value: string, locale: Locale) =>
  (ENUM_LABELS[kind] as Record<string, Record<Locale, string>>)[value]?.[locale] ?? value;

/** The cells (day:period) of a week set of spans. */
function cellsOf(spans: readonly DaySpan[], into = new Set<string>()) {
  for (const s of spans) for (let p = s.fromPeriod; p <= s.toPeriod; p++) into.add(`${s.day}:${p}`);
  return into;
}

/**
 * 排课前检查 — what would stop a solve or make it poor, in words, each pointing at the thing to
 * fix. Counts are per week: a week pattern (odd/even) counts only in its weeks, so two odd/even
 * classes of an admin class do not add up. Pure: everything comes from the term's facts.
 */
export function readinessOf(facts: TermFacts, locale: Locale): ReadinessReport {
  const findings: ReadinessFinding[] = [];
  const add = (
    code: ReadinessCode,
    severity: ReadinessFinding['severity'],
    params: Record<string, string | number>,
    target: ReadinessTarget,
  ) => findings.push({ code, severity, params, target, message: formatMessage(READINESS_MESSAGES[code][locale], params) });
  const { daysPerWeek, periodsPerDay, weeks } = facts.grid;
  const inGrid = (key: string) => {
    const [d, p] = key.split(':').map(Number);
    return d <= daysPerWeek && p <= periodsPerDay;
  };
  const gridCells = daysPerWeek * periodsPerDay;
  const courseName = (c: { course: { name: string; nameEn: string | null } }) =>
    locale === 'en' ? (c.course.nameEn ?? c.course.name) : c.course.name;
  const classes = [...facts.classes.values()];

  // Blocked cells per week, by what they apply to (categories block single courses, not whole people).
  const blocked = blockedSlotsOf(facts.settings.blockedSlots);
  const blockedIn = (week: number, applies: (b: (typeof blocked)[number]) => boolean) => {
    const s = new Set<string>();
    for (const b of blocked)
      if ((b.weekMask === null || ((b.weekMask >>> (week - 1)) & 1) === 1) && !b.exceptCategories?.length && applies(b)) cellsOf([b], s);
    return [...s].filter(inGrid).length;
  };
  const weekList = Array.from({ length: weeks }, (_, i) => i + 1);
  const allBlocked = weekList.map((w) => blockedIn(w, (b) => b.appliesTo.kind === 'all'));
  const meets = (mask: number, w: number) => ((mask >>> (w - 1)) & 1) === 1;
  const periodsOf = (c: { sessions: number[] }) => c.sessions.reduce((a, b) => a + b, 0);

  for (const c of classes) {
    const params = { code: c.code, course: courseName(c) };
    if (c.teacherIds.length === 0) add('class_no_teacher', 'blocker', params, { kind: 'teaching_class', id: c.id });
    if (c.sessions.length === 0 || periodsOf(c) === 0 || weeksOfMask(c.weekMask).length === 0)
      add('class_no_sessions', 'blocker', params, { kind: 'teaching_class', id: c.id });
  }

  // Rooms: a type with features nobody has; a class bigger than every suitable room.
  const activeRooms = [...facts.rooms.values()].filter((r) => r.isActive);
  const missing = new Map<string, { type: string; features: string[]; codes: string[] }>();
  for (const c of classes) {
    const suitable = activeRooms.filter(
      (r) => (!c.roomType || r.type === c.roomType) && c.roomFeatures.every((f) => r.features.includes(f)),
    );
    if (suitable.length === 0) {
      const key = `${c.roomType ?? ''}|${[...c.roomFeatures].sort().join(',')}`;
      const m = missing.get(key) ?? missing.set(key, { type: c.roomType ?? '', features: c.roomFeatures, codes: [] }).get(key)!;
      m.codes.push(c.code);
      continue;
    }
    const maximum = Math.max(...suitable.map((r) => r.capacity));
    if (c.capacity > maximum)
      add(
        'class_capacity_above_rooms',
        'blocker',
        {
          code: c.code,
          course: courseName(c),
          capacity: c.capacity,
          maximum,
          roomType: c.roomType ? label('roomType', c.roomType, locale) : '—',
        },
        { kind: 'teaching_class', id: c.id },
      );
  }
  for (const m of missing.values()) {
    const features = m.features.length
      ? locale === 'en'
        ? ` with ${m.features.map((f) => label('roomFeature', f, locale)).join(', ')}`
        : `（${m.features.map((f) => label('roomFeature', f, locale)).join('、')}）`
      : '';
    add(
      'room_type_missing',
      'blocker',
      { count: m.codes.length, roomType: label('roomType', m.type, locale), features, code: m.codes[0] },
      { kind: 'room_type', type: m.type },
    );
  }

  // Room-type demand vs the periods its rooms offer in a week.
  const types = [...new Set(classes.map((c) => c.roomType).filter((t): t is string => !!t))];
  for (const type of types) {
    const rooms = activeRooms.filter((r) => r.type === type);
    if (!rooms.length) continue;
    const demand = Math.max(
      0,
      ...weekList.map((w) => classes.filter((c) => c.roomType === type && meets(c.weekMask, w)).reduce((a, c) => a + periodsOf(c), 0)),
    );
    const available = Math.min(
      ...weekList.map((w) =>
        rooms.reduce((a, r) => a + Math.max(0, gridCells - allBlocked[w - 1] - [...cellsOf(r.unavailable)].filter(inGrid).length), 0),
      ),
    );
    const params = {
      roomType: label('roomType', type, locale),
      demand,
      available,
      percent: available ? Math.round((demand / available) * 100) : 100,
    };
    if (demand > available) add('room_type_demand', 'blocker', params, { kind: 'room_type', type });
    else if (demand >= available * TIGHT_SHARE && demand > 0) add('room_type_tight', 'warning', params, { kind: 'room_type', type });
  }

  // Teachers: periods to teach in their busiest week vs the periods left after never-slots and school-wide blocks.
  const never = new Map<number, DaySpan[]>();
  for (const b of facts.teacherBlocks)
    if (b.kind === 'never') (never.get(b.teacherId) ?? never.set(b.teacherId, []).get(b.teacherId)!).push(b);
  const teacherIds = [...new Set(classes.flatMap((c) => c.teacherIds))];
  for (const t of teacherIds) {
    const own = classes.filter((c) => c.teacherIds.includes(t));
    const neverCells = cellsOf(never.get(t) ?? []);
    for (const w of weekList) {
      const demand = own.filter((c) => meets(c.weekMask, w)).reduce((a, c) => a + periodsOf(c), 0);
      const blockedCells = new Set([...neverCells].filter(inGrid));
      for (const b of blocked)
        if (b.appliesTo.kind === 'all' && !b.exceptCategories?.length && (b.weekMask === null || meets(b.weekMask, w)))
          cellsOf([b], blockedCells);
      const available = gridCells - [...blockedCells].filter(inGrid).length;
      if (demand > available) {
        add(
          'teacher_overload',
          'blocker',
          { teacher: facts.teachers.get(t)?.name ?? String(t), demand, available, week: w },
          { kind: 'teacher', id: t },
        );
        break;
      }
    }
  }

  // Admin classes: periods in their busiest week vs what the grid leaves them.
  const adminDemand = new Map<number, number[]>();
  for (const c of classes)
    for (const a of c.adminClassIds) {
      const perWeek = adminDemand.get(a) ?? adminDemand.set(a, Array<number>(weeks).fill(0)).get(a)!;
      for (const w of weekList) if (meets(c.weekMask, w)) perWeek[w - 1] += periodsOf(c);
    }
  for (const [id, perWeek] of adminDemand) {
    const a = facts.adminClasses.get(id);
    if (!a) continue;
    for (const w of weekList) {
      const available =
        gridCells -
        blockedIn(
          w,
          (b) =>
            b.appliesTo.kind === 'all' ||
            (b.appliesTo.kind === 'college' && b.appliesTo.ids.includes(a.collegeId)) ||
            (b.appliesTo.kind === 'cohort' && b.appliesTo.ids.includes(a.cohort)),
        );
      if (perWeek[w - 1] > available) {
        add(
          'admin_class_overload',
          'blocker',
          { adminClass: a.name, demand: perWeek[w - 1], available, week: w },
          { kind: 'admin_class', id },
        );
        break;
      }
    }
  }

  // Links whose classes no longer agree (a class changed after it was linked, or left the term).
  for (const l of facts.links) {
    const members = l.teachingClassIds.map((id) => facts.classes.get(id));
    const present = members.filter((c): c is NonNullable<typeof c> => !!c);
    const distinct = new Set(present.map((c) => sessionsText(c.sessions)));
    if (distinct.size > 1 || present.length < members.length) {
      const detail = present.map((c) => `${c.code} ${sessionsText(c.sessions)}`).join(locale === 'en' ? ', ' : '，');
      add('link_mismatch', 'blocker', { name: l.name, detail }, { kind: 'link', id: l.id });
    }
  }

  const order = { blocker: 0, warning: 1 } as const;
  findings.sort((a, b) => order[a.severity] - order[b.severity]);
  return {
    termId: facts.termId,
    counts: {
      teachingClasses: classes.length,
      lectures: classes.reduce((a, c) => a + c.sessions.length, 0),
      periods: classes.reduce((a, c) => a + periodsOf(c), 0),
      rooms: activeRooms.length,
      teachers: teacherIds.length,
    },
    ready: !findings.some((f) => f.severity === 'blocker'),
    findings,
  };
}
