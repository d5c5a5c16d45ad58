// The demo school's teaching classes 教学班 of a term, planned from the curriculum plans:
// pure data in, rows out (demo-timetable-inputs.ts reads the inputs and writes the rows).
//
// Per (course, cohort) the admin classes whose plan has the course in this term are cut into
// teaching classes: public courses merged 合班 for 2–3 admin classes, 大学英语 for 2, major
// courses for 1–2. Weekly periods follow the lecture hours (48 h → 3 a week for 16 weeks,
// 40 h → 3 for 14 weeks, 80 h → 3+2); a course with 16 lab hours gets lab groups of its own
// in alternate weeks (two groups share a slot and a room, one in odd and one in even weeks),
// with 32 lab hours weekly lab classes. 大学体育 is taught in parallel sections 体育分项, one per
// gym, linked to share a time. Teachers come from the course's department with the lowest
// load first, never above MAX_WEEKLY_PERIODS.

/** A course as planning needs it. */
export interface PlanCourse {
  id: number;
  code: string;
  departmentId: number;
  category: string;
  lectureHours: number;
  labHours: number;
  practiceHours: number;
}
export interface PlanAdminClass {
  id: number;
  code: string;
  majorCode: string;
  cohort: number;
  collegeId: number;
  students: number;
}
export interface PlanTeacher {
  id: number;
  departmentId: number;
  collegeId: number;
}
export interface PlanRoom {
  id: number;
  type: string;
  capacity: number;
}
/** A teaching class already in the term (from an approved course request). */
export interface ExistingClass {
  code: string;
  courseId: number;
  adminClassIds: number[];
  teacherIds: number[];
  sessions: number[];
}
export type Wish = { kind: 'prefer' | 'avoid'; day: number; fromPeriod: number; toPeriod: number };

export interface PlannedClass {
  code: string;
  courseId: number;
  collegeId: number;
  teacherIds: number[];
  capacity: number;
  adminClassIds: number[];
  sessions: number[];
  weekPattern: 'all' | 'odd' | 'even';
  weekFrom: number;
  weekTo: number;
  roomType: string;
  roomFeatures: string[];
  timeWishes: Wish[];
  /** Index into the plan's links (体育分项) or null. */
  link: number | null;
  kind: 'lecture' | 'lab' | 'pe' | 'elective';
}
export interface PlannedLink {
  name: string;
}

export interface TermPlanInput {
  /** Plan term index of each cohort in this term (2026 → 1…); cohorts not listed are not taught. */
  termOfCohort: Map<number, number>;
  /** The groups of a major's plan: course code and plan term. */
  planOf: (majorCode: string) => ReadonlyArray<{ courses: ReadonlyArray<readonly [string, number]> }> | null;
  courses: Map<string, PlanCourse>;
  adminClasses: PlanAdminClass[];
  teachers: PlanTeacher[];
  gyms: PlanRoom[];
  existing: ExistingClass[];
  /** (courseId, adminClassId) pairs a pending course request already asks for. */
  requested: Set<string>;
  /** College short names for link names. */
  collegeNames: Map<number, string>;
  /** 公共选修课 outside the plans: a few sections each, open to every student (no admin class). */
  generalElectives: string[];
  /** A teacher whose load stays lower (the demo teacher 张伟) and their limit. */
  limited?: { teacherId: number; maxPeriods: number };
  rng: () => number;
}

/** No teacher is given more than this many periods a week. */
export const MAX_WEEKLY_PERIODS = 16;

/** Courses outside the 计算机学院 whose lab hours are spent in a computer room 机房. */
const COMPUTER_LABS = new Set([
  'CS100',
  'EM102',
  'EM103',
  'ACC205',
  'ECO201',
  'FIN206',
  'MKT203',
  'MKT205',
  'ST202',
  'ST203',
  'ST204',
  'ST206',
  'ST208',
  'MA204',
  'MA209',
  'IC201',
  'IC203',
  'TR204',
  'ME211',
  'ME213',
]);
const COMPUTING_PREFIXES = ['CS', 'SE', 'NE', 'IS', 'AI', 'DS'];
/** Language labs need the sound system of a 语音室. */
const LISTENING_LABS = new Set(['EN206', 'EN202', 'JP105', 'DE105', 'TR202', 'TR203']);
/** Taught in plain classrooms (blackboard) when small. */
const BLACKBOARD_PREFIXES = ['MA', 'ST', 'PH', 'PO', 'JP', 'DE', 'EN'];

