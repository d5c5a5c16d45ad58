/** Strings of the selection rules of issue 13: retakes 重修, class flags, credit-limit raises 超学分申请. */
const selrules = {
  selrules: {
    retakeFor: '重修',
    retakeHint: '你曾未通过本课程，选择即为重修',
    retakeMode: '重修方式',
    retakeModes: { follow: '跟班重修', retake_class: '重修班', self_study: '自学重修（只参加考试，可与其他课程时间冲突）' },
    raise: {
      apply: '申请超学分',
      title: '超学分申请',
      rule: '本轮学分上限为 {{n}} 学分。无不及格课程且无选课限制的同学可申请提高上限，由学院审核、教务处审批，批准后按新上限选课。',
      maxCredits: '申请的学分上限',
      reason: '申请理由',
      submit: '提交申请',
      required: '请填写此项',
      loadFailed: '超学分申请状态加载失败',
      status: {
        pending: '超学分申请审批中（{{n}} 学分）',
        approved: '超学分申请已批准：上限 {{n}} 学分',
        rejected: '超学分申请未获批准',
        returned: '超学分申请被退回，可重新申请',
        withdrawn: '超学分申请已撤回',
      },
    },
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
