import { ENUM_LABELS, type Locale } from '@jiaowu/contracts';
import type { UnplacedEvent } from '@jiaowu/solver';
import type { ModelLecture } from './solver-model.ts';
import type { ClassFacts, TermFacts } from './term-facts.ts';

/**
 * The solver's reasons for an unplaced lecture (codes with model ids, see solver src/explain)
 * in words, both languages, with the names of the teachers, classes and rooms and the classes
 * in the way: "没有容纳 60 人的实验室在星期一、星期三空闲（被 数据结构 CS201-01 等占用）".
 * Stored with the draft lecture as [{ code, params, message: { en, zh } }].
 */
export interface ReasonWords {
  code: string;
  params: Record<string, unknown>;
  message: { en: string; zh: string };
}

const DAY_ZH = ['星期一', '星期二', '星期三', '星期四', '星期五', '星期六', '星期日'];
const DAY_EN = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MAX_NAMED = 3;

type Placed = ModelLecture & { day: number; startPeriod: number };

/** "王芳老师" / "teacher 王芳", "班级 计科2401" / "admin class CS2401" for a model resource id. */
function resourceWords(ref: string, facts: TermFacts): { zh: string; en: string } {
  const id = Number(ref.slice(1));
  switch (ref[0]) {
    case 't': {
      const name = facts.teachers.get(id)?.name ?? '?';
      return { zh: `${name}老师`, en: `teacher ${name}` };
    }
    case 'c': {
      const name = facts.adminClasses.get(id)?.name ?? '?';
      return { zh: `班级${name}`, en: `admin class ${name}` };
    }
    case 's':
      return { zh: '选课学生', en: 'an enrolled student' };
    default:
      return { zh: ref, en: ref };
  }
}

function classWords(c: ClassFacts | undefined): string {
  return c ? `${c.course.name} ${c.code}` : '?';
}

function roomNeed(c: ClassFacts): { zh: string; en: string } {
  const type = c.roomType ? ENUM_LABELS.roomType[c.roomType as keyof typeof ENUM_LABELS.roomType] : undefined;
  const features = c.roomFeatures.map((f) => ENUM_LABELS.roomFeature[f as keyof typeof ENUM_LABELS.roomFeature] ?? { 'zh-CN': f, en: f });
  const fz = features.length ? `（带${features.map((f) => f['zh-CN']).join('、')}）` : '';
  const fe = features.length ? ` with ${features.map((f) => f.en.toLowerCase()).join(', ')}` : '';
  return {
    zh: `容纳 ${c.capacity} 人的${type?.['zh-CN'] ?? '教室'}${fz}`,
    en: `${(type?.en ?? 'room').toLowerCase()} with ${c.capacity} seats${fe}`,
  };
}

/** Up to MAX_NAMED distinct classes among these lectures, "A、B 等" / "A, B and others". */
function namesOf(lectures: readonly Placed[], facts: TermFacts): { zh: string; en: string; ids: number[] } | null {
  const ids = [...new Set(lectures.map((l) => l.teachingClassId))];
  if (ids.length === 0) return null;
  const named = ids.slice(0, MAX_NAMED).map((id) => classWords(facts.classes.get(id)));
  const more = ids.length > MAX_NAMED;
  return { zh: named.join('、') + (more ? ' 等' : ''), en: named.join(', ') + (more ? ' and others' : ''), ids: ids.slice(0, MAX_NAMED) };
}

