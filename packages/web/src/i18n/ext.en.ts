import type zhExt from './ext.zh-CN.ts';

/** Interface strings of the catalog, offerings, workflow and notification pages (English). */
const ext: typeof zhExt = {
  menu2: {
    teaching: 'Teaching plans', courses: 'Course catalog', plans: 'Curriculum plans', requests: 'Course requests', classes: 'Teaching classes',
    approvals: 'Approvals', inbox: 'Approval inbox', flows: 'Approval flows', metrics: 'Flow metrics', notifications: 'Notifications',
    mail: 'Mail settings', outbox: 'Mail outbox', account: 'Account settings',
  },
  bell: { notifications: 'Notifications', inbox: 'Approval inbox', unread: 'Unread', markRead: 'Mark read', readAll: 'Mark all read', empty: 'No notifications', all: 'View all', overdue: '{{count}} overdue' },
  courses: {
    title: 'Course catalog', create: 'New course', editTitle: 'Edit course', retire: 'Retire', activate: 'Activate', retired: 'Retired', active: 'Active',
    hours: 'Hours (lecture / lab / practice)', prereqText: 'Prerequisites (text)', prereqHint: 'Use & for “all of”, | for “any of”, and parentheses, e.g. MA101 & (CS101 | CS102)',
    prereqInvalid: 'The prerequisite expression is not well formed', prereqParsed: 'Reads as', inUse: 'This course is in use and cannot be deleted. Retire it instead?',
    department: 'Department', college: 'College', includeRetired: 'Include retired', allOf: 'all of', anyOf: 'any of',
  },
  plans: {
    title: 'Curriculum plans', create: 'New plan', cohort: 'Cohort', major: 'Major', college: 'College', name: 'Plan name', copy: 'Copy to another cohort',
    copyTo: 'Target cohort', copied: 'Copied into a new plan', groups: 'Course groups', grid: 'Term × course', byCategory: 'Credits by category', byTerm: 'Credits by term',
    planned: 'Planned', required: 'Required', warnings: 'Plan problems', noWarnings: 'All credit requirements can be met', addGroup: 'Add group',
    addCourse: 'Add course', term: 'Term {{term}}', termShort: 'Term', group: 'Group', kind: 'Kind', minCredits: 'Minimum credits',
    totalCredits: 'Total credits required', plannedTotal: '{{credits}} credits planned', editGroups: 'Edit courses', course: 'Course', groupName: 'Group name',
    editRequirements: 'Edit requirements', requirementsHint: 'Minimum credits a student must earn in each course category, at most one decimal; leave empty for no requirement.', noCategories: 'No courses placed and no credit requirements yet',
  },
  requests: {
    title: 'Course requests', create: 'New course request', term: 'Term', status: 'Status', course: 'Course', teachers: 'Teachers', share: 'Share %',
    addTeacher: 'Add teacher', sharesTotal: 'Total {{total}}%', capacity: 'Capacity', targets: 'Targets', sessions: 'Weekly sessions',
    sessionsHint: 'e.g. 2+2 means two sessions a week of 2 hours each', weeks: 'Weeks', from: 'From week', to: 'To week', custom: 'Pick weeks',
    roomType: 'Room type', roomFeatures: 'Room features', timeWishes: 'Teacher time wishes', prefer: 'Prefer', avoid: 'Avoid', clear: 'Clear',
    saveDraft: 'Save draft', submit: 'Submit', withdraw: 'Withdraw', deleteDraft: 'Delete draft', submitted: 'Submitted for approval', withdrawn: 'Withdrawn',
    prefill: 'Prefill from curriculum plans', copyLastYear: 'Copy from last year', proposed: '{{created}} drafts created, {{skipped}} skipped', returnedTitle: 'Returned for changes',
    reviewer: 'Reviewer’s comment', history: 'Approval history', editTitle: 'Course request: {{course}}', note: 'Note', crossCollegeNote: 'Cross-college note',
    adminClasses: 'Admin classes', targetMajors: 'Target majors and cohorts', addTarget: 'Add major and cohort', cohort: 'Cohort', weeksCount: '{{count}} weeks',
    hoursTotal: '{{weekly}} h/week × {{weeks}} weeks = {{total}} h (course: {{expected}} h)', fieldComment: 'Reviewer: {{text}}',
    readOnly: 'The request is under review or closed and cannot be changed', pickTerm: 'Pick a term', lastYearTerm: 'From term', teacherTitle: 'Teacher',
  },
  wf: {
    inbox: 'Approval inbox', stepCol: 'Step', waiting: 'Waiting for me', mine: 'My applications', overdue: 'Overdue', due: 'Due', subject: 'Subject', flow: 'Flow', step: 'Current step',
    applicant: 'Applicant', state: 'State', updated: 'Updated', open: 'Open', batchApprove: 'Approve selected ({{count}})', batchDone: '{{ok}} approved, {{failed}} failed',
    approve: 'Approve', approveWithChanges: 'Approve with changes', return: 'Return', reject: 'Reject', delegate: 'Delegate', comment: 'Comment', commentLabel: 'Comment',
    fieldComments: 'Per-field comments', addFieldComment: 'Add a field comment', field: 'Field', changes: 'Changes', delegateTo: 'Delegate to', done: 'Done',
    history: 'History', action: 'Action', actor: 'By', at: 'At', details: 'Request details',
    actions: { submit: 'Submitted', resubmit: 'Resubmitted', approve: 'Approved', return: 'Returned', reject: 'Rejected', withdraw: 'Withdrawn', delegate: 'Delegated', comment: 'Commented', remind: 'Reminded', escalate: 'Escalated' },
    states: { draft: 'Draft', pending: 'Pending', returned: 'Returned', approved: 'Approved', rejected: 'Rejected', withdrawn: 'Withdrawn' },
    flows: 'Approval flows', version: 'Version', steps: 'Steps', diagram: 'Diagram', mermaid: 'Mermaid text', responsibility: 'Responsibilities',
    responsible: 'Responsible', approver: 'Approver', informed: 'Informed', deadline: 'Deadline', condition: 'Condition', versions: 'Versions', createdBy: 'Created by',
    editSteps: 'Edit steps', addStep: 'Add step', stepNameZh: 'Step name (Chinese)', stepNameEn: 'Step name (English)', approverKind: 'Approver kind',
    role: 'Role', user: 'User', scope: 'Scope', deadlineDays: 'Deadline (working days)', fallback: 'Escalate to', noFallback: 'No escalation', conditionField: 'Condition field',
    op: 'Operator', value: 'Value', saveVersion: 'Save as new version', savedVersion: 'Saved as version {{version}}', applicant2: 'Applicant', end: 'End',
    approved: 'approved', rejected: 'rejected', returned: 'returned', skipIf: 'skipped otherwise', days: '{{days}} working days', scopeAll: 'whole school', scopeCollege: 'own college', scopeDepartment: 'own department',
    metrics: 'Flow metrics', period: 'Period', count: 'Count', median: 'Median (hours)', p90: 'P90 (hours)', overdueShare: 'Overdue share',
    rejectionRate: 'Rejection rate', returnRate: 'Return rate', whole: 'Whole flow', durations: 'Durations', rates: 'Rates',
  },
  notif: {
    title: 'Notifications', unreadOnly: 'Unread only', settings: 'Notification settings', emailKinds: 'Also send by email', saved: 'Saved',
    kinds: { approval_needed: 'Approval needed', approved: 'Approved', returned: 'Returned', rejected: 'Rejected', deadline_near: 'Deadline near', escalated: 'Escalated', audit_chain_broken: 'Audit log check failed' },
  },
  mail: {
    title: 'Mail settings', enabled: 'Send email', host: 'SMTP host', port: 'Port', secure: 'SSL/TLS', username: 'Username', password: 'Password',
    passwordKeep: 'Leave empty to keep the stored password', passwordSet: 'A password is stored', clearPassword: 'Clear password', from: 'From', source: 'Source',
    sources: { settings: 'Admin settings', env: 'Environment', none: 'Not configured' },
    outbox: 'Mail outbox', to: 'To', subject: 'Subject', status: 'Status', attempts: 'Attempts', lastError: 'Last error', createdAt: 'Created',
    sentAt: 'Sent', retry: 'Retry', retried: 'Queued again', statuses: { pending: 'Pending', failed: 'Failed', sent: 'Sent' },
  },
  classes: { title: 'Teaching classes', code: 'Class code', course: 'Course', teachers: 'Teachers', capacity: 'Capacity', targets: 'Targets', sessions: 'Weekly sessions', weeks: 'Weeks' },
  account: { title: 'Account settings' },
};
export default ext;
