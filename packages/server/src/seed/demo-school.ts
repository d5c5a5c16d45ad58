// Demo data: a realistic, mid-sized Chinese university — two campuses, their
// buildings and rooms, five colleges with departments, majors, admin classes
// (行政班), teachers and about 4,300 students, plus the current and previous
// term with their time grid.
//
// Everything is deterministic: a fixed-seed PRNG (mulberry32, one stream per
// kind of data) drives every choice, so two runs on fresh databases insert
// identical rows with identical ids. Rows go in with bulk inserts of at most
// CHUNK rows, which keeps the whole seed well under a second or two on PGlite.
import type { ROOM_FEATURES, ROOM_TYPES, GENDERS, TEACHER_TITLES, STUDENT_STATUSES } from '@jiaowu/contracts';
import type { Db, Tx } from '../db/client.ts';
import {
  adminClasses,
  buildings,
  campuses,
  colleges,
  departments,
  majors,
  rooms,
  students,
  teachers,
  terms,
  timePeriods,
} from '../modules/org/org.tables.ts';
import { FEMALE_CHARS, MALE_CHARS, NEUTRAL_CHARS, SURNAMES } from './demo-names.ts';
import { idNumberFactory } from './demo-id-numbers.ts';

type RoomType = (typeof ROOM_TYPES)[number];
type RoomFeature = (typeof ROOM_FEATURES)[number];
type Gender = (typeof GENDERS)[number];
type TeacherTitle = (typeof TEACHER_TITLES)[number];
type StudentStatus = (typeof STUDENT_STATUSES)[number];

/** The rows the demo accounts and the rest of the demo seed hang on. */
export interface DemoAnchors {
  /** The current term, 2026-2027-1. */
  termId: number;
  /** The previous term, 2025-2026-2. */
  previousTermId: number;
  /** The term before, 2025-2026-1 (autumn 2025): graded in the school's old system, its grades migrated. */
  earlierTermId: number;
  /** 计算机科学与技术学院 — the college of the demo college secretary (教学秘书). */
  secretaryCollegeId: number;
  /** 张伟, associate professor in 计算机科学系 — the demo teacher account. */
  teacherId: number;
  /** 李明, class 计科2401 (学号 2024010101) — the demo student account. */
  studentId: number;
}

// ---------------------------------------------------------------- constants

/** Rows per INSERT; PGlite and PostgreSQL both cap bind parameters at 65,535. */
const CHUNK = 1000;
const SEED = 20260907;

export const DEMO_CURRENT_TERM = {
  code: '2026-2027-1',
  name: '2026-2027学年第一学期',
  academicYear: '2026-2027',
  semester: 1,
  startDate: '2026-09-07',
  weeks: 18,
  daysPerWeek: 5,
  periodsPerDay: 12,
  isCurrent: true,
} as const;

export const DEMO_PREVIOUS_TERM = {
  code: '2025-2026-2',
  name: '2025-2026学年第二学期',
  academicYear: '2025-2026',
  semester: 2,
  startDate: '2026-03-02',
  weeks: 18,
  daysPerWeek: 5,
  periodsPerDay: 12,
  isCurrent: false,
} as const;

/**
 * Autumn 2025, the last term of the school's old grading system (it moved to Jiaowu in spring
 * 2026): no timetable here, only its grades, migrated.
 */
export const DEMO_EARLIER_TERM = {
  code: '2025-2026-1',
  name: '2025-2026学年第一学期',
  academicYear: '2025-2026',
  semester: 1,
  startDate: '2025-09-01',
  weeks: 18,
  daysPerWeek: 5,
  periodsPerDay: 12,
  isCurrent: false,
} as const;

/** The four cohorts (年级) enrolled in the current term: autumn 2026 has freshmen of 2026 and seniors of 2023. */
export const DEMO_COHORTS = [2023, 2024, 2025, 2026] as const;

/** 节次: morning 1–4, afternoon 5–8, evening 9–12. */
export const DEMO_TIME_GRID: ReadonlyArray<readonly [string, string]> = [
  ['08:00', '08:45'],
  ['08:55', '09:40'],
  ['10:00', '10:45'],
  ['10:55', '11:40'],
  ['14:00', '14:45'],
  ['14:55', '15:40'],
  ['16:00', '16:45'],
  ['16:55', '17:40'],
  ['19:00', '19:45'],
  ['19:55', '20:40'],
  ['20:50', '21:35'],
  ['21:45', '22:30'],
];

