/** Strings of the web shell workstream (lists, forms help, prerequisite editor). */
export default {
  shell: {
    example: 'e.g. {{example}}',
    examples: {
      planName: '2026 Computer Science curriculum',
      courseName: 'Data Structures',
      tokenName: 'Campus card sync',
    },
    prereq: {
      tree: 'Pick courses',
      text: 'Text (advanced)',
      pick: 'Search a course code or name to add',
      addGroup: 'Add a group',
      removeGroup: 'Remove this group',
      empty: 'No course chosen yet',
    },
  },
};
