import type { Assignment, TimetableModel, Weights } from './types.ts';
import { DEFAULT_WEIGHTS } from './types.ts';
import { blockInside, dayMask, daysOf, specToBlock, timesOverlap, weekAtoms, weekMask, type TimeBlock } from './weeks.ts';

/** Compiled distribution rule. */
export interface CompiledRule {
  id: string;
  kind: 'sameTime' | 'differentDays' | 'notOverlap' | 'precedence' | 'maxPerDay';
  events: Int32Array;
  max: number;
  hard: boolean;
  weight: number;
}

/**
 * The model compiled into flat arrays for the search. Occupancy "owners" are resources
 * (0..nRes-1) followed by rooms (nRes..nRes+nRooms-1); a cell is (day*P+period)*A + weekAtom.
 */
export interface Problem {
  model: TimetableModel;
  weights: Weights;
  D: number;
  P: number;
  S: number;
  A: number;
  NC: number;
  numWeeks: number;
  nE: number;
  nRes: number;
  nRooms: number;
  nOcc: number;
  eventIds: string[];
  eventIndex: Map<string, number>;
  resIds: string[];
  resNames: string[];
  resKinds: string[];
  roomIds: string[];
  roomIndex: Map<string, number>;
  /** Global times. */
  times: TimeBlock[];
  timeCells: Int32Array[];
  timeSlots: Int32Array[];
  timeDays: Int32Array[];
  evTimes: Int32Array[];
  evTimePen: Int32Array[];
  evTimeHard: Uint8Array[];
  /** evTimeIdx[e * nTimes + t] = index in evTimes[e] or -1. */
  evTimeIdx: Int32Array;
  evRooms: Int32Array[];
  evRoomPen: Int32Array[];
  evRoomHard: Uint8Array[];
  /** Rooms of the domain sorted by penalty (indices into evRooms[e]). */
  evRoomOrder: Int32Array[];
  evRoomIdx: Int32Array;
  evNoRoom: Uint8Array;
  /** Pinned events (kept where the school put them: never displaced by the construction). */
  evPinned: Uint8Array;
  evRes: Int32Array[];
  evGroup: Int32Array;
  evRules: Int32Array[];
  evLen: Int32Array;
  evSize: Int32Array;
  /** roomBlocked[r * nTimes + t] = 1 when room r is unavailable at time t. */
  roomBlocked: Uint8Array;
  resCompact: Int32Array;
  nCompact: number;
  resTrack: Int32Array;
  nTrack: number;
  roomBuilding: Int32Array;
  nGroups: number;
  groupIds: string[];
  groupMinDays: Int32Array;
  groupStab: Uint8Array;
  groupEvents: Int32Array[];
  rules: CompiledRule[];
  /** Campus travel rule active (a `travel` with some positive time between two used campuses). */
  travelOn: boolean;
  /** Campus index of each room, -1 when the room has none (or travel is off). */
  roomCampus: Int32Array;
  nCampus: number;
  campusIds: string[];
  /** Minutes needed between campuses a and b: travelNeed[a * nCampus + b] (0 = no rule). */
  travelNeed: Int32Array;
  /** Clock of each period (minutes after midnight), index = period (0-based). */
  periodStart: Float64Array;
  periodEnd: Float64Array;
  /** 1 for resources the travel rule applies to (teachers, admin classes, students). */
  resTravel: Uint8Array;
}

export interface CompileOptions {
  /** Positions that must be representable even if not allowed (marked hard), for evaluation. */
  extra?: Assignment;
  /** Extra per-event penalties: moving away from a previous placement (minimal perturbation). */
  anchor?: { assignment: Assignment; timeWeight: number; roomWeight: number };
}