interface MajorSpec {
  code: string; // 教育部本科专业代码
  name: string;
  /** Short form used in class names: 计科2401. */
  short: string;
  /** Latin prefix of class codes: CS2401. */
  prefix: string;
  /** Admin classes per cohort. */
  classes: number;
}
interface DepartmentSpec {
  code: string;
  name: string;
  teachers: number;
  majors: MajorSpec[];
}
interface CollegeSpec {
  /** Two digits; also digits 5–6 of the 学号. */
  code: string;
  name: string;
  nameEn: string;
  /** Share of men among students (teachers are drawn nearer to even). */
  maleShare: number;
  departments: DepartmentSpec[];
}

export const DEMO_COLLEGES: CollegeSpec[] = [
  {
    code: '01',
    name: '计算机科学与技术学院',
    nameEn: 'School of Computer Science and Technology',
    maleShare: 0.7,
    departments: [
      {
        code: '0101',
        name: '计算机科学系',
        teachers: 14,
        majors: [{ code: '080901', name: '计算机科学与技术', short: '计科', prefix: 'CS', classes: 2 }],
      },
      {
        code: '0102',
        name: '软件工程系',
        teachers: 12,
        majors: [{ code: '080902', name: '软件工程', short: '软工', prefix: 'SE', classes: 2 }],
      },
      {
        code: '0103',
        name: '网络与信息安全系',
        teachers: 10,
        majors: [
          { code: '080903', name: '网络工程', short: '网工', prefix: 'NE', classes: 1 },
          { code: '080904K', name: '信息安全', short: '信安', prefix: 'IS', classes: 1 },
        ],
      },
      {
        code: '0104',
        name: '人工智能系',
        teachers: 10,
        majors: [
          { code: '080717T', name: '人工智能', short: '智能', prefix: 'AI', classes: 1 },
          { code: '080910T', name: '数据科学与大数据技术', short: '数据', prefix: 'DS', classes: 1 },
        ],
      },
    ],
  },
  {
    code: '02',
    name: '经济管理学院',
    nameEn: 'School of Economics and Management',
    maleShare: 0.4,
    departments: [
      {
        code: '0201',
        name: '会计系',
        teachers: 11,
        majors: [
          { code: '120203K', name: '会计学', short: '会计', prefix: 'ACC', classes: 2 },
          { code: '120204', name: '财务管理', short: '财管', prefix: 'FM', classes: 1 },
        ],
      },
      {
        code: '0202',
        name: '工商管理系',
        teachers: 10,
        majors: [
          { code: '120201K', name: '工商管理', short: '工商', prefix: 'BA', classes: 1 },
          { code: '120202', name: '市场营销', short: '营销', prefix: 'MKT', classes: 1 },
        ],
      },
      {
        code: '0203',
        name: '经济学系',
        teachers: 9,
        majors: [{ code: '020101', name: '经济学', short: '经济', prefix: 'ECO', classes: 1 }],
      },
      {
        code: '0204',
        name: '金融学系',
        teachers: 9,
        majors: [{ code: '020301K', name: '金融学', short: '金融', prefix: 'FIN', classes: 1 }],
      },
    ],
  },
  {
    code: '03',
    name: '外国语学院',
    nameEn: 'School of Foreign Languages',
    maleShare: 0.2,
    departments: [
      {
        code: '0301',
        name: '英语系',
        teachers: 12,
        majors: [
          { code: '050201', name: '英语', short: '英语', prefix: 'EN', classes: 2 },
          { code: '050261', name: '翻译', short: '翻译', prefix: 'TR', classes: 1 },
        ],
      },
      { code: '0302', name: '日语系', teachers: 8, majors: [{ code: '050207', name: '日语', short: '日语', prefix: 'JP', classes: 1 }] },
      { code: '0303', name: '德语系', teachers: 6, majors: [{ code: '050203', name: '德语', short: '德语', prefix: 'DE', classes: 1 }] },
    ],
  },
  {
    code: '04',
    name: '机械工程学院',
    nameEn: 'School of Mechanical Engineering',
    maleShare: 0.85,
    departments: [
      {
        code: '0401',
        name: '机械设计系',
        teachers: 11,
        majors: [{ code: '080202', name: '机械设计制造及其自动化', short: '机械', prefix: 'ME', classes: 2 }],
      },
      {
        code: '0402',
        name: '车辆工程系',
        teachers: 8,
        majors: [{ code: '080207', name: '车辆工程', short: '车辆', prefix: 'VE', classes: 1 }],
      },
      {
        code: '0403',
        name: '机械电子工程系',
        teachers: 8,
        majors: [{ code: '080204', name: '机械电子工程', short: '机电', prefix: 'MT', classes: 1 }],
      },
    ],
  },
  {
    code: '05',
    name: '数学与统计学院',
    nameEn: 'School of Mathematics and Statistics',
    maleShare: 0.5,
    departments: [
      {
        code: '0501',
        name: '数学系',
        teachers: 12,
        majors: [
          { code: '070101', name: '数学与应用数学', short: '数学', prefix: 'MA', classes: 1 },
          { code: '070102', name: '信息与计算科学', short: '信计', prefix: 'IC', classes: 1 },
        ],
      },
      {
        code: '0502',
        name: '统计学系',
        teachers: 9,
        majors: [{ code: '071201', name: '统计学', short: '统计', prefix: 'ST', classes: 1 }],
      },
    ],
  },
];

