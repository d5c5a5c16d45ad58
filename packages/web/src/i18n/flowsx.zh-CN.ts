/** Strings of the flow pages in words, the school's time zone and its settings page (Simplified Chinese). */
const flowsx = {
  flowsx: {
    subjectKind: '审批事项',
    description: '说明',
    descriptionZh: '说明（中文）',
    descriptionEn: '说明（英文）',
    developer: '开发者选项',
    showMermaid: '显示 Mermaid 源文本',
    mermaidHint: '供开发人员将流程图粘贴到文档或 Mermaid 编辑器中使用。',
    conditionField: '条件',
    noCondition: '无条件（始终执行）',
    conditionValue: '取值',
    yes: '是',
    no: '否',
    removedUser: '（已不存在的用户）',
    school: {
      menu: '学校设置',
      title: '学校设置',
      timeZone: '学校所在时区',
      timeZoneHelp: '页面、通知和邮件中的所有时间都按此时区显示，与访问者电脑的时区无关。',
      example: '此时区的当前时间：{{now}}',
    },
  },
};
export default flowsx;
