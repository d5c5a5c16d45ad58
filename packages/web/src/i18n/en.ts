import type { Messages } from './zh-CN.ts';

/** Interface strings in English (same keys as zh-CN.ts). */
const en: Messages = {
  app: { name: 'Jiaowu Academic Affairs', short: 'Jiaowu', brand: 'Jiaowu 教务' },
  common: {
    ok: 'OK', cancel: 'Cancel', save: 'Save', create: 'New', edit: 'Edit', delete: 'Delete',
    search: 'Search', reset: 'Reset', actions: 'Actions', yes: 'Yes', no: 'No', all: 'All',
    confirmDelete: 'Delete this record?', deleted: 'Deleted', saved: 'Saved', created: 'Created',
    import: 'Import', exportXlsx: 'Export Excel', exportCsv: 'Export CSV', loading: 'Loading…', refresh: 'Refresh',
    total: '{{total}} in total', back: 'Back', close: 'Close', copy: 'Copy', copied: 'Copied',
    none: 'None', detail: 'Details', add: 'Add', remove: 'Remove', download: 'Download', filters: 'Filters',
  },
  menu: {
    home: 'Home', profile: 'My record', org: 'Organisation', places: 'Places', people: 'People',
    imports: 'Imports', audit: 'Audit log', system: 'System', users: 'Users', roles: 'Roles',
    apiTokens: 'API tokens',
  },
  header: { changePassword: 'Change password', logout: 'Sign out', language: 'Language', menu: 'Menu' },
  login: {
    title: 'Sign in', subtitle: 'Academic affairs in one place', username: 'Username', password: 'Password',
    submit: 'Sign in', required: 'Enter your username and password',
  },
  password: {
    title: 'Change password', forced: 'This is your first sign-in or your password was reset: set a new password first.',
    current: 'Current password', next: 'New password', confirm: 'Confirm new password',
    mismatch: 'The passwords do not match', changed: 'Password changed', submit: 'Change password',
    min: 'At least {{min}} characters',
  },
  errors: {
    forbiddenTitle: 'No permission', forbidden: 'Sorry, you are not allowed to open this page.',
    notFoundTitle: 'Page not found', notFound: 'The page you asked for does not exist.', backHome: 'Back home',
    network: 'Network error; please try again later',
  },
  home: {
    welcome: 'Welcome, {{name}}', currentTerm: 'Current term', noCurrentTerm: 'No current term set',
    students: 'Students', teachers: 'Teachers', rooms: 'Rooms', week: 'Week {{week}}',
    weeks: '{{weeks}} weeks, starting {{start}}', quick: 'Shortcuts', roles: 'Your roles',
  },
  profile: { title: 'My record', account: 'Account', record: 'Student record', noRecord: 'No student record found' },
  table: { searchPlaceholder: 'Search code or name', timeGrid: 'Time grid' },
  form: { createTitle: 'New: {{resource}}', editTitle: 'Edit: {{resource}}', fixErrors: 'Please fix the marked fields' },
  slots: { day: 'Day', from: 'From period', to: 'To period', add: 'Add unavailable time', empty: 'Available at all times' },
  weekday: { 1: 'Mon', 2: 'Tue', 3: 'Wed', 4: 'Thu', 5: 'Fri', 6: 'Sat', 7: 'Sun' },
  term: {
    title: 'Term: {{name}}', timeGrid: 'Time grid', campus: 'Campus', allCampuses: 'All campuses (default)',
    addPeriod: 'Add period', fillDefault: 'Fill with default times', saved: 'Time grid saved',
  },
  imports: {
    title: 'Imports', kind: 'What to import', stepKind: 'Choose', stepCheck: 'Upload and check', stepCommit: 'Import',
    template: 'Download template',
    templateHint: 'Fill in the template and upload it; headers may be Chinese or English, and enumerations may use their labels.',
    upload: 'Choose a file and check', reupload: 'Upload the corrected file', dryRunOk: 'Check passed: {{rows}} rows, all valid.',
    dryRunBad: 'Errors found: {{count}} ({{rows}} rows, {{valid}} valid). Fix the file and upload it again.',
    row: 'Row', column: 'Column', code: 'Error code', message: 'Message', commit: 'Import now', running: 'Importing…',
    done: 'Import finished', created: '{{count}} created', updated: '{{count}} updated', failed: 'Import failed',
    again: 'Import another file', encoding: 'Encoding: {{encoding}}', file: 'File: {{name}}', gotoList: 'Open the list',
    queued: 'Queued…', cancel: 'Cancel the import', cancelling: 'Cancelling…', cancelled: 'The import was cancelled; nothing was written.',
    noKinds: 'You may not manage any of the data that can be imported.',
    hintCourses: 'Rows add or update courses by course code; prerequisites name course codes, e.g. MA101 & (CS101 | CS102), of the catalog or of this file. The whole file is imported or nothing.',
    hintPlans: 'One row per course placed in a plan; the rows of one major and cohort form a plan, whose groups and courses they replace (credit requirements and notes stay); missing plans are created.',
  },
  audit: {
    title: 'Audit log', at: 'Time', actor: 'Actor', ip: 'IP', action: 'Action', entityType: 'Entity type',
    entityId: 'Entity ID', field: 'Field', before: 'Before', after: 'After', range: 'Period',
    kind: { user: 'User', token: 'API token', system: 'System' }, noChange: 'No field changed',
  },
  users: {
    title: 'Users', create: 'New user', username: 'Username', displayName: 'Name', email: 'Email',
    locale: 'Language', roles: 'Roles', disabled: 'Disabled', active: 'Active', locked: 'Locked', status: 'Status',
    lastLogin: 'Last sign-in', resetPassword: 'Reset password', unlock: 'Unlock', unlocked: 'Unlocked',
    passwordReset: 'Password reset; the user must change it at the next sign-in', newPassword: 'New password',
    initialPassword: 'Initial password', addRole: 'Add role', role: 'Role', college: 'College (scope)',
    department: 'Department (scope)', isDisabled: 'Disable account',
  },
  roles: {
    title: 'Roles', create: 'New role', code: 'Code', name: 'Name', nameZh: 'Chinese name', nameEn: 'English name',
    description: 'Description', builtin: 'Built-in', users: 'Users', grants: 'Permissions',
    matrix: 'Permission × data scope', permission: 'Permission',
  },
  tokens: {
    title: 'API tokens', create: 'New token', name: 'Name', prefix: 'Prefix', permissions: 'Permissions',
    expiresInDays: 'Valid for (days)', expiresAt: 'Expires', lastUsed: 'Last used', createdAt: 'Created',
    createdBy: 'Created by', revoke: 'Revoke', revoked: 'Revoked',
    confirmRevoke: 'Systems using this token will lose access. Revoke it?',
    shownOnce: 'Copy the token now: it is shown only once.', never: 'Never', active: 'Active', status: 'Status',
  },
  lang: { 'zh-CN': '简体中文', en: 'English' },
};

export default en;