/**
 * Teaching units without majors of their own: the 马克思主义学院 (思想政治理论课, 军事理论), the
 * 体育教学部 (大学体育) and the 物理系 of the 数学与统计学院 (大学物理). They teach every college's
 * public courses. Seeded after the students, from their own random streams, so the people
 * drawn before them stay as they were.
 */
export const DEMO_SERVICE_UNITS: { college: { code: string; name: string; nameEn: string } | string; departments: DepartmentSpec[] }[] = [
  {
    college: { code: '06', name: '马克思主义学院', nameEn: 'School of Marxism' },
    departments: [{ code: '0601', name: '思想政治理论教研部', teachers: 18, majors: [] }],
  },
  {
    college: { code: '07', name: '体育教学部', nameEn: 'Department of Physical Education' },
    departments: [{ code: '0701', name: '体育教研室', teachers: 10, majors: [] }],
  },
  { college: '05', departments: [{ code: '0503', name: '物理系', teachers: 7, majors: [] }] },
];

/** Students per admin class, inclusive; two digits of the 学号 hold the sequence number. */
const CLASS_SIZE = [34, 46] as const;

const ANCHOR_TEACHER = {
  name: '张伟',
  gender: 'male' as Gender,
  title: 'associate_professor' as TeacherTitle,
  hireYear: 2010,
  departmentCode: '0101',
};
const ANCHOR_STUDENT = { name: '李明', gender: 'male' as Gender, classCode: 'CS2401' };

/** Years a student is older (+1) or younger (-1) than 18 at entry, with weights. */
const AGE_OFFSETS = [
  [0, 80],
  [1, 12],
  [-1, 8],
] as const;

// ---------------------------------------------------------------- randomness

type Rng = () => number;

/** mulberry32: a tiny, fast 32-bit PRNG; good enough for demo data and fully reproducible. */
function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An independent stream per kind of data, so changing rooms does not reshuffle students. */
export function stream(label: string): Rng {
  let h = SEED >>> 0;
  for (const ch of label) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return mulberry32(h);
}

const intBetween = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];

function weighted<T>(rng: Rng, items: ReadonlyArray<readonly [T, number]>): T {
  const total = items.reduce((sum, [, w]) => sum + w, 0);
  let r = rng() * total;
  for (const [item, w] of items) {
    r -= w;
    if (r < 0) return item;
  }
  return items[items.length - 1][0];
}

const RESERVED_NAMES = new Set([ANCHOR_TEACHER.name, ANCHOR_STUDENT.name]);