const pairKey = (courseId: number, adminClassId: number) => `${courseId}:${adminClassId}`;

/** Weekly sessions of `periods` a week: 3 or 2+1, 2+2 (3+1 now and then), 3+2, 2+2+2. */
function sessionsOf(periods: number, variant: number): number[] {
  switch (periods) {
    case 1:
    case 2:
      return [2];
    case 3:
      // 3 节连上 half of the time, 2+1 otherwise (a 3-period block strands a period of its half-day).
      return variant % 2 === 0 ? [3] : [2, 1];
    case 4:
      return variant % 4 === 0 ? [3, 1] : [2, 2];
    case 5:
      return [3, 2];
    default:
      return [2, 2, 2];
  }
}

/** Weekly periods and weeks of the lecture part: hours spread over at most 16 weeks. */
function lecturePlan(course: PlanCourse): { periods: number; weeks: number } | null {
  const hours = course.lectureHours + (course.labHours < 16 ? course.labHours : 0);
  if (hours === 0) return null;
  if (hours <= 16) return { periods: 2, weeks: Math.ceil(hours / 2) };
  const periods = Math.round(hours / 16);
  return { periods, weeks: Math.min(16, Math.ceil(hours / periods)) };
}

function labRoomType(code: string): 'lab' | 'computer' {
  const prefix = /^[A-Z]+/.exec(code)?.[0] ?? '';
  return COMPUTER_LABS.has(code) || COMPUTING_PREFIXES.includes(prefix) ? 'computer' : 'lab';
}

/** Cuts sorted admin classes into runs of at most `max` classes and `seats` students. */
function chunk(classes: PlanAdminClass[], max: number, seats: number): PlanAdminClass[][] {
  const out: PlanAdminClass[][] = [];
  let cur: PlanAdminClass[] = [];
  let sum = 0;
  for (const c of classes) {
    if (cur.length > 0 && (cur.length >= max || sum + c.students > seats)) {
      out.push(cur);
      cur = [];
      sum = 0;
    }
    cur.push(c);
    sum += c.students;
  }
  if (cur.length) out.push(cur);
  return out;
}

/** Merge limits by kind of course: [admin classes, seats]. */
function mergeLimits(course: PlanCourse): [number, number] {
  // 思想政治 and 军事理论 in big halls, 高等数学, 大学物理, 概率论 and 就业指导 for 2 classes,
  // everything else (大学英语, major courses) per admin class.
  if (/^(PO|MIL)/.test(course.code)) return [3, 130];
  if (/^(MA1|PH|ST1|CA)/.test(course.code)) return [2, 100];
  return [1, 60];
}

