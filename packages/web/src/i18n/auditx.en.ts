import type zh from './auditx.zh-CN.ts';

/** Interface strings of the audit log in words and the import report's rows to fix (workstream auditx), English. */
const auditx: typeof zh = {
  auditx: {
    search: 'Search actions, records or people, e.g. update student',
    actionFilter: 'Action',
    entityFilter: 'Record type',
    actorFilter: 'By',
    entity: 'Record',
    changedFields: 'Changed fields',
    empty: '(empty)',
    created: 'Set on creation',
    removed: 'Before deletion',
    changes: '{{count}} changes',
    downloadBadRows: 'Download rows to fix (XLSX)',
    badRowsHint:
      'The file keeps your columns and cells and adds a last column explaining each row’s errors; fix them and upload the file again as it is.',
  },
};
export default auditx;