/** A plausible Chinese name: weighted surname, one or two given-name characters. */
function chineseName(rng: Rng, gender: Gender, singleCharShare: number): string {
  for (;;) {
    const surname = weighted(rng, SURNAMES);
    const own = gender === 'male' ? MALE_CHARS : FEMALE_CHARS;
    const char = () => (rng() < 0.15 ? pick(rng, NEUTRAL_CHARS) : pick(rng, own));
    let given: string;
    if (rng() < singleCharShare) given = pick(rng, own);
    else if (gender === 'female' && rng() < 0.03)
      given = pick(rng, own).repeat(2); // 叠字: 婷婷
    else {
      const first = char();
      let second = char();
      while (second === first || surname.includes(second)) second = char();
      given = first + second;
    }
    if (surname.includes(given[0])) continue;
    const name = surname + given;
    if (!RESERVED_NAMES.has(name)) return name;
  }
}

function mobile(rng: Rng): string {
  const prefix = pick(rng, [
    '130',
    '131',
    '132',
    '135',
    '136',
    '137',
    '138',
    '139',
    '150',
    '151',
    '152',
    '155',
    '158',
    '159',
    '166',
    '177',
    '180',
    '181',
    '186',
    '187',
    '188',
    '189',
    '191',
    '199',
  ]);
  let rest = '';
  for (let i = 0; i < 8; i++) rest += Math.floor(rng() * 10);
  return prefix + rest;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

// ---------------------------------------------------------------- bulk insert

/** Inserts rows CHUNK at a time and maps each returned code to its id. */
async function insertAll<R>(rows: R[], insert: (chunk: R[]) => Promise<{ id: number; code: string }[]>): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (let i = 0; i < rows.length; i += CHUNK) {
    for (const row of await insert(rows.slice(i, i + CHUNK))) ids.set(row.code, row.id);
  }
  return ids;
}

function idOf(ids: Map<string, number>, code: string): number {
  const id = ids.get(code);
  if (id === undefined) throw new Error(`demo seed: no id for ${code}`);
  return id;
}

// ---------------------------------------------------------------- places

interface RoomPlan {
  code: string;
  name: string;
  buildingCode: string;
  type: RoomType;
  capacity: number;
  examCapacity: number;
  features: RoomFeature[];
  unavailable: { day: number; fromPeriod: number; toPeriod: number }[];
}

const CAMPUSES = [
  { code: 'C1', name: '主校区', address: '浙江省杭州市西湖区学院路88号' },
  { code: 'C2', name: '东校区', address: '浙江省杭州市钱塘区东湖大道1688号' },
];

const BUILDINGS = [
  { code: 'A', name: '教学楼A', campus: 'C1' },
  { code: 'B', name: '教学楼B', campus: 'C1' },
  { code: 'LAB1', name: '实验楼', campus: 'C1' },
  { code: 'CC', name: '计算中心', campus: 'C1' },
  { code: 'GYM1', name: '体育馆', campus: 'C1' },
  { code: 'C', name: '教学楼C', campus: 'C2' },
  { code: 'LAB2', name: '东区实验楼', campus: 'C2' },
  { code: 'GYM2', name: '东区体育馆', campus: 'C2' },
];

function withFeatures(set: Set<RoomFeature>): RoomFeature[] {
  const order: RoomFeature[] = ['projector', 'air_conditioning', 'recording', 'smart_board', 'sound_system'];
  return order.filter((f) => set.has(f));
}

