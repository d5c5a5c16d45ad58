/**
 * An exam's home building: where its students are taught. There is no college → building field,
 * so the published timetable says it — the building holding most lecture periods of the exam's
 * classes, else the building most used by its college's classes. Pure (exam-context.ts reads the facts).
 */
export function homeBuildings(
  exams: { examId: number; collegeId: number | undefined; classIds: number[] }[],
  lectures: { teachingClassId: number; roomId: number | null; length: number }[],
  buildingOfRoom: Map<number, number>,
  collegeOfClass: Map<number, number>,
): Map<number, number> {
  const byClass = new Map<number, Map<number, number>>();
  const byCollege = new Map<number, Map<number, number>>();
  const add = (m: Map<number, Map<number, number>>, key: number, building: number, n: number) => {
    const counts = m.get(key) ?? new Map<number, number>();
    counts.set(building, (counts.get(building) ?? 0) + n);
    m.set(key, counts);
  };
  for (const l of lectures) {
    const building = l.roomId === null ? undefined : buildingOfRoom.get(l.roomId);
    if (building === undefined) continue;
    add(byClass, l.teachingClassId, building, l.length);
    const college = collegeOfClass.get(l.teachingClassId);
    if (college !== undefined) add(byCollege, college, building, l.length);
  }
  // Most periods wins; ties go to the lower building id, so the answer does not depend on row order.
  const top = (counts: Map<number, number> | undefined) => counts && [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0];
  const out = new Map<number, number>();
  for (const e of exams) {
    const own = new Map<number, number>();
    for (const c of e.classIds) for (const [b, n] of byClass.get(c) ?? []) own.set(b, (own.get(b) ?? 0) + n);
    const home = top(own) ?? (e.collegeId === undefined ? undefined : top(byCollege.get(e.collegeId)));
    if (home !== undefined) out.set(e.examId, home);
  }
  return out;
}
