/** Strings of the web shell workstream (lists, forms help, prerequisite editor). */
export default {
  shell: {
    example: '例如 {{example}}',
    examples: {
      planName: '2026级计算机科学与技术专业培养方案',
      courseName: '数据结构',
      tokenName: '一卡通系统同步',
    },
    prereq: {
      tree: '选择课程',
      text: '文本（高级）',
      pick: '搜索课程代码或名称添加',
      addGroup: '添加条件组',
      removeGroup: '删除此条件组',
      empty: '尚未选择课程',
    },
  },
};
