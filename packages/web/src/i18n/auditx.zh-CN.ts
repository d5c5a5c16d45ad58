/** Interface strings of the audit log in words and the import report's rows to fix (workstream auditx). */
const auditx = {
  auditx: {
    search: '搜索操作、对象或操作人，如 修改学生',
    actionFilter: '操作',
    entityFilter: '对象类型',
    actorFilter: '操作人',
    entity: '对象',
    changedFields: '变更字段',
    empty: '（空）',
    created: '新建时填写',
    removed: '删除前',
    changes: '{{count}} 项变更',
    downloadBadRows: '下载错误行（XLSX）',
    badRowsHint: '下载的文件保留原来的列和内容，并在最后一列写明每行的错误；按说明改好后可直接重新上传。',
  },
};
export default auditx;