/** Compile a model into the search representation. Throws on unknown ids. */
export function compileProblem(model: TimetableModel, opts: CompileOptions = {}): Problem {
  const weights: Weights = { ...DEFAULT_WEIGHTS, ...(model.weights ?? {}) };
  const D = model.days;
  const P = model.periodsPerDay;
  const S = D * P;
  const numWeeks = model.weeks ?? 16;
  const nE = model.events.length;
  const nRes = model.resources.length;
  const nRooms = model.rooms.length;
  const resIndex = new Map(model.resources.map((r, i) => [r.id, i]));
  const roomIndex = new Map(model.rooms.map((r, i) => [r.id, i]));
  const eventIndex = new Map(model.events.map((e, i) => [e.id, i]));
  const groupIds = (model.classes ?? []).map((c) => c.id);
  const groupIndex = new Map(groupIds.map((g, i) => [g, i]));
  // Events naming an unknown class still get a group, so spread/stability apply to them.
  for (const ev of model.events) {
    if (ev.classId !== undefined && !groupIndex.has(ev.classId)) {
      groupIndex.set(ev.classId, groupIds.length);
      groupIds.push(ev.classId);
    }
  }
  const evWeeks = model.events.map((e) => weekMask(e.weeks, numWeeks));
  const { atoms, atomMaskOf } = weekAtoms(evWeeks, numWeeks);
  const A = Math.max(1, atoms.length);
  const NC = S * A;

  const times: TimeBlock[] = [];
  const timeKey = new Map<string, number>();
  const getTime = (days: number, start: number, length: number, weeks: number): number => {
    const k = `${days}|${start}|${length}|${weeks}`;
    let t = timeKey.get(k);
    if (t === undefined) {
      t = times.length;
      times.push({ days, start, length, weeks });
      timeKey.set(k, t);
    }
    return t;
  };

  const resUnavail = model.resources.map((r) => [
    ...(r.unavailable ?? []).map((s) => specToBlock(s, P, numWeeks)),
    ...(r.preferences ?? []).filter((p) => p.kind === 'prohibited').map((p) => specToBlock(p.time, P, numWeeks)),
  ]);
  const resDiscouraged = model.resources.map((r) =>
    (r.preferences ?? [])
      .filter((p) => p.kind === 'discouraged')
      .map((p) => ({ b: specToBlock(p.time, P, numWeeks), pen: p.penalty ?? 1 })),
  );
  const resPreferred = model.resources.map((r) =>
    (r.preferences ?? []).filter((p) => p.kind === 'preferred').map((p) => ({ b: specToBlock(p.time, P, numWeeks), pen: p.penalty ?? 1 })),
  );

  const extraByEvent = new Map<number, { days: number; start: number; room?: string }>();
  for (const pl of opts.extra ?? []) {
    const e = eventIndex.get(pl.eventId);
    if (e !== undefined) extraByEvent.set(e, { days: dayMask(pl.day), start: pl.start, room: pl.roomId });
  }
  const anchorByEvent = new Map<number, { days: number; start: number; room?: string }>();
  for (const pl of opts.anchor?.assignment ?? []) {
    const e = eventIndex.get(pl.eventId);
    if (e !== undefined) anchorByEvent.set(e, { days: dayMask(pl.day), start: pl.start, room: pl.roomId });
  }

  const evTimesL: number[][] = [];
  const evTimePenL: number[][] = [];
  const evTimeHardL: number[][] = [];
  const evRes: Int32Array[] = [];
  const evLen = new Int32Array(nE);
  const evSize = new Int32Array(nE);
  const evGroup = new Int32Array(nE).fill(-1);
  for (let e = 0; e < nE; e++) {
    const ev = model.events[e];
    const len = ev.length ?? 1;
    evLen[e] = len;
    evSize[e] = ev.size ?? 0;
    if (ev.classId !== undefined) evGroup[e] = groupIndex.get(ev.classId)!;
    const res = (ev.resources ?? []).map((id) => {
      const r = resIndex.get(id);
      if (r === undefined) throw new Error(`event ${ev.id}: unknown resource ${id}`);
      return r;
    });
    evRes.push(Int32Array.from(new Set(res)));
    const cands: Array<{ days: number; start: number; pen: number }> = [];
    if (ev.pinned) cands.push({ days: dayMask(ev.pinned.day), start: ev.pinned.start, pen: 0 });
    else if (ev.times) for (const c of ev.times) cands.push({ days: dayMask(c.day), start: c.start, pen: c.penalty ?? 0 });
    else for (let d = 0; d < D; d++) for (let s = 0; s + len <= P; s++) cands.push({ days: 1 << d, start: s, pen: 0 });
    const tl: number[] = [];
    const pl: number[] = [];
    const hl: number[] = [];
    const seen = new Set<number>();
    const anchor = anchorByEvent.get(e);
    const consider = (days: number, start: number, basePen: number, forcedHard: boolean): void => {
      if (start < 0 || start + len > P || days === 0 || days >= 1 << D) return;
      const t = getTime(days, start, len, evWeeks[e]);
      if (seen.has(t)) return;
      const blk = times[t];
      let hard = forcedHard;
      let pen = basePen;
      for (const r of res) {
        for (const b of resUnavail[r]) if (timesOverlap(blk, b)) hard = true;
        for (const { b, pen: p } of resDiscouraged[r]) if (timesOverlap(blk, b)) pen += p;
        if (resPreferred[r].length > 0 && !resPreferred[r].some(({ b }) => blockInside(blk, b))) {
          pen += Math.max(...resPreferred[r].map((x) => x.pen));
        }
      }
      pen *= weights.timePreference;
      if (anchor && (anchor.days !== days || anchor.start !== start)) pen += opts.anchor!.timeWeight;
      if (hard && !forcedHard && !extraHit(days, start)) return; // prohibited: outside the domain
      seen.add(t);
      tl.push(t);
      pl.push(pen);
      hl.push(hard ? 1 : 0);
    };
    const extra = extraByEvent.get(e);
    const extraHit = (days: number, start: number): boolean => !!extra && extra.days === days && extra.start === start;
    for (const c of cands) consider(c.days, c.start, c.pen, false);
    if (extra && !tl.some((t) => times[t].days === extra.days && times[t].start === extra.start)) {
      consider(extra.days, extra.start, 0, true);
    }
    evTimesL.push(tl);
    evTimePenL.push(pl);
    evTimeHardL.push(hl);
  }
  const nTimes = times.length;
  const timeCells: Int32Array[] = [];
  const timeSlots: Int32Array[] = [];
  const timeDays: Int32Array[] = [];
  for (const tb of times) {
    const am = atomMaskOf(tb.weeks);
    const cells: number[] = [];
    const slots: number[] = [];
    const ds = daysOf(tb.days);
    for (const d of ds) {
      for (let p = tb.start; p < tb.start + tb.length; p++) {
        slots.push(d * P + p);
        for (let a = 0; a < A; a++) if ((am >>> a) & 1) cells.push((d * P + p) * A + a);
      }
    }
    timeCells.push(Int32Array.from(cells));
    timeSlots.push(Int32Array.from(slots));
    timeDays.push(Int32Array.from(ds));
  }
  const evTimeIdx = new Int32Array(nE * nTimes).fill(-1);
  for (let e = 0; e < nE; e++) evTimesL[e].forEach((t, i) => (evTimeIdx[e * nTimes + t] = i));

  // Rooms.
  const roomBlocked = new Uint8Array(nRooms * nTimes);
  model.rooms.forEach((room, r) => {
    const blocks = (room.unavailable ?? []).map((s) => specToBlock(s, P, numWeeks));
    if (blocks.length === 0) return;
    for (let t = 0; t < nTimes; t++) if (blocks.some((b) => timesOverlap(times[t], b))) roomBlocked[r * nTimes + t] = 1;
  });
  const evRooms: Int32Array[] = [];
  const evRoomPen: Int32Array[] = [];
  const evRoomHard: Uint8Array[] = [];
  const evRoomOrder: Int32Array[] = [];
  const evNoRoom = new Uint8Array(nE);
  const evRoomIdx = new Int32Array(nE * nRooms).fill(-1);
  for (let e = 0; e < nE; e++) {
    const ev = model.events[e];
    const rl: number[] = [];
    const pl: number[] = [];
    const hl: number[] = [];
    if (ev.noRoom) evNoRoom[e] = 1;
    else {
      const size = evSize[e];
      const anchor = anchorByEvent.get(e);
      const push = (r: number, basePen: number, hard: boolean): void => {
        const cap = model.rooms[r].capacity;
        let pen = basePen * weights.roomPenalty;
        if (cap < size) {
          if (ev.roomSizeHard && !hard) return;
          pen += weights.roomSize * (size - cap);
        }
        if (anchor && anchor.room !== undefined && anchor.room !== model.rooms[r].id) pen += opts.anchor!.roomWeight;
        rl.push(r);
        pl.push(pen);
        hl.push(hard ? 1 : 0);
      };
      const pinnedRoom = ev.pinned?.roomId;
      if (pinnedRoom !== undefined) {
        const r = roomIndex.get(pinnedRoom);
        if (r === undefined) throw new Error(`event ${ev.id}: unknown room ${pinnedRoom}`);
        push(r, 0, false);
      } else if (ev.rooms) {
        for (const { roomId, penalty } of ev.rooms) {
          const r = roomIndex.get(roomId);
          if (r === undefined) throw new Error(`event ${ev.id}: unknown room ${roomId}`);
          push(r, penalty ?? 0, false);
        }
      } else {
        const req = ev.roomRequirement;
        model.rooms.forEach((room, r) => {
          if (req?.type !== undefined && room.type !== req.type) return;
          if (req?.features && !req.features.every((f) => room.features?.includes(f))) return;
          if (req?.minCapacity !== undefined && room.capacity < req.minCapacity) return;
          push(r, 0, false);
        });
      }
      const extra = extraByEvent.get(e);
      if (extra?.room !== undefined) {
        const r = roomIndex.get(extra.room);
        if (r !== undefined && !rl.includes(r)) push(r, 0, true);
      }
    }
    evRooms.push(Int32Array.from(rl));
    evRoomPen.push(Int32Array.from(pl));
    evRoomHard.push(Uint8Array.from(hl));
    evRoomOrder.push(Int32Array.from(rl.map((_, i) => i).sort((a, b) => pl[a] - pl[b] || hl[a] - hl[b])));
    rl.forEach((r, i) => (evRoomIdx[e * nRooms + r] = i));
  }

  // Compactness and building tracking.
  const resCompact = new Int32Array(nRes).fill(-1);
  const resTrack = new Int32Array(nRes).fill(-1);
  let nCompact = 0;
  let nTrack = 0;
  model.resources.forEach((r, i) => {
    if (r.compact && (weights.isolated > 0 || weights.gap > 0)) resCompact[i] = nCompact++;
    if (r.trackBuildings && weights.buildingChange > 0) resTrack[i] = nTrack++;
  });
  const buildings = new Map<string, number>();
  const roomBuilding = Int32Array.from(
    model.rooms.map((r) => {
      const b = r.building ?? '';
      if (!buildings.has(b)) buildings.set(b, buildings.size + 1);
      return buildings.get(b)!;
    }),
  );

  const nGroups = groupIds.length;
  const groupMinDays = new Int32Array(nGroups);
  const groupStab = new Uint8Array(nGroups).fill(1);
  (model.classes ?? []).forEach((c, g) => {
    groupMinDays[g] = c.minDays ?? 0;
    groupStab[g] = c.roomStability === false ? 0 : 1;
  });
  const groupEvL: number[][] = Array.from({ length: nGroups }, () => []);
  for (let e = 0; e < nE; e++) if (evGroup[e] >= 0) groupEvL[evGroup[e]].push(e);

  const rules: CompiledRule[] = (model.rules ?? []).map((r, i) => ({
    id: r.id ?? `rule${i + 1}`,
    kind: r.kind,
    events: Int32Array.from(
      r.events.map((id) => {
        const e = eventIndex.get(id);
        if (e === undefined) throw new Error(`rule ${r.id ?? i}: unknown event ${id}`);
        return e;
      }),
    ),
    max: r.max ?? 1,
    hard: !!r.hard,
    weight: (r.weight ?? 1) * weights.rules,
  }));
  const evRulesL: number[][] = Array.from({ length: nE }, () => []);
  rules.forEach((r, i) => r.events.forEach((e) => evRulesL[e].includes(i) || evRulesL[e].push(i)));

  // Campus travel: rooms get a campus index; the rule is off (and costs nothing) without a
  // positive travel time between two campuses that rooms actually use.
  const campusIds: string[] = [];
  const campusIndex = new Map<string, number>();
  const roomCampus = new Int32Array(nRooms).fill(-1);
  let travelNeed = new Int32Array(0);
  let travelOn = false;
  const periodStart = new Float64Array(P);
  const periodEnd = new Float64Array(P);
  const tr = model.travel;
  if (tr) {
    model.rooms.forEach((room, r) => {
      if (room.campus === undefined) return;
      if (!campusIndex.has(room.campus)) {
        campusIndex.set(room.campus, campusIds.length);
        campusIds.push(room.campus);
      }
      roomCampus[r] = campusIndex.get(room.campus)!;
    });
    const nc = campusIds.length;
    travelNeed = new Int32Array(nc * nc);
    for (const { a, b, minutes } of tr.minutes) {
      const ia = campusIndex.get(a);
      const ib = campusIndex.get(b);
      if (ia === undefined || ib === undefined || ia === ib || !(minutes > 0)) continue;
      travelNeed[ia * nc + ib] = Math.max(travelNeed[ia * nc + ib], minutes);
      travelNeed[ib * nc + ia] = Math.max(travelNeed[ib * nc + ia], minutes);
    }
    for (let q = 0; q < P; q++) {
      periodStart[q] = tr.periodStart[q] ?? 0;
      periodEnd[q] = tr.periodEnd[q] ?? 0;
    }
    travelOn = travelNeed.some((m) => m > 0);
  }
  if (!travelOn) roomCampus.fill(-1);
  const resTravel = Uint8Array.from(model.resources.map((r) => (travelOn && r.kind !== 'other' ? 1 : 0)));

  return {
    model,
    weights,
    D,
    P,
    S,
    A,
    NC,
    numWeeks,
    nE,
    nRes,
    nRooms,
    nOcc: nRes + nRooms,
    eventIds: model.events.map((e) => e.id),
    eventIndex,
    resIds: model.resources.map((r) => r.id),
    resNames: model.resources.map((r) => r.name ?? r.id),
    resKinds: model.resources.map((r) => r.kind),
    roomIds: model.rooms.map((r) => r.id),
    roomIndex,
    times,
    timeCells,
    timeSlots,
    timeDays,
    evTimes: evTimesL.map((l) => Int32Array.from(l)),
    evTimePen: evTimePenL.map((l) => Int32Array.from(l)),
    evTimeHard: evTimeHardL.map((l) => Uint8Array.from(l)),
    evPinned: Uint8Array.from(model.events.map((e) => (e.pinned ? 1 : 0))),
    evTimeIdx,
    evRooms,
    evRoomPen,
    evRoomHard,
    evRoomOrder,
    evRoomIdx,
    evNoRoom,
    evRes,
    evGroup,
    evRules: evRulesL.map((l) => Int32Array.from(l)),
    evLen,
    evSize,
    roomBlocked,
    resCompact,
    nCompact,
    resTrack,
    nTrack,
    roomBuilding,
    nGroups,
    groupIds,
    groupMinDays,
    groupStab,
    groupEvents: groupEvL.map((l) => Int32Array.from(l)),
    rules,
    travelOn,
    roomCampus,
    nCampus: campusIds.length,
    campusIds,
    travelNeed,
    periodStart,
    periodEnd,
    resTravel,
  };
}

/** Find the domain index of a (days, start) time for event e, or -1. */
export function findTimeIndex(p: Problem, e: number, days: number, start: number): number {
  const tl = p.evTimes[e];
  for (let i = 0; i < tl.length; i++) {
    const tb = p.times[tl[i]];
    if (tb.days === days && tb.start === start) return i;
  }
  return -1;
}
