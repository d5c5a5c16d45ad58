/** Strings of forgotten password, CAPTCHA and single sign-on (Simplified Chinese). */
const auth2 = {
  auth2: {
    forgotLink: '忘记密码？',
    backToLogin: '返回登录',
    captcha: {
      label: '验证问题：',
      hint: '请用数字回答上面的问题',
      required: '请回答验证问题',
    },
    forgot: {
      title: '找回密码',
      intro: '输入您的学号、工号、用户名或登记的邮箱，我们会把重置密码的链接发到该账号登记的邮箱。',
      login: '学号 / 工号 / 用户名 / 邮箱',
      loginRequired: '请输入学号、工号、用户名或邮箱',
      submit: '发送重置链接',
      sent: '如果该账号存在并登记了邮箱，重置链接已发送，请查收邮件。链接只能使用一次，并会在一段时间后失效。',
      noEmail: '没有登记邮箱的账号无法自助找回，请携带证件联系教务处（或学院教务办）重置密码。',
      noMail: '本系统尚未开通邮件找回密码，请联系教务处（或学院教务办）重置密码。',
    },
    reset: {
      title: '设置新密码',
      missingToken: '链接不完整，请从邮件中重新打开完整的链接，或重新申请。',
      requestAgain: '重新申请重置链接',
      done: '密码已重置。您在所有设备上的登录均已退出，请用新密码登录。',
      goLogin: '去登录',
    },
    sso: {
      button: '统一身份认证登录',
      or: '或',
      errors: {
        sso_unknown_user: '统一身份认证账号在本系统中没有对应的账号，请联系教务处。',
        account_disabled: '该账号已停用，请联系管理员。',
        sso_not_configured: '本系统未启用统一身份认证。',
        sso_failed: '统一身份认证登录失败，请重试。',
      },
    },
  },
};
export default auth2;
