import {
  ATTACHMENT_ERROR_STATUS,
  CLASS_TOOLS_ERROR_STATUS,
  CREDIT_RAISE_ERROR_STATUS,
  EXAMS_ERROR_STATUS,
  EXAM_DEFERRAL_ERROR_STATUS,
  EXAM_PAPER_ERROR_STATUS,
  GRADES_ERROR_STATUS,
  GRADE_SHEET_ERROR_STATUS,
  SELECTION_REASON_CODES,
  type ErrorCode,
  type SelectionReasonCode,
} from '@jiaowu/contracts';

/** A field-level problem: which field, what is wrong (a FIELD_MESSAGES code), and its parameters. */
export interface FieldIssue {
  field: string;
  code: string;
  params?: Record<string, unknown>;
}

/**
 * The one error type of domain code. Carries a code (translated at the HTTP
 * edge), message parameters and field issues; never an HTTP status — the
 * error handler maps codes to statuses, so jobs and scripts reuse services.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: Record<string, unknown>;
  readonly fields: FieldIssue[];
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    options: { params?: Record<string, unknown>; fields?: FieldIssue[]; details?: Record<string, unknown> } = {},
  ) {
    super(code);
    this.name = 'AppError';
    this.code = code;
    this.params = options.params ?? {};
    this.fields = options.fields ?? [];
    this.details = options.details;
  }
}

/**
 * The HTTP status of every error code. A full Record: a code added to
 * ERROR_MESSAGES without a status here fails the typecheck, instead of
 * silently answering 500.
 */
export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  validation_failed: 400,
  import_empty: 400,
  import_unreadable: 400,
  import_too_large: 400,
  import_missing_column: 400,
  import_has_errors: 400,
  import_no_file: 400,
  unsupported_format: 400,
  wrong_password: 400,
  password_reused: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  session_expired: 401,
  token_invalid: 401,
  forbidden: 403,
  out_of_scope: 403,
  csrf_failed: 403,
  account_disabled: 403,
  password_change_required: 403,
  builtin_role: 403,
  cannot_disable_self: 400,
  account_username_taken: 409,
  account_username_taken_single: 409,
  handout_expired: 410,
  not_found: 404,
  route_not_found: 404,
  conflict: 409,
  duplicate_code: 409,
  duplicate_username: 409,
  duplicate_id_number: 409,
  in_use: 409,
  reference_not_found: 400,
  number_out_of_range: 400,
  payload_too_large: 413,
  account_locked: 423,
  too_many_attempts: 429,
  workflow_not_assignee: 403,
  workflow_not_applicant: 403,
  workflow_task_closed: 409,
  draft_solving: 409,
  draft_not_editable: 409,
  no_published_timetable: 409,
  term_has_no_classes: 409,
  workflow_invalid_transition: 409,
  workflow_already_pending: 409,
  workflow_subject_locked: 409,
  workflow_no_approver: 400,
  workflow_unknown_subject: 500,
  mail_not_configured: 400,
  plan_exists: 409,
  request_locked: 409,
  invalid_transition: 409,
  request_rules_failed: 400,
  internal: 500,
  workflow_not_approver: 403,
  import_cell_too_long: 400,
  import_unpacked_too_large: 413,
  import_zip_entries: 413,
  import_zip_ratio: 413,
  import_parse_memory: 413,
  import_parse_timeout: 413,
  import_busy: 429,
  job_cancelled: 409,
  job_lease_expired: 500,
  job_interrupted: 503,
  job_finished: 409,
  sign_in_busy: 429,
  malformed_body: 400,
  stale: 409,
  draft_edit_conflict: 409,
  draft_edit_closed: 409,
  draft_edit_locked: 409,
  draft_edit_solving: 409,
  draft_edit_nothing_to_undo: 409,
  draft_edit_undo_outdated: 409,
  captcha_required: 400,
  captcha_invalid: 400,
  reset_token_invalid: 400,
  reset_token_expired: 400,
  sso_not_configured: 404,
  sso_failed: 400,
  sso_unknown_user: 403,
  timetable_slot_taken: 409,
  timetable_change_rules: 400,
  timetable_change_invalid: 400,
  timetable_not_published: 409,
  timetable_not_publishable: 409,
  draft_not_submittable: 409,
  feed_owner_required: 400,
  // course selection: the transaction's own answers; every refusal of the rule checker is spread in below
  enrolment_not_active: 409,
  already_waitlisted: 409,
  class_not_full: 409,
  swap_same_class: 409,
  selection_busy: 429,
  selection_rate_limited: 429,
  not_a_student: 403,
  round_locked: 409,
  round_in_use: 409,
  round_wrong_mode: 409,
  round_not_lottery: 409,
  round_window_open: 409,
  round_not_drawn: 409,
  ...CLASS_TOOLS_ERROR_STATUS,
  finding_not_open: 409,
  // A refusal (class_full, time_conflict, …) is a conflict with the state of the round or the student.
  ...(Object.fromEntries(SELECTION_REASON_CODES.map((c) => [c, 409])) as Record<SelectionReasonCode, number>),
  ...CREDIT_RAISE_ERROR_STATUS,
  ...EXAMS_ERROR_STATUS,
  ...EXAM_DEFERRAL_ERROR_STATUS,
  ...ATTACHMENT_ERROR_STATUS,
  ...EXAM_PAPER_ERROR_STATUS,
  ...GRADES_ERROR_STATUS,
  ...GRADE_SHEET_ERROR_STATUS,
};

export function statusOf(code: ErrorCode): number {
  // `?? 500` only for a code that is not an ErrorCode at all (a cast at runtime).
  return STATUS_BY_CODE[code] ?? 500;
}
