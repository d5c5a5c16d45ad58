/** Strings of the selection rules of issue 13: retakes 重修, class flags, credit-limit raises 超学分申请. */
const selrules = {
  selrules: {
    retakeFor: '重修',
    retakeHint: '你曾未通过本课程，选择即为重修',
    retakeMode: '重修方式',
    retakeModes: { follow: '跟班重修', retake_class: '重修班', self_study: '自学重修（只参加考试，可与其他课程时间冲突）' },
    flags: {
      title: '选课限制',
      gender: '性别限制',
      genderNone: '不限',
      male: '仅限男生',
      female: '仅限女生',
      retakeClass: '重修班（仅供重修学生选择）',
      save: '保存',
      saved: '已保存',
      failed: '保存失败：{{message}}',
      retry: '重试',
    },
  },
};
export default selrules;
