import type { InboxItem } from './workflow.ts';
import type { NotificationView } from './notifications.ts';

// GET /api/home: what a signed-in user sees first. Every section is computed
// from what the caller may read; a section the caller may not read is absent
// (null), never a zero that would read as "none".

/** The current term and where today falls in it (weeks count from its start date, Monday-based). */
export interface HomeTerm {
  id: number;
  code: string;
  name: string;
  startDate: string;
  /** The Friday/Sunday of the last teaching week (start + weeks × 7 − 1 days). */
  endDate: string;
  weeks: number;
  /** Teaching week of today (1..weeks), 0 before the term, null after it. */
  week: number | null;
}

/**
 * A date ahead that matters to the user: a task's deadline (`task`), the
 * review deadline of one of my own pending applications (`review`), the end
 * of the term, the next term's start.
 */
export interface HomeDeadline {
  kind: 'task' | 'review' | 'term_end' | 'term_start';
  /** ISO date-time (tasks) or date (terms). */
  at: string;
  title: string;
  link: string | null;
  isOverdue: boolean;
}

/**
 * Headline numbers in the caller's data scope (a secretary: their college; a
 * teacher: the students of their own teaching classes). A number the caller
 * may not read is null.
 */
export interface HomeNumbers {
  students: number | null;
  teachers: number | null;
  rooms: number | null;
  teachingClasses: number | null;
  requests: number | null;
}

export interface HomeCharts {
  /** Course requests of the current term per college and status (stacked bars). */
  requestsByCollege: { collegeId: number; college: string; status: string; count: number }[];
  /** Approval decisions per week (Monday, school time zone) from a few weeks before the term to today or its end. */
  decisionsPerWeek: { weekStart: string; week: number; approved: number; returned: number; rejected: number }[];
  /** Students (not deleted, as the student list counts them) per college and cohort (年级). */
  studentsByCollege: { collegeId: number; college: string; cohort: number; count: number }[];
  /** Teaching classes of the current term per college. */
  classesByCollege: { collegeId: number; college: string; count: number }[];
}

/** A selection round 选课轮次 a student takes part in, with their own opening (staggered by cohort). */
export interface HomeSelectionRound {
  id: number;
  name: string;
  mode: 'lottery' | 'first_come' | 'add_drop';
  /** When the window opens for this student (their cohort's staggered opening, else the round's). */
  opensAt: string;
  closesAt: string;
  isOpen: boolean;
}

export interface HomeView {
  term: HomeTerm | null;
  /** Approvals assigned to me (first few) and their counts; null for whom the inbox has nothing to offer. */
  waiting: {
    count: number;
    overdue: number;
    items: InboxItem[];
    /** Approves in some flow (or has tasks): approver tools are offered to them only. */
    isApprover: boolean;
  };
  /** My own applications, latest change first. */
  mine: { count: number; items: InboxItem[] };
  deadlines: HomeDeadline[];
  notifications: { unread: number; latest: NotificationView[] };
  /** Null for students: they see their own term, not the school's totals. */
  numbers: HomeNumbers | null;
  /** School-wide dashboards: only for readers of the whole school (office, leader, admin). */
  charts: HomeCharts | null;
  /** Students: the current term's rounds they take part in that have not closed (countdown to the opening); null for others. */
  selection: HomeSelectionRound[] | null;
}