/** The reasons of one unplaced lecture, in words. `all` is every lecture of the draft after the solve. */
export function reasonsInWords(u: UnplacedEvent, lecture: ModelLecture, all: readonly ModelLecture[], facts: TermFacts): ReasonWords[] {
  const c = facts.classes.get(lecture.teachingClassId);
  const placed = all.filter((l): l is Placed => l.day !== null && l.startPeriod !== null && l.lectureKey !== lecture.lectureKey);
  const usesResource = (l: Placed, ref: string) => {
    const id = Number(ref.slice(1));
    if (ref[0] === 't') return l.teacherIds.includes(id);
    if (ref[0] === 'c') return facts.classes.get(l.teachingClassId)?.adminClassIds.includes(id) ?? false;
    return false;
  };
  const out: ReasonWords[] = [];
  for (const r of u.reasons) {
    const p = r.params;
    switch (r.code) {
      case 'NO_ALLOWED_TIME': {
        const who = ((p.resources as string[] | undefined) ?? []).map((ref) => resourceWords(ref, facts));
        out.push({
          code: r.code,
          params: p,
          message: who.length
            ? {
                zh: `所有可排时间都被${who.map((x) => x.zh).join('、')}的不可排时间或禁排时间排除`,
                en: `Every possible time is excluded by the unavailable times of ${who.map((x) => x.en).join(', ')} or by blocked slots`,
              }
            : {
                zh: '禁排时间和锁定排除了所有可排时间',
                en: 'Blocked slots and locks exclude every possible time',
              },
        });
        break;
      }
      case 'NO_SUITABLE_ROOM': {
        const need = c ? roomNeed(c) : { zh: '合适的教室', en: 'suitable room' };
        out.push({ code: r.code, params: p, message: { zh: `全校没有${need.zh}`, en: `No ${need.en} exists` } });
        break;
      }
      case 'RESOURCE_BUSY': {
        const ref = String(p.resource);
        const who = resourceWords(ref, facts);
        const names = namesOf(
          placed.filter((l) => usesResource(l, ref)),
          facts,
        );
        out.push({
          code: r.code,
          params: { ...p, blockingClassIds: names?.ids ?? [] },
          message: {
            zh: `${who.zh}在 ${p.of} 个可排时间中有 ${p.times} 个已有课${names ? `（${names.zh}）` : ''}`,
            en: `${cap(who.en)} is busy at ${p.times} of the ${p.of} possible times${names ? ` (${names.en})` : ''}`,
          },
        });
        break;
      }
      case 'RESOURCES_EXCLUSIVE': {
        const [a, b] = ((p.resources as string[] | undefined) ?? []).map((ref) => resourceWords(ref, facts));
        out.push({
          code: r.code,
          params: p,
          message: {
            zh: `${a?.zh ?? '?'}在${b?.zh ?? '?'}的每个空闲时间都有课`,
            en: `${cap(a?.en ?? '?')} is busy at every free time of ${b?.en ?? '?'}`,
          },
        });
        break;
      }
      case 'ROOMS_FULL': {
        const days = ((p.days as number[] | undefined) ?? []).map(Number);
        const need = c ? roomNeed(c) : { zh: '合适的教室', en: 'suitable room' };
        const teachers = lecture.teacherIds.map((t) => facts.teachers.get(t)?.name).filter(Boolean) as string[];
        const fits = (roomId: number | null) => {
          const room = roomId === null ? undefined : facts.rooms.get(roomId);
          if (!room || !c) return false;
          return (
            room.capacity >= c.capacity &&
            (!c.roomType || room.type === c.roomType) &&
            c.roomFeatures.every((f) => room.features.includes(f))
          );
        };
        const names = namesOf(
          placed.filter((l) => days.includes(l.day - 1) && fits(l.roomId)),
          facts,
        );
        const whenZh = teachers.length ? `在${teachers.join('、')}老师有空时` : '在可排时间';
        const whenEn = teachers.length ? ` when ${teachers.join(', ')} ${teachers.length > 1 ? 'are' : 'is'} available` : '';
        out.push({
          code: r.code,
          params: { ...p, blockingClassIds: names?.ids ?? [] },
          message: {
            zh: `${days.map((d) => DAY_ZH[d] ?? '').join('、')}没有${need.zh}${whenZh}空闲${names ? `（被 ${names.zh} 占用）` : ''}`,
            en: `No ${need.en} is free on ${days.map((d) => DAY_EN[d] ?? '').join(', ')}${whenEn}${names ? ` (taken by ${names.en})` : ''}`,
          },
        });
        break;
      }
      case 'SEARCH_LIMIT':
      default:
        out.push({
          code: 'SEARCH_LIMIT',
          params: p,
          message: {
            zh: '仍有空闲的时间和教室，但求解在排入该课之前结束，请延长求解时间后重新求解',
            en: 'A free time and room exist, but the search ended before it placed this lecture; solve again for longer',
          },
        });
    }
  }
  if (out.length === 0)
    out.push({
      code: 'SEARCH_LIMIT',
      params: {},
      message: { zh: '求解在排入该课之前结束，请重新求解', en: 'The search ended before it placed this lecture; solve again' },
    });
  return out;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A stored reason in the reader's language. */
export function reasonText(r: { message?: { en?: string; zh?: string } }, locale: Locale): string {
  return (locale === 'en' ? r.message?.en : r.message?.zh) ?? '';
}