/** Plans the term's teaching classes and PE links; throws when a department cannot teach its share. */
export function planTermClasses(input: TermPlanInput): { classes: PlannedClass[]; links: PlannedLink[]; loads: Map<number, number> } {
  const { courses, rng } = input;
  const load = new Map<number, number>(input.teachers.map((t) => [t.id, 0]));
  const byDepartment = new Map<number, PlanTeacher[]>();
  for (const t of input.teachers) (byDepartment.get(t.departmentId) ?? byDepartment.set(t.departmentId, []).get(t.departmentId)!).push(t);
  const byCollege = new Map<number, PlanTeacher[]>();
  for (const t of input.teachers) (byCollege.get(t.collegeId) ?? byCollege.set(t.collegeId, []).get(t.collegeId)!).push(t);
  const courseById = new Map([...courses.values()].map((c) => [c.id, c]));
  const covered = new Set(input.requested);
  const numbers = new Map<number, number>();
  for (const e of input.existing) {
    for (const a of e.adminClassIds) covered.add(pairKey(e.courseId, a));
    for (const t of e.teacherIds) load.set(t, (load.get(t) ?? 0) + e.sessions.reduce((s, x) => s + x, 0));
    const n = Number(e.code.split('-').pop());
    if (Number.isInteger(n)) numbers.set(e.courseId, Math.max(numbers.get(e.courseId) ?? 0, n));
  }
  const nextCode = (course: PlanCourse) => {
    const n = (numbers.get(course.id) ?? 0) + 1;
    numbers.set(course.id, n);
    return `${course.code}-${String(n).padStart(2, '0')}`;
  };
  const limitOf = (teacherId: number) => (input.limited?.teacherId === teacherId ? input.limited.maxPeriods : MAX_WEEKLY_PERIODS);

  /** The least-loaded teacher of the department (then of the college) with room for `periods`. */
  const teacherFor = (course: PlanCourse, collegeId: number, periods: number, exclude: ReadonlySet<number> = new Set()) => {
    const pools = [byDepartment.get(course.departmentId) ?? [], byCollege.get(collegeId) ?? []];
    for (const pool of pools) {
      let best: PlanTeacher | null = null;
      for (const t of pool) {
        if (exclude.has(t.id) || load.get(t.id)! + periods > limitOf(t.id)) continue;
        if (!best || load.get(t.id)! < load.get(best.id)!) best = t;
      }
      if (best) {
        load.set(best.id, load.get(best.id)! + periods);
        return best.id;
      }
    }
    throw new Error(`demo term: no teacher left for ${course.code} (${periods} periods)`);
  };
  const collegeOfCourse = (course: PlanCourse, fallback: number) =>
    input.teachers.find((t) => t.departmentId === course.departmentId)?.collegeId ?? fallback;

  // Which admin classes take which course this term.
  const takers = new Map<number, PlanAdminClass[]>();
  for (const a of input.adminClasses) {
    const term = input.termOfCohort.get(a.cohort);
    if (term === undefined) continue;
    for (const g of input.planOf(a.majorCode) ?? [])
      for (const [code, t] of g.courses) {
        const course = courses.get(code);
        if (!course || t !== term || covered.has(pairKey(course.id, a.id))) continue;
        (takers.get(course.id) ?? takers.set(course.id, []).get(course.id)!).push(a);
      }
  }

  const classes: PlannedClass[] = [];
  const links: PlannedLink[] = [];
  let variant = 0;
  const wishFor = (): Wish[] => {
    const r = rng();
    if (r < 0.04) return [{ kind: 'avoid', day: 5, fromPeriod: 5, toPeriod: 8 }];
    if (r < 0.07) return [{ kind: 'prefer', day: 1 + Math.floor(rng() * 5), fromPeriod: 1, toPeriod: 4 }];
    return [];
  };

  for (const [courseId, list] of [...takers].sort((a, b) => courseById.get(a[0])!.code.localeCompare(courseById.get(b[0])!.code))) {
    const course = courseById.get(courseId)!;
    // Cohorts separately, classes in code order (a major's classes side by side).
    const cohorts = [...new Set(list.map((a) => a.cohort))].sort();
    for (const cohort of cohorts) {
      const group = list.filter((a) => a.cohort === cohort).sort((a, b) => a.code.localeCompare(b.code));
      if (course.code.startsWith('PE')) {
        planPe(course, group);
        continue;
      }
      const lecture = lecturePlan(course);
      const [max, seats] = mergeLimits(course);
      // Merged lectures stay within a college.
      const colleges = [...new Set(group.map((a) => a.collegeId))];
      for (const collegeId of colleges)
        for (const part of chunk(
          group.filter((a) => a.collegeId === collegeId),
          max,
          seats,
        )) {
          const capacity = part.reduce((s, a) => s + a.students, 0);
          let lectureTeacher: number | null = null;
          if (lecture) {
            const sessions = sessionsOf(lecture.periods, variant++);
            const periods = sessions.reduce((s, x) => s + x, 0);
            lectureTeacher = teacherFor(course, collegeId, periods);
            const plain = capacity <= 60 && BLACKBOARD_PREFIXES.some((p) => course.code.startsWith(p)) && variant % 2 === 0;
            classes.push({
              code: nextCode(course),
              courseId,
              collegeId: collegeOfCourse(course, collegeId),
              teacherIds: [lectureTeacher],
              capacity,
              adminClassIds: part.map((a) => a.id),
              sessions,
              weekPattern: 'all',
              weekFrom: 1,
              weekTo: lecture.weeks,
              roomType: plain ? 'lecture' : 'multimedia',
              roomFeatures: [],
              timeWishes: wishFor(),
              link: null,
              kind: 'lecture',
            });
          }
          if (course.labHours >= 16) planLabs(course, part, lectureTeacher);
        }
    }
  }

  for (const code of input.generalElectives) {
    const course = courses.get(code);
    if (!course) continue;
    const sections = 5 + Math.floor(rng() * 4);
    for (let i = 0; i < sections; i++) {
      const collegeId = collegeOfCourse(course, 0);
      classes.push({
        code: nextCode(course),
        courseId: course.id,
        collegeId,
        teacherIds: [teacherFor(course, collegeId, 2)],
        capacity: [60, 80, 100, 120][Math.floor(rng() * 4)],
        adminClassIds: [],
        sessions: [2],
        weekPattern: 'all',
        weekFrom: 1,
        weekTo: 16,
        roomType: 'multimedia',
        roomFeatures: [],
        timeWishes: [{ kind: 'prefer', day: 4, fromPeriod: 5, toPeriod: 8 }],
        link: null,
        kind: 'elective',
      });
    }
  }

  /** Lab groups: 16 h in alternate weeks (odd/even), 32 h weekly. */
  function planLabs(course: PlanCourse, part: PlanAdminClass[], lectureTeacher: number | null) {
    const type = labRoomType(course.code);
    const features = LISTENING_LABS.has(course.code) ? ['sound_system'] : [];
    const groups: { classes: PlanAdminClass[]; size: number }[] = [];
    if (type === 'lab')
      // Lab rooms seat 30–60: each admin class in two halves.
      for (const a of part) {
        groups.push({ classes: [a], size: Math.ceil(a.students / 2) });
        groups.push({ classes: [a], size: Math.floor(a.students / 2) });
      }
    else if (course.labHours >= 32)
      for (const c of chunk(part, 1, 60)) groups.push({ classes: c, size: c.reduce((s, a) => s + a.students, 0) });
    else for (const a of part) groups.push({ classes: [a], size: a.students });
    groups.forEach((g, i) => {
      const alternate = course.labHours < 32;
      const collegeId = g.classes[0].collegeId;
      const teacher =
        lectureTeacher !== null && load.get(lectureTeacher)! + 2 <= limitOf(lectureTeacher) && i < 2
          ? (load.set(lectureTeacher, load.get(lectureTeacher)! + 2), lectureTeacher)
          : teacherFor(course, collegeId, 2);
      classes.push({
        code: nextCode(course),
        courseId: course.id,
        collegeId: collegeOfCourse(course, collegeId),
        teacherIds: [teacher],
        capacity: g.size,
        adminClassIds: g.classes.map((a) => a.id),
        sessions: [2],
        weekPattern: alternate ? (i % 2 === 0 ? 'odd' : 'even') : 'all',
        weekFrom: alternate && i % 2 === 1 ? 2 : 1,
        weekTo: 16,
        roomType: type,
        roomFeatures: features,
        timeWishes: [],
        link: null,
        kind: 'lab',
      });
    });
  }

  /** 体育分项: per college and cohort, sections one per gym (first fit), linked to one time. */
  function planPe(course: PlanCourse, group: PlanAdminClass[]) {
    const gyms = [...input.gyms].sort((a, b) => b.capacity - a.capacity || a.id - b.id);
    for (const collegeId of [...new Set(group.map((a) => a.collegeId))]) {
      const own = group.filter((a) => a.collegeId === collegeId);
      let sections: PlanAdminClass[][] = gyms.map(() => []);
      let part = 0;
      const flush = () => {
        const used = sections.filter((s) => s.length > 0);
        if (!used.length) return;
        part++;
        const link = links.length;
        links.push({ name: `${input.collegeNames.get(collegeId) ?? ''}${own[0].cohort}级${courseNameOf(course)}分项（${part}）` });
        const taken = new Set<number>();
        for (const s of used) {
          const teacher = teacherFor(course, collegeId, 2, taken);
          taken.add(teacher);
          classes.push({
            code: nextCode(course),
            courseId: course.id,
            collegeId: collegeOfCourse(course, collegeId),
            teacherIds: [teacher],
            capacity: s.reduce((x, a) => x + a.students, 0),
            adminClassIds: s.map((a) => a.id),
            sessions: [2],
            weekPattern: 'all',
            weekFrom: 1,
            weekTo: 16,
            roomType: 'gym',
            roomFeatures: [],
            timeWishes: [],
            link,
            kind: 'pe',
          });
        }
        sections = gyms.map(() => []);
      };
      for (const a of own) {
        const fits = (i: number) => sections[i].reduce((x, b) => x + b.students, 0) + a.students <= gyms[i].capacity;
        let i = gyms.findIndex((_, k) => fits(k));
        if (i < 0) {
          flush();
          i = gyms.findIndex((_, k) => fits(k));
        }
        if (i < 0) throw new Error(`demo term: class ${a.code} fits no gym`);
        sections[i].push(a);
      }
      flush();
    }
  }

  return { classes, links, loads: load };
}

const courseNameOf = (course: PlanCourse) => (course.code.startsWith('PE') ? '大学体育' : course.code);
