/** Strings of the ID-number (证件号码) workstream. */
const idnumber = {
  idnumber: {
    policyIdLast6Note:
      '按此规则发放时：有证件号码的人，初始密码为其证件号码最后六位（字母 X 保持大写）；没有证件号码（或号码不足六位）的人仍使用随机密码。初始密码名单中逐人注明适用的规则，首次登录均须修改密码。',
    policyIdLast6Risk: '知道某人证件号码的人也能推出其初始密码，请尽快发放并提醒本人修改。',
    masked: '证件号码已部分隐藏',
  },
};

export default idnumber;
