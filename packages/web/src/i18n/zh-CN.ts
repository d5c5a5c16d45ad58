/**
 * Interface strings in Simplified Chinese. Field, resource and enumeration
 * labels are not here: they come from the shared tables in @jiaowu/contracts
 * (see labels.ts).
 */
const zhCN = {
  app: { name: '教务管理系统', short: '教务', brand: '教务管理系统' },
  common: {
    ok: '确定', cancel: '取消', save: '保存', create: '新建', edit: '编辑', delete: '删除',
    search: '搜索', reset: '重置', actions: '操作', yes: '是', no: '否', all: '全部',
    confirmDelete: '确定删除这条记录吗？', deleted: '已删除', saved: '已保存', created: '已创建',
    import: '批量导入', exportXlsx: '导出 Excel', exportCsv: '导出 CSV', loading: '加载中…', refresh: '刷新',
    total: '共 {{total}} 条', back: '返回', close: '关闭', copy: '复制', copied: '已复制',
    none: '无', detail: '详情', add: '添加', remove: '移除', download: '下载', filters: '筛选',
  },
  menu: {
    home: '首页', profile: '我的学籍', org: '基础数据', places: '场地', people: '人员',
    imports: '批量导入', audit: '审计日志', system: '系统管理', users: '用户', roles: '角色',
    apiTokens: 'API 令牌',
  },
  header: { changePassword: '修改密码', logout: '退出登录', language: '语言', menu: '菜单' },
  login: {
    title: '登录', subtitle: '学校教务一站式管理', username: '用户名', password: '密码',
    submit: '登录', required: '请输入用户名和密码',
  },
  password: {
    title: '修改密码', forced: '首次登录或密码已被重置，请先设置新密码。', current: '当前密码',
    next: '新密码', confirm: '确认新密码', mismatch: '两次输入的密码不一致', changed: '密码已修改',
    submit: '修改密码', min: '至少 {{min}} 个字符',
  },
  errors: {
    forbiddenTitle: '无权访问', forbidden: '抱歉，您没有访问此页面的权限。', notFoundTitle: '页面不存在',
    notFound: '您访问的页面不存在。', backHome: '返回首页', network: '网络错误，请稍后重试',
  },
  home: {
    welcome: '欢迎，{{name}}', currentTerm: '当前学期', noCurrentTerm: '尚未设置当前学期',
    students: '学生', teachers: '教师', rooms: '教室', week: '第 {{week}} 周',
    weeks: '共 {{weeks}} 周，{{start}} 开学', quick: '快捷入口', roles: '您的角色',
  },
  profile: { title: '我的学籍', account: '账号信息', record: '学籍信息', noRecord: '没有找到学籍信息' },
  table: { searchPlaceholder: '搜索代码或名称', timeGrid: '作息时间' },
  form: { createTitle: '新建{{resource}}', editTitle: '编辑{{resource}}', fixErrors: '请修正标出的字段' },
  slots: { day: '星期', from: '起始节次', to: '结束节次', add: '添加不可用时段', empty: '全部时段可用' },
  weekday: { 1: '周一', 2: '周二', 3: '周三', 4: '周四', 5: '周五', 6: '周六', 7: '周日' },
  term: {
    title: '学期：{{name}}', timeGrid: '作息时间表', campus: '适用校区', allCampuses: '所有校区（默认）',
    addPeriod: '添加节次', fillDefault: '按默认作息填充', saved: '作息时间已保存',
  },
  imports: {
    title: '批量导入', kind: '导入类型', stepKind: '选择类型', stepCheck: '上传并检查', stepCommit: '导入',
    template: '下载模板', templateHint: '按模板填写后上传；表头可以用中文或英文，枚举值可填中文名称。',
    upload: '选择文件并检查', reupload: '重新上传修正后的文件', dryRunOk: '检查通过：共 {{rows}} 行，全部有效。',
    dryRunBad: '发现 {{count}} 处错误（共 {{rows}} 行，有效 {{valid}} 行）。请修改文件后重新上传。',
    row: '行号', column: '列', code: '错误代码', message: '说明', commit: '确认导入', running: '正在导入…',
    done: '导入完成', created: '新增 {{count}} 条', updated: '更新 {{count}} 条', failed: '导入失败',
    again: '再导入一个文件', encoding: '文件编码：{{encoding}}', file: '文件：{{name}}', gotoList: '查看列表',
    queued: '排队中…', cancel: '取消导入', cancelling: '正在取消…', cancelled: '导入已取消，未写入任何数据。',
    noKinds: '您没有可导入的数据类型的管理权限。',
    hintCourses: '按课程代码新增或更新课程；先修课程写课程代码，如 MA101 & (CS101 | CS102)，可引用课程库或本文件中的课程。整个文件全部导入或全部不导入。',
    hintPlans: '每行是方案中的一门课程；同一专业、年级的行组成一个方案，导入后替换该方案的课程组和课程（学分要求和备注保留），没有的方案会新建。',
  },
  audit: {
    title: '审计日志', at: '时间', actor: '操作人', ip: 'IP', action: '操作', entityType: '对象类型',
    entityId: '对象 ID', field: '字段', before: '修改前', after: '修改后', range: '时间范围',
    kind: { user: '用户', token: 'API 令牌', system: '系统' }, noChange: '无字段变化',
  },
  users: {
    title: '用户', create: '新建用户', username: '用户名', displayName: '姓名', email: '邮箱',
    locale: '语言', roles: '角色', disabled: '已停用', active: '正常', locked: '已锁定', status: '状态',
    lastLogin: '最近登录', resetPassword: '重置密码', unlock: '解锁', unlocked: '已解锁',
    passwordReset: '密码已重置，用户下次登录需修改密码', newPassword: '新密码', initialPassword: '初始密码',
    addRole: '添加角色', role: '角色', college: '学院（范围）', department: '系（范围）', isDisabled: '停用账号',
  },
  roles: {
    title: '角色', create: '新建角色', code: '代码', name: '名称', nameZh: '中文名称', nameEn: '英文名称',
    description: '说明', builtin: '内置', users: '用户数', grants: '权限', matrix: '权限 × 数据范围',
    permission: '权限',
  },
  tokens: {
    title: 'API 令牌', create: '新建令牌', name: '名称', prefix: '前缀', permissions: '权限',
    expiresInDays: '有效天数', expiresAt: '过期时间', lastUsed: '最近使用', createdAt: '创建时间',
    createdBy: '创建人', revoke: '撤销', revoked: '已撤销', confirmRevoke: '撤销后使用该令牌的系统将无法访问，确定吗？',
    shownOnce: '请立即复制令牌，它只显示这一次。', never: '永不过期', active: '有效', status: '状态',
  },
  lang: { 'zh-CN': '简体中文', en: 'English' },
};

export default zhCN;
export type Messages = typeof zhCN;