function planRooms(): RoomPlan[] {
  const rng = stream('rooms');
  const plans: RoomPlan[] = [];
  const buildingName = new Map(BUILDINGS.map((b) => [b.code, b.name]));

  // Teaching buildings: big tiered halls on the ground floor, ordinary classrooms above.
  const classroom = (bcode: string, floor: number, n: number, capacity: number) => {
    const multimedia = capacity >= 100 || rng() < 0.7;
    const f = new Set<RoomFeature>();
    if (multimedia) f.add('projector');
    if (rng() < (multimedia ? 0.92 : 0.6)) f.add('air_conditioning');
    if (capacity >= 150 || (multimedia && rng() < 0.12)) f.add('recording');
    if (multimedia && capacity <= 80 && rng() < 0.3) f.add('smart_board');
    if (capacity >= 120) f.add('sound_system');
    const num = `${floor}${pad(n, 2)}`;
    plans.push({
      code: `${bcode}${num}`,
      name: `${buildingName.get(bcode)}-${num}`,
      buildingCode: bcode,
      type: multimedia ? 'multimedia' : 'lecture',
      capacity,
      examCapacity: Math.floor(capacity / 2),
      features: withFeatures(f),
      unavailable: [],
    });
  };
  const teachingBuilding = (bcode: string, floors: number, perFloor: number, ground: number[]) => {
    for (let floor = 1; floor <= floors; floor++) {
      for (let n = 1; n <= perFloor; n++) {
        const capacity = floor === 1 && n <= ground.length ? ground[n - 1] : pick(rng, [40, 50, 60, 60, 60, 80, 80, 100, 120]);
        classroom(bcode, floor, n, capacity);
      }
    }
  };
  teachingBuilding('A', 5, 8, [200, 180, 150, 120, 120, 100]);
  teachingBuilding('B', 4, 8, [160, 120, 120, 100]);
  teachingBuilding('C', 4, 6, [200, 150, 120]);

  // Laboratories: 30–60 seats, not used for exams.
  const LAB_KINDS: Record<string, string[]> = {
    LAB1: ['工程训练中心', '机械基础实验室', '电工电子实验室', '大学物理实验室', '控制工程实验室', '数据分析实验室'],
    LAB2: ['语音室', '同声传译实验室', '经管综合实训室', '金融模拟实验室'],
  };
  const lab = (bcode: string, floor: number, n: number) => {
    const kinds = LAB_KINDS[bcode];
    const kind = kinds[(floor * 7 + n) % kinds.length];
    const f = new Set<RoomFeature>();
    if (rng() < 0.6) f.add('projector');
    if (rng() < 0.9) f.add('air_conditioning');
    if (kind.includes('语音') || kind.includes('传译')) f.add('sound_system');
    const num = `${floor}${pad(n, 2)}`;
    plans.push({
      code: `${bcode}-${num}`,
      name: `${buildingName.get(bcode)}-${num} ${kind}`,
      buildingCode: bcode,
      type: 'lab',
      capacity: pick(rng, [30, 36, 40, 40, 48, 50, 60]),
      examCapacity: 0,
      features: withFeatures(f),
      unavailable: [],
    });
  };
  for (let floor = 1; floor <= 3; floor++) for (let n = 1; n <= 6; n++) lab('LAB1', floor, n);
  for (let floor = 1; floor <= 2; floor++) for (let n = 1; n <= 4; n++) lab('LAB2', floor, n);

  // Computer rooms (机房): 60–120 seats; computer-based exams use every seat.
  const computerRoom = (bcode: string, floor: number, n: number) => {
    const capacity = pick(rng, [60, 70, 80, 90, 100, 120]);
    const f = new Set<RoomFeature>(['projector', 'air_conditioning']);
    if (rng() < 0.3) f.add('recording');
    if (capacity >= 100) f.add('sound_system');
    const num = `${floor}${pad(n, 2)}`;
    plans.push({
      code: `${bcode}-${num}`,
      name: `${buildingName.get(bcode)}-${num} 机房`,
      buildingCode: bcode,
      type: 'computer',
      capacity,
      examCapacity: capacity,
      features: withFeatures(f),
      unavailable: [],
    });
  };
  for (let floor = 1; floor <= 3; floor++) for (let n = 1; n <= 4; n++) computerRoom('CC', floor, n);
  for (let n = 1; n <= 3; n++) computerRoom('LAB2', 3, n);

  // Sports halls.
  const gym = (bcode: string, n: number, name: string, capacity: number, features: RoomFeature[]) =>
    plans.push({
      code: `${bcode}-${pad(n, 2)}`,
      name: `${buildingName.get(bcode)} ${name}`,
      buildingCode: bcode,
      type: 'gym',
      capacity,
      examCapacity: 0,
      features: withFeatures(new Set(features)),
      unavailable: [],
    });
  gym('GYM1', 1, '篮球馆', 120, ['sound_system']);
  gym('GYM1', 2, '羽毛球馆', 80, ['sound_system']);
  gym('GYM1', 3, '形体房', 40, ['air_conditioning', 'sound_system']);
  gym('GYM2', 1, '综合训练馆', 100, ['sound_system']);

  // The lecture hall 学术报告厅 takes a whole major's cohort (大班授课).
  plans.push({
    code: 'A-HALL',
    name: `${buildingName.get('A')}-学术报告厅`,
    buildingCode: 'A',
    type: 'multimedia',
    capacity: 360,
    examCapacity: 180,
    features: withFeatures(new Set<RoomFeature>(['projector', 'air_conditioning', 'recording', 'sound_system'])),
    unavailable: [],
  });

  // A few rooms are blocked at fixed times (教研活动, 校队训练, 设备维护, 晚间自习).
  const BLOCKS = [
    [{ day: 3, fromPeriod: 5, toPeriod: 8 }],
    [{ day: 5, fromPeriod: 9, toPeriod: 12 }],
    [{ day: 1, fromPeriod: 1, toPeriod: 2 }],
    [
      { day: 2, fromPeriod: 9, toPeriod: 12 },
      { day: 4, fromPeriod: 9, toPeriod: 12 },
    ],
  ];
  plans.forEach((p, i) => {
    if (i % 13 === 5) p.unavailable = BLOCKS[Math.floor(i / 13) % BLOCKS.length];
  });
  const basketball = plans.find((p) => p.code === 'GYM1-01');
  if (basketball) basketball.unavailable = [{ day: 3, fromPeriod: 9, toPeriod: 12 }]; // 校队训练
  return plans;
}

