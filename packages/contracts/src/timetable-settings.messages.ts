type L = { 'zh-CN': string; en: string };

/** Field messages of this area, merged into FIELD_MESSAGES (errors.ts). */
export const TIMETABLE_FIELD_MESSAGES = {
  tt_blocked_day: {
    'zh-CN': '禁排时间第 {row} 行：本学期每周只有 {max} 天',
    en: 'Blocked slot row {row}: the term has only {max} days a week',
  },
  tt_blocked_period_range: {
    'zh-CN': '禁排时间第 {row} 行：结束节次早于开始节次',
    en: 'Blocked slot row {row}: the last period is before the first',
  },
  tt_blocked_period_max: { 'zh-CN': '禁排时间第 {row} 行：每天只有 {max} 节', en: 'Blocked slot row {row}: a day has only {max} periods' },
  tt_blocked_weeks: {
    'zh-CN': '禁排时间第 {row} 行：第 {week} 周超出本学期的 {max} 周',
    en: 'Blocked slot row {row}: week {week} is beyond the term’s {max} weeks',
  },
  tt_blocked_no_weeks: {
    'zh-CN': '禁排时间第 {row} 行：请至少选择一周，或选择“每周”',
    en: 'Blocked slot row {row}: choose at least one week, or “every week”',
  },
  tt_blocked_except_same: {
    'zh-CN': '禁排时间第 {row} 行：例外类别不能与适用类别相同',
    en: 'Blocked slot row {row}: an exempt category cannot also be a category it applies to',
  },
  tt_blocked_unknown: { 'zh-CN': '禁排时间第 {row} 行：找不到{what} {value}', en: 'Blocked slot row {row}: no {what} {value}' },
  tt_travel_same_campus: {
    'zh-CN': '校区间通行第 {row} 行：两个校区不能相同',
    en: 'Campus travel row {row}: the two campuses must differ',
  },
  tt_travel_duplicate: {
    'zh-CN': '校区间通行第 {row} 行：与第 {other} 行是同一对校区',
    en: 'Campus travel row {row}: same pair of campuses as row {other}',
  },
  tt_travel_unknown: { 'zh-CN': '校区间通行第 {row} 行：找不到校区 {value}', en: 'Campus travel row {row}: no campus {value}' },
  tt_period_beyond_grid: { 'zh-CN': '每天只有 {max} 节', en: 'A day has only {max} periods' },
  tt_week_beyond_term: { 'zh-CN': '第 {week} 周超出本学期的 {max} 周', en: 'Week {week} is beyond the term’s {max} weeks' },
  tt_block_range: {
    'zh-CN': '第 {row} 段：{day} 的节次范围无效（每天 {max} 节）',
    en: 'Entry {row}: invalid periods on {day} (a day has {max})',
  },
  tt_block_overlap: { 'zh-CN': '第 {row} 段与第 {other} 段时间重叠', en: 'Entry {row} overlaps entry {other}' },
  tt_link_class_term: { 'zh-CN': '第 {row} 个教学班不属于本学期', en: 'Class {row} is not a teaching class of this term' },
  tt_link_duplicate: { 'zh-CN': '教学班 {code} 重复选择', en: 'Teaching class {code} is chosen twice' },
  tt_link_sessions: {
    'zh-CN': '教学班 {code} 每周安排为 {sessions}，与 {first} 的 {firstSessions} 不同；同时上课的教学班每周次数和每次节数必须相同',
    en: 'Teaching class {code} meets {sessions} a week, {first} meets {firstSessions}; linked classes must have the same sessions',
  },
  tt_link_taken: {
    'zh-CN': '教学班 {code} 已在同时上课组“{name}”中',
    en: 'Teaching class {code} is already in linked group “{name}”',
  },
} as const satisfies Record<string, L>;
export type TimetableFieldMessageCode = keyof typeof TIMETABLE_FIELD_MESSAGES;
