import type { SolverState } from '../eval/state.ts';
import type { Problem } from '../model/problem.ts';
import { dayMask, specToBlock, timesOverlap } from '../model/weeks.ts';

/** Machine-readable reason codes for an unplaced event. */
export type ReasonCode =
  | 'NO_ALLOWED_TIME'
  | 'NO_SUITABLE_ROOM'
  | 'RESOURCE_BUSY'
  | 'RESOURCES_EXCLUSIVE'
  | 'ROOMS_FULL'
  | 'CAMPUS_TRAVEL'
  | 'LINKED_TIME'
  | 'SEARCH_LIMIT';

/** Who holds a room at the times an event could use it. */
export interface RoomHolder {
  roomId: string;
  eventIds: string[];
}

/** Parameter values of a reason: ids (model ids of events, resources, rooms), names, numbers. */
export type ReasonParam = string | number | string[] | number[] | RoomHolder[];

export interface Message {
  en: string;
  zh: string;
}

/** One reason, as a code with parameters (for the app to translate) and ready messages. */
export interface UnplacedReason {
  code: ReasonCode;
  params: Record<string, ReasonParam>;
  message: Message;
}

/** An event the solver could not place, with what blocks every candidate time/room. */
export interface UnplacedEvent {
  eventId: string;
  eventName: string;
  reasons: UnplacedReason[];
  message: Message;
}

const DAY_EN = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const DAY_ZH = ['星期一', '星期二', '星期三', '星期四', '星期五', '星期六', '星期日'];
const KIND_EN: Record<string, string> = { teacher: 'teacher', class: 'class', student: 'student', other: 'resource' };
const KIND_ZH: Record<string, string> = { teacher: '教师', class: '班级', student: '学生', other: '资源' };
const dayEn = (d: number): string => DAY_EN[d] ?? `day ${d + 1}`;
const dayZh = (d: number): string => DAY_ZH[d] ?? `第${d + 1}天`;

/**
 * Explain why event e cannot be placed in the current (feasible, partial) state: for every
 * allowed time, which resources are busy or whether no suitable room is free; then the few
 * resources that together block all times (greedy cover), and the days with no room free.
 */