// ---------------------------------------------------------------- people

const TITLE_PLAN: ReadonlyArray<readonly [TeacherTitle, number]> = [
  ['professor', 18],
  ['associate_professor', 32],
  ['lecturer', 38],
  ['assistant', 12],
];
const HIRE_YEARS: Record<TeacherTitle, [number, number]> = {
  professor: [1994, 2010],
  associate_professor: [2002, 2017],
  lecturer: [2008, 2022],
  assistant: [2019, 2025],
  other: [2000, 2020],
};

// ---------------------------------------------------------------- the seed

/**
 * Inserts the demo school into an empty (migrated) database and returns the
 * anchors the demo accounts use. Runs inside a transaction (a savepoint when
 * given one), so a failure leaves nothing behind.
 */
export async function seedDemoSchool(db: Db | Tx): Promise<DemoAnchors> {
  return (db as Db).transaction(async (tx) => {
    // Terms and their time grid (the term default, campus null).
    // The earlier term last: the other terms keep their ids.
    const termIds = await insertAll([DEMO_PREVIOUS_TERM, DEMO_CURRENT_TERM, DEMO_EARLIER_TERM], (c) =>
      tx.insert(terms).values(c).returning({ id: terms.id, code: terms.code }),
    );
    const termId = idOf(termIds, DEMO_CURRENT_TERM.code);
    const previousTermId = idOf(termIds, DEMO_PREVIOUS_TERM.code);
    const earlierTermId = idOf(termIds, DEMO_EARLIER_TERM.code);
    await tx
      .insert(timePeriods)
      .values(
        [previousTermId, termId].flatMap((tid) =>
          DEMO_TIME_GRID.map(([startsAt, endsAt], i) => ({ termId: tid, campusId: null, period: i + 1, startsAt, endsAt })),
        ),
      );

    // Campuses, buildings, rooms.
    const campusIds = await insertAll(CAMPUSES, (c) => tx.insert(campuses).values(c).returning({ id: campuses.id, code: campuses.code }));
    const buildingIds = await insertAll(
      BUILDINGS.map((b) => ({ code: b.code, name: b.name, campusId: idOf(campusIds, b.campus) })),
      (c) => tx.insert(buildings).values(c).returning({ id: buildings.id, code: buildings.code }),
    );
    await insertAll(
      planRooms().map(({ buildingCode, ...r }) => ({ ...r, buildingId: idOf(buildingIds, buildingCode) })),
      (c) => tx.insert(rooms).values(c).returning({ id: rooms.id, code: rooms.code }),
    );

    // Colleges, departments, majors.
    const collegeIds = await insertAll(
      DEMO_COLLEGES.map(({ code, name, nameEn }) => ({ code, name, nameEn })),
      (c) => tx.insert(colleges).values(c).returning({ id: colleges.id, code: colleges.code }),
    );
    const departmentIds = await insertAll(
      DEMO_COLLEGES.flatMap((col) => col.departments.map((d) => ({ code: d.code, name: d.name, collegeId: idOf(collegeIds, col.code) }))),
      (c) => tx.insert(departments).values(c).returning({ id: departments.id, code: departments.code }),
    );
    const majorIds = await insertAll(
      DEMO_COLLEGES.flatMap((col) =>
        col.departments.flatMap((d) =>
          d.majors.map((m) => ({ code: m.code, name: m.name, departmentId: idOf(departmentIds, d.code), durationYears: 4 })),
        ),
      ),
      (c) => tx.insert(majors).values(c).returning({ id: majors.id, code: majors.code }),
    );

    // Admin classes: per cohort, numbered within the college for the 学号 and within the major for the name.
    interface ClassPlan {
      code: string;
      name: string;
      majorCode: string;
      cohort: number;
      college: CollegeSpec;
      /** Digits 7–8 of the 学号. */
      indexInCollege: number;
    }
    const classPlans: ClassPlan[] = [];
    for (const cohort of DEMO_COHORTS) {
      const yy = pad(cohort % 100, 2);
      for (const college of DEMO_COLLEGES) {
        let indexInCollege = 0;
        for (const d of college.departments) {
          for (const m of d.majors) {
            for (let k = 1; k <= m.classes; k++) {
              classPlans.push({
                code: `${m.prefix}${yy}${pad(k, 2)}`,
                name: `${m.short}${yy}${pad(k, 2)}`,
                majorCode: m.code,
                cohort,
                college,
                indexInCollege: ++indexInCollege,
              });
            }
          }
        }
      }
    }
    const classIds = await insertAll(
      classPlans.map((p) => ({ code: p.code, name: p.name, majorId: idOf(majorIds, p.majorCode), cohort: p.cohort })),
      (c) => tx.insert(adminClasses).values(c).returning({ id: adminClasses.id, code: adminClasses.code }),
    );

    // Teachers: 工号 T + hire year + sequence within that year.
    const trng = stream('teachers');
    // Their own stream: ID numbers do not reshuffle the names and phones drawn before them.
    const irng = stream('id-numbers');
    const idNumber = idNumberFactory(irng);
    const perYear = new Map<number, number>();
    const teacherRows: (typeof teachers.$inferInsert)[] = [];
    let anchorTeacherCode = '';
    for (const college of DEMO_COLLEGES) {
      for (const d of college.departments) {
        for (let i = 0; i < d.teachers; i++) {
          const anchor = d.code === ANCHOR_TEACHER.departmentCode && i === 0;
          const gender: Gender = anchor ? ANCHOR_TEACHER.gender : trng() < (college.maleShare + 0.5) / 2 + 0.05 ? 'male' : 'female';
          const title = anchor ? ANCHOR_TEACHER.title : weighted(trng, TITLE_PLAN);
          const [from, to] = HIRE_YEARS[title];
          const hireYear = anchor ? ANCHOR_TEACHER.hireYear : intBetween(trng, from, to);
          const seq = (perYear.get(hireYear) ?? 0) + 1;
          perYear.set(hireYear, seq);
          const code = `T${hireYear}${pad(seq, 4)}`;
          if (anchor) anchorTeacherCode = code;
          teacherRows.push({
            code,
            name: anchor ? ANCHOR_TEACHER.name : chineseName(trng, gender, 0.3),
            gender,
            departmentId: idOf(departmentIds, d.code),
            title,
            email: `${code.toLowerCase()}@demo.edu.cn`,
            phone: mobile(trng),
            // Hired after a doctorate or a master's: born 25–32 years before.
            idNumber: idNumber(hireYear - intBetween(irng, 25, 32), gender),
            status: 'active',
          });
        }
      }
    }
    const teacherIds = await insertAll(teacherRows, (c) =>
      tx.insert(teachers).values(c).returning({ id: teachers.id, code: teachers.code }),
    );

    // Students: 学号 = cohort(4) + college(2) + class within college(2) + sequence(2).
    const srng = stream('students');
    const studentRows: (typeof students.$inferInsert)[] = [];
    let anchorStudentCode = '';
    for (const p of classPlans) {
      const size = intBetween(srng, CLASS_SIZE[0], CLASS_SIZE[1]);
      const taken = new Set<string>();
      for (let seq = 1; seq <= size; seq++) {
        const code = `${p.cohort}${p.college.code}${pad(p.indexInCollege, 2)}${pad(seq, 2)}`;
        const anchor = p.code === ANCHOR_STUDENT.classCode && seq === 1;
        const gender: Gender = anchor ? ANCHOR_STUDENT.gender : srng() < p.college.maleShare ? 'male' : 'female';
        let name = ANCHOR_STUDENT.name;
        if (!anchor) {
          do name = chineseName(srng, gender, 0.12);
          while (taken.has(name));
        } else anchorStudentCode = code;
        taken.add(name);
        // Freshmen have just arrived; older cohorts have a few on leave (休学).
        const status: StudentStatus =
          !anchor && p.cohort < DEMO_COHORTS[DEMO_COHORTS.length - 1] && srng() < 0.015 ? 'suspended' : 'enrolled';
        studentRows.push({
          code,
          name,
          gender,
          adminClassId: idOf(classIds, p.code),
          majorId: idOf(majorIds, p.majorCode),
          cohort: p.cohort,
          status,
          email: `${code}@stu.demo.edu.cn`,
          phone: mobile(srng),
          // Most enter at 18; a few a year younger or older.
          idNumber: idNumber(p.cohort - 18 + weighted(irng, AGE_OFFSETS), gender),
        });
      }
    }
    const studentIds = await insertAll(studentRows, (c) =>
      tx.insert(students).values(c).returning({ id: students.id, code: students.code }),
    );

    // Service units: their colleges, departments and teachers (their own streams; after the students).
    const serviceCollegeIds = await insertAll(
      DEMO_SERVICE_UNITS.flatMap((u) => (typeof u.college === 'string' ? [] : [u.college])),
      (c) => tx.insert(colleges).values(c).returning({ id: colleges.id, code: colleges.code }),
    );
    const collegeIdOf = (code: string) => serviceCollegeIds.get(code) ?? idOf(collegeIds, code);
    const serviceDepartmentIds = await insertAll(
      DEMO_SERVICE_UNITS.flatMap((u) =>
        u.departments.map((d) => ({
          code: d.code,
          name: d.name,
          collegeId: collegeIdOf(typeof u.college === 'string' ? u.college : u.college.code),
        })),
      ),
      (c) => tx.insert(departments).values(c).returning({ id: departments.id, code: departments.code }),
    );
    const urng = stream('service-teachers');
    const uidNumber = idNumberFactory(stream('service-id-numbers'));
    const serviceTeacherRows: (typeof teachers.$inferInsert)[] = [];
    for (const u of DEMO_SERVICE_UNITS) {
      for (const d of u.departments) {
        for (let i = 0; i < d.teachers; i++) {
          const gender: Gender = urng() < 0.55 ? 'male' : 'female';
          const title = weighted(urng, TITLE_PLAN);
          const [from, to] = HIRE_YEARS[title];
          const hireYear = intBetween(urng, from, to);
          const seq = (perYear.get(hireYear) ?? 0) + 1;
          perYear.set(hireYear, seq);
          const code = `T${hireYear}${pad(seq, 4)}`;
          serviceTeacherRows.push({
            code,
            name: chineseName(urng, gender, 0.3),
            gender,
            departmentId: idOf(serviceDepartmentIds, d.code),
            title,
            email: `${code.toLowerCase()}@demo.edu.cn`,
            phone: mobile(urng),
            idNumber: uidNumber(hireYear - intBetween(urng, 25, 32), gender),
            status: 'active',
          });
        }
      }
    }
    await insertAll(serviceTeacherRows, (c) => tx.insert(teachers).values(c).returning({ id: teachers.id, code: teachers.code }));

    return {
      termId,
      previousTermId,
      earlierTermId,
      secretaryCollegeId: idOf(collegeIds, DEMO_COLLEGES[0].code),
      teacherId: idOf(teacherIds, anchorTeacherCode),
      studentId: idOf(studentIds, anchorStudentCode),
    };
  });
}
