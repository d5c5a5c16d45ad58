import type { HomeCharts, HomeTerm } from '@jiaowu/contracts';
import { countClassesByCollege, countRequestsByCollegeAndStatus } from '../offerings/offerings.dashboard.read-model.ts';
import { countStudentsByCollegeAndCohort } from '../org/org.dashboard.read-model.ts';
import { countDecisionsPerWeek } from '../workflow/workflow.dashboard.read-model.ts';
import type { ZonedHomeDeps } from './home.service.ts';
import { addDays, daysBetween, mondayOf, schoolDate, startOfSchoolDay } from './school-dates.ts';

/** Weeks before the term the decisions chart starts: course requests for a term are reviewed ahead of it. */
const WEEKS_BEFORE_TERM = 4;

/**
 * Approval decisions per week from a few weeks before the term to this week
 * (or the term's last week), every week present, a quiet one as zeros.
 */
async function decisionsPerWeek(deps: ZonedHomeDeps, term: HomeTerm, now: Date): Promise<HomeCharts['decisionsPerWeek']> {
  const first = mondayOf(addDays(term.startDate, -7 * WEEKS_BEFORE_TERM));
  const today = schoolDate(now, deps.timeZone);
  const last = mondayOf(today < term.endDate ? today : term.endDate);
  if (last < first) return [];
  const rows = await countDecisionsPerWeek(
    deps.db,
    startOfSchoolDay(first, deps.timeZone),
    startOfSchoolDay(addDays(last, 7), deps.timeZone),
    deps.timeZone,
  );
  const termMonday = mondayOf(term.startDate);
  const weeks: HomeCharts['decisionsPerWeek'] = [];
  for (let w = first; w <= last; w = addDays(w, 7)) {
    const of = (action: string) => rows.find((r) => r.weekStart === w && r.action === action)?.count ?? 0;
    weeks.push({
      weekStart: w,
      week: Math.floor(daysBetween(termMonday, w) / 7) + 1,
      approved: of('approve'),
      returned: of('return'),
      rejected: of('reject'),
    });
  }
  return weeks;
}

/** The school-wide dashboards of the office and the leaders (the caller checked they read every college). */
export async function buildCharts(deps: ZonedHomeDeps, term: HomeTerm, now: Date): Promise<HomeCharts> {
  const [requestsByCollege, decisions, studentsByCollege, classesByCollege] = await Promise.all([
    countRequestsByCollegeAndStatus(deps.db, term.id),
    decisionsPerWeek(deps, term, now),
    countStudentsByCollegeAndCohort(deps.db),
    countClassesByCollege(deps.db, term.id),
  ]);
  return { requestsByCollege, decisionsPerWeek: decisions, studentsByCollege, classesByCollege };
}