export function explainUnplaced(s: SolverState, e: number): UnplacedEvent {
  const p = s.p;
  const ev = p.model.events[e];
  const name = ev.name ?? ev.id;
  const reasons: UnplacedReason[] = [];
  const roomDesc = describeRoomNeed(p, e);
  const ids = (events: Iterable<number>): string[] => [...new Set(events)].sort((a, b) => a - b).map((x) => p.eventIds[x]);
  if (p.evTimes[e].length === 0 || p.evTimeHard[e].every((h) => h === 1)) {
    const blockers = prohibitingResources(p, e);
    const who = blockers.map((r) => p.resNames[r]);
    reasons.push({
      code: 'NO_ALLOWED_TIME',
      params: { resources: who, resourceIds: blockers.map((r) => p.resIds[r]) },
      message: {
        en: who.length ? `Every possible time is excluded by the availability of ${who.join(', ')}.` : 'The event has no allowed time.',
        zh: who.length ? `所有可能的时间都被${who.join('、')}的不可用时间排除。` : '该课程没有可用的上课时间。',
      },
    });
  } else if (!p.evNoRoom[e] && p.evRooms[e].length === 0) {
    // The nearest rooms: those of the required type (or all), largest first.
    const req = ev.roomRequirement;
    const near = p.model.rooms
      .filter((room) => req?.type === undefined || room.type === req.type)
      .sort((a, b) => b.capacity - a.capacity)
      .slice(0, 5);
    reasons.push({
      code: 'NO_SUITABLE_ROOM',
      params: { ...roomDesc.params, nearestRoomIds: near.map((r) => r.id), largestCapacity: near[0]?.capacity ?? 0 },
      message: { en: `No room exists that is ${roomDesc.en}.`, zh: `没有满足条件的教室（${roomDesc.zh}）。` },
    });
  } else {
    const tl = p.evTimes[e];
    const busy = new Map<number, Set<number>>(); // resource -> times blocked
    const busyBy = new Map<number, Set<number>>(); // resource -> events occupying it at those times
    const roomless: number[] = [];
    const travelOnly: number[] = [];
    const travelBy = new Set<number>();
    const holders = new Map<number, Set<number>>(); // room -> events holding it at roomless times
    const free: number[] = [];
    const candidates: number[] = [];
    // Linked events (hard sameTime): a placed partner fixes the time; only that time counts.
    const partners = linkedPartners(p, e).filter((x) => s.tIdx[x] >= 0);
    const fixed = partners.length > 0 ? p.times[p.evTimes[partners[0]][s.tIdx[partners[0]]]] : null;
    if (fixed) {
      const day = 31 - Math.clz32(fixed.days & -fixed.days);
      reasons.push({
        code: 'LINKED_TIME',
        params: { eventIds: ids(partners), day, start: fixed.start },
        message: {
          en: `It must take place at the time of the classes linked to it: ${dayEn(day)}, period ${fixed.start + 1}.`,
          zh: `须与关联的教学班同时上课：${dayZh(day)}第${fixed.start + 1}节。`,
        },
      });
    }
    for (let ti = 0; ti < tl.length; ti++) {
      if (p.evTimeHard[e][ti]) continue;
      if (fixed && (p.times[tl[ti]].days !== fixed.days || p.times[tl[ti]].start !== fixed.start)) continue;
      candidates.push(ti);
      const t = tl[ti];
      let blocked = false;
      for (const r of p.evRes[e]) {
        if (s.usedAt(r, t) > 0) {
          if (!busy.has(r)) {
            busy.set(r, new Set());
            busyBy.set(r, new Set());
          }
          busy.get(r)!.add(ti);
          occupants(s, r, t, busyBy.get(r)!);
          blocked = true;
        }
      }
      if (blocked) continue;
      if (p.evNoRoom[e]) {
        free.push(ti);
        continue;
      }
      // Rooms usable at t: free and allowed; among them, those without a travel problem.
      let anyRoom = false;
      let anyOk = false;
      p.evRooms[e].forEach((room, ri) => {
        if (p.evRoomHard[e][ri] || p.roomBlocked[room * p.times.length + t]) return;
        if (s.usedAt(p.nRes + room, t) > 0) {
          if (!holders.has(room)) holders.set(room, new Set());
          occupants(s, p.nRes + room, t, holders.get(room)!);
          return;
        }
        anyRoom = true;
        let clash = false;
        s.travelBlockers(e, t, p.roomCampus[room], (x) => {
          clash = true;
          travelBy.add(x);
        });
        if (!clash) anyOk = true;
      });
      if (!anyRoom) roomless.push(ti);
      else if (!anyOk) travelOnly.push(ti);
      else free.push(ti);
    }
    if (free.length > 0) {
      reasons.push({
        code: 'SEARCH_LIMIT',
        params: { freeTimes: free.length },
        message: {
          en: `A free time and room exist (${free.length}); the search stopped before it could place the event. Run longer.`,
          zh: `仍有${free.length}个空闲时间和教室；搜索在排入该课程之前结束，请延长求解时间。`,
        },
      });
    }
    // Greedy cover of the blocked times by resources.
    const uncovered = new Set(candidates.filter((ti) => !roomless.includes(ti) && !free.includes(ti) && !travelOnly.includes(ti)));
    const chosen: number[] = [];
    while (uncovered.size > 0) {
      let bestR = -1;
      let bestN = 0;
      for (const [r, set] of busy) {
        let n = 0;
        for (const ti of set) if (uncovered.has(ti)) n++;
        if (n > bestN) [bestR, bestN] = [r, n];
      }
      if (bestR < 0) break;
      chosen.push(bestR);
      for (const ti of busy.get(bestR)!) uncovered.delete(ti);
    }
    const label = (r: number): Message => ({
      en: `${KIND_EN[p.resKinds[r]] ?? 'resource'} ${p.resNames[r]}`,
      zh: `${KIND_ZH[p.resKinds[r]] ?? '资源'}${p.resNames[r]}`,
    });
    if (chosen.length === 2 && roomless.length === 0 && free.length === 0 && travelOnly.length === 0) {
      const [a, b] = chosen.map(label);
      reasons.push({
        code: 'RESOURCES_EXCLUSIVE',
        params: {
          resources: chosen.map((r) => p.resNames[r]),
          resourceIds: chosen.map((r) => p.resIds[r]),
          kinds: chosen.map((r) => p.resKinds[r]),
          eventIds: ids(chosen.flatMap((r) => [...busyBy.get(r)!])),
        },
        message: { en: `${cap(a.en)} is busy at every free time of ${b.en}.`, zh: `${a.zh}在${b.zh}的每个空闲时间都有课。` },
      });
    } else {
      for (const r of chosen) {
        const l = label(r);
        const n = busy.get(r)!.size;
        reasons.push({
          code: 'RESOURCE_BUSY',
          params: {
            resource: p.resNames[r],
            resourceId: p.resIds[r],
            kind: p.resKinds[r],
            times: n,
            of: candidates.length,
            eventIds: ids(busyBy.get(r)!),
          },
          message: {
            en: `${cap(l.en)} is busy at ${n} of the ${candidates.length} possible times.`,
            zh: `${l.zh}在${candidates.length}个可选时间中的${n}个已有安排。`,
          },
        });
      }
    }
    if (roomless.length > 0) {
      const days = [...new Set(roomless.map((ti) => p.timeDays[tl[ti]][0]))].sort((a, b) => a - b);
      const held: RoomHolder[] = [...holders]
        .sort((a, b) => a[0] - b[0])
        .map(([room, evs]) => ({ roomId: p.roomIds[room], eventIds: ids(evs) }));
      reasons.push({
        code: 'ROOMS_FULL',
        params: {
          ...roomDesc.params,
          days,
          times: roomless.length,
          roomIds: Array.from(p.evRooms[e])
            .filter((_, ri) => !p.evRoomHard[e][ri])
            .map((r) => p.roomIds[r]),
          holders: held,
        },
        message: {
          en: `No room ${roomDesc.en} is free on ${days.map(dayEn).join(', ')} when everyone else is.`,
          zh: `${days.map(dayZh).join('、')}在其他条件都满足的时间没有空闲的教室（${roomDesc.zh}）。`,
        },
      });
    }
    if (travelOnly.length > 0) {
      const days = [...new Set(travelOnly.map((ti) => p.timeDays[tl[ti]][0]))].sort((a, b) => a - b);
      reasons.push({
        code: 'CAMPUS_TRAVEL',
        params: {
          days,
          times: travelOnly.length,
          eventIds: ids(travelBy),
          resourceIds: Array.from(p.evRes[e])
            .filter((r) => p.resTravel[r])
            .map((r) => p.resIds[r]),
        },
        message: {
          en: `On ${days.map(dayEn).join(', ')} the free rooms are on another campus than the lectures just before or after, with too little time to travel.`,
          zh: `${days.map(dayZh).join('、')}空闲的教室与前后相邻课程不在同一校区，来不及往返。`,
        },
      });
    }
  }
  return {
    eventId: ev.id,
    eventName: name,
    reasons,
    message: {
      en: `${name} cannot be placed: ${reasons.map((r) => r.message.en).join(' ')}`,
      zh: `${name}无法排课：${reasons.map((r) => r.message.zh).join('')}`,
    },
  };
}

