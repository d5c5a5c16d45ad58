/** Strings of the flow pages in words, the school's time zone and its settings page (English). */
const flowsx = {
  flowsx: {
    subjectKind: 'Applies to',
    description: 'Description',
    descriptionZh: 'Description (Chinese)',
    descriptionEn: 'Description (English)',
    developer: 'Developer options',
    showMermaid: 'Show the Mermaid source',
    mermaidHint: 'For developers: paste the diagram into documentation or a Mermaid editor.',
    conditionField: 'Condition',
    noCondition: 'No condition (always applies)',
    conditionValue: 'Value',
    yes: 'yes',
    no: 'no',
    removedUser: '(a user who no longer exists)',
    school: {
      menu: 'School settings',
      title: 'School settings',
      timeZone: 'School time zone',
      timeZoneHelp:
        'Every time on the pages, in notifications and in emails is shown in this zone, whatever the visitor’s computer is set to.',
      example: 'Time now in this zone: {{now}}',
    },
  },
};
export default flowsx;
