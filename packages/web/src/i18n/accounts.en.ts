/** Interface strings of student and teacher accounts (users page: filters, bulk actions, initial passwords). */
const accounts = {
  accounts: {
    title: 'Users and accounts',
    kind: 'Type',
    kinds: { student: 'Student', teacher: 'Teacher', staff: 'Staff' },
    college: 'College',
    group: 'Class / college',
    status: 'Status',
    statuses: { active: 'Active', disabled: 'Disabled', unissued: 'No initial password yet', locked: 'Locked' },
    allKinds: 'All types',
    allStatuses: 'All statuses',
    allColleges: 'All colleges',
    unissuedBanner: '{{count}} student and teacher accounts have no initial password yet and cannot sign in.',
    issueAll: 'Issue initial passwords',
    selected: '{{count}} accounts selected',
    selectAllMatching: 'Select all {{total}} matching accounts',
    allMatching: 'All {{total}} matching accounts are selected',
    clearSelection: 'Clear selection',
    resetPasswords: 'Reset passwords',
    disable: 'Disable',
    enable: 'Enable',
    confirmReset:
      'Make new passwords for {{count}} accounts by the initial password policy? The old passwords stop working at once, and the new ones must be changed at first sign-in.',
    confirmDisable: 'Disable {{count}} accounts? Their open sessions end at once.',
    confirmEnable: 'Enable {{count}} accounts?',
    done: '{{count}} accounts updated',
    noneChanged: 'No account needed a change',
    job: {
      running: 'Making initial passwords…',
      cancel: 'Cancel',
      cancelled: 'Cancelled; no password was changed.',
      failed: 'Making initial passwords failed; no password was changed',
    },
    jobTitle: 'Issuing initial passwords',
    handoutReady:
      'Initial passwords were made for {{count}} accounts. Download the list and hand each person their own; it is kept until {{until}} and then deleted.',
    downloadHandout: 'Download the initial password list (XLSX)',
    printHandout: 'Print the list',
    print: 'Print',
    printTitle: 'Initial passwords',
    printUntil: 'The list is kept until {{until}} and cannot be opened after that.',
    fromIdNumber: 'Last six characters of the ID number',
    columns: { code: 'Student/staff no.', name: 'Name', password: 'Initial password' },
    close: 'Close',
    policyTitle: 'Initial password policy',
    policy: {
      random: 'Random password (different for everyone, 10 characters, no easily confused ones)',
      id_last6: 'Last six characters of the ID number (random for people without one)',
    },
    policyHint:
      'Students and teachers created or imported get an account automatically (user name = student or staff number). They can sign in once an initial password is issued, and must change it at first sign-in.',
    policySaved: 'Initial password policy saved',
    save: 'Apply policy',
  },
};

export default accounts;