/** Events sharing a hard sameTime rule with e. */
function linkedPartners(p: Problem, e: number): number[] {
  const out: number[] = [];
  for (const k of p.evRules[e]) {
    const rule = p.rules[k];
    if (!rule.hard || rule.kind !== 'sameTime') continue;
    for (const x of rule.events) if (x !== e && !out.includes(x)) out.push(x);
  }
  return out;
}

/** Events booking occupancy owner o (resource, or nRes + room) at time t, added to `out`. */
function occupants(s: SolverState, o: number, t: number, out: Set<number>): void {
  const p = s.p;
  const cells = p.timeCells[t];
  const base = o * p.NC;
  for (let j = 0; j < cells.length; j++) {
    // The state is conflict-free when explaining, so a booked cell has one owner.
    if (s.occ[base + cells[j]] === 1) out.add(s.owner[base + cells[j]]);
  }
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

function describeRoomNeed(p: Problem, e: number): { en: string; zh: string; params: Record<string, string | number | string[]> } {
  const ev = p.model.events[e];
  const req = ev.roomRequirement;
  const size = req?.minCapacity ?? (ev.roomSizeHard ? (ev.size ?? 0) : 0);
  const params: Record<string, string | number | string[]> = {};
  const en: string[] = [];
  const zh: string[] = [];
  if (req?.type) {
    params.type = req.type;
    en.push(`of type ${req.type}`);
    zh.push(`类型${req.type}`);
  }
  if (size > 0) {
    params.minSize = size;
    en.push(`with ${size} seats`);
    zh.push(`至少${size}座`);
  }
  if (req?.features?.length) {
    params.features = req.features;
    en.push(`with ${req.features.join(', ')}`);
    zh.push(`设备${req.features.join('、')}`);
  }
  if (ev.rooms) {
    params.rooms = ev.rooms.map((r) => r.roomId);
    en.push(`among ${ev.rooms.map((r) => r.roomId).join(', ')}`);
    zh.push(`限于${ev.rooms.map((r) => r.roomId).join('、')}`);
  }
  return { en: en.join(' ') || 'suitable', zh: zh.join('，') || '合适的教室', params };
}

/** Resources whose unavailability overlaps the event's candidate times. */
function prohibitingResources(p: Problem, e: number): number[] {
  const ev = p.model.events[e];
  const len = ev.length ?? 1;
  const out: number[] = [];
  for (const r of p.evRes[e]) {
    const res = p.model.resources[r];
    const specs = [...(res.unavailable ?? []), ...(res.preferences ?? []).filter((x) => x.kind === 'prohibited').map((x) => x.time)];
    const blocks = specs.map((sp) => specToBlock(sp, p.P, p.numWeeks));
    const starts = ev.times ?? [{ day: 0, start: 0 }];
    if (
      blocks.some(
        (b) => starts.some((c) => timesOverlap({ days: dayMask(c.day), start: c.start, length: len, weeks: b.weeks }, b)) || !ev.times,
      )
    ) {
      if (blocks.length > 0) out.push(r);
    }
  }
  return out;
}
