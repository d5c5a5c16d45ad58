import { formatMessage, type Locale, type NotificationKind } from '@jiaowu/contracts';
import { formatDateTime } from '../../platform/time.ts';

/** A parameter either plain or given in both languages (flow and step names, subject titles). */
export type LocalizedParam = string | number | null | { 'zh-CN': string; en: string };
export type NotificationParams = Record<string, LocalizedParam>;

const TEMPLATES: Record<NotificationKind, Record<Locale, { title: string; body: string }>> = {
  timetable_changed: {
    'zh-CN': { title: '课表变更：{course}', body: '{course}（{class}）{change}：{what}。原因：{reason}' },
    en: { title: 'Timetable change: {course}', body: '{course} ({class}) {change}: {what}. Reason: {reason}' },
  },
  timetable_change_failed: {
    'zh-CN': {
      title: '调课未能生效：{course}',
      body: '您的调课申请“{subject}”已获批准，但课表在审批期间发生了变化，无法生效：{conflicts}。请重新申请。',
    },
    en: {
      title: 'Change not applied: {course}',
      body: 'Your change request “{subject}” was approved, but the timetable changed meanwhile and it cannot be applied: {conflicts}. Please file a new one.',
    },
  },
  approval_needed: {
    'zh-CN': { title: '待您审批：{subject}', body: '{applicant}提交的“{subject}”（{flow}）已到“{step}”步骤，请在 {due} 前处理。' },
    en: {
      title: 'Awaiting your approval: {subject}',
      body: '“{subject}” ({flow}) from {applicant} has reached the step “{step}”. Please decide by {due}.',
    },
  },
  approved: {
    'zh-CN': { title: '已通过：{subject}', body: '您提交的“{subject}”（{flow}）已审批通过。{comment}' },
    en: { title: 'Approved: {subject}', body: 'Your “{subject}” ({flow}) has been approved. {comment}' },
  },
  returned: {
    'zh-CN': { title: '已退回修改：{subject}', body: '您提交的“{subject}”（{flow}）在“{step}”步骤被{actor}退回：{comment}' },
    en: {
      title: 'Returned for revision: {subject}',
      body: 'Your “{subject}” ({flow}) was returned by {actor} at the step “{step}”: {comment}',
    },
  },
  rejected: {
    'zh-CN': { title: '已驳回：{subject}', body: '您提交的“{subject}”（{flow}）在“{step}”步骤被{actor}驳回：{comment}' },
    en: { title: 'Rejected: {subject}', body: 'Your “{subject}” ({flow}) was rejected by {actor} at the step “{step}”: {comment}' },
  },
  deadline_near: {
    'zh-CN': { title: '即将到期：{subject}', body: '“{subject}”（{flow}）的“{step}”步骤将于 {due} 到期，请尽快处理。' },
    en: { title: 'Deadline near: {subject}', body: 'The step “{step}” of “{subject}” ({flow}) is due by {due}; please decide soon.' },
  },
  escalated: {
    'zh-CN': { title: '已超时升级：{subject}', body: '“{subject}”（{flow}）的“{step}”步骤已超过期限（{due}），已转交{fallback}处理。' },
    en: {
      title: 'Escalated: {subject}',
      body: 'The step “{step}” of “{subject}” ({flow}) passed its deadline ({due}) and went to {fallback}.',
    },
  },
  timetable_published: {
    'zh-CN': {
      title: '课表已发布：{term}',
      body: '{term}的课表已发布（第 {version} 版），{scope}请在“我的课表”中查看。',
    },
    en: {
      title: 'Timetable published: {term}',
      body: 'The timetable of {term} has been published (version {version}); {scope}see “My timetable”.',
    },
  },
  selection_notice: {
    'zh-CN': { title: '选课通知：{round}', body: '“{round}”将于 {opensAt} 开放，{closesAt} 截止。{notice}' },
    en: { title: 'Course selection notice: {round}', body: '“{round}” opens at {opensAt} and closes at {closesAt}. {notice}' },
  },
  selection_opened: {
    'zh-CN': { title: '选课已开放：{round}', body: '“{round}”现已开放，{closesAt} 截止，请在“选课”中选课。' },
    en: {
      title: 'Course selection open: {round}',
      body: '“{round}” is open now until {closesAt}; select your classes under “Course selection”.',
    },
  },
  selection_promoted: {
    'zh-CN': { title: '候补成功：{course}', body: '教学班 {class}（{course}）有名额空出，您已按候补顺序自动选上。{dropped}' },
    en: {
      title: 'Off the waitlist: {course}',
      body: 'A seat of {class} ({course}) freed up and you have been enrolled from the waitlist. {dropped}',
    },
  },
  lottery_drawn: {
    'zh-CN': { title: '抽签结果：{round}', body: '“{round}”已抽签：你的 {choices} 个志愿中签 {won} 个。{details}' },
    en: {
      title: 'Lottery results: {round}',
      body: 'The seats of “{round}” have been drawn: {won} of your {choices} choices won. {details}',
    },
  },
  selection_class_cancelled: {
    'zh-CN': {
      title: '教学班停开：{course}',
      body: '教学班 {class}（{course}）停开，您在该班的选课已取消。原因：{reason}。{alternatives}',
    },
    en: {
      title: 'Class cancelled: {course}',
      body: 'The class {class} ({course}) has been cancelled and your enrolment in it dropped. Reason: {reason}. {alternatives}',
    },
  },
  selection_class_merged: {
    'zh-CN': {
      title: '合班通知：{course}',
      body: '教学班 {from}（{course}）已并入 {into}，您已转入 {into}，无需重新选课。原因：{reason}。',
    },
    en: {
      title: 'Classes merged: {course}',
      body: 'The class {from} ({course}) has been merged into {into}; you have been moved to {into} and need not select again. Reason: {reason}.',
    },
  },
  exam_published: {
    'zh-CN': { title: '考试安排已发布：{plan}', body: '“{plan}”已发布，您有 {count} 场考试，请在“我的考试”中查看时间、考场和座位号。' },
    en: {
      title: 'Exam timetable published: {plan}',
      body: '“{plan}” has been published; you have {count} exam(s). See “My exams” for times, rooms and seat numbers.',
    },
  },
  invigilation_assigned: {
    'zh-CN': { title: '监考安排：{plan}', body: '您在“{plan}”中有 {count} 场监考任务，请在“我的监考”中查看时间和考场。' },
    en: {
      title: 'Invigilation duties: {plan}',
      body: 'You have {count} invigilation duty(ies) in “{plan}”; see “My invigilations” for times and rooms.',
    },
  },
  exam_paper_flagged: {
    'zh-CN': { title: '试卷流转提醒：{paper}', body: '试卷“{paper}”需要处理：{problem}。' },
    en: { title: 'Exam paper needs attention: {paper}', body: 'The exam paper “{paper}” needs attention: {problem}.' },
  },
  grades_published: {
    'zh-CN': { title: '成绩已公布：{course}', body: '“{course}”（{term}）的{attempt}成绩已公布，请在“我的成绩”中查看。' },
    en: { title: 'Grade published: {course}', body: 'Your {attempt} grade in “{course}” ({term}) has been published. See “My grades”.' },
  },
  audit_chain_broken: {
    'zh-CN': {
      title: '审计日志完整性校验失败',
      body: '审计日志的哈希链在记录 {id}（序号 {seq}）处断开（{reason}）：已校验 {checked} 条。审计记录可能被绕过系统改写或删除，请立即调查。',
    },
    en: {
      title: 'Audit log integrity check failed',
      body: 'The audit log hash chain breaks at record {id} (seq {seq}, {reason}) after {checked} records checked. Audit records may have been rewritten or deleted outside the app; investigate now.',
    },
  },
};

function localize(params: NotificationParams, locale: Locale, timeZone: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) {
    if (v === null || v === undefined) out[k] = '';
    else if (typeof v === 'object') out[k] = v[locale] ?? v['zh-CN'];
    // Instants are stored as ISO strings and written when read, in the school's zone.
    else if (typeof v === 'string' && ISO_INSTANT.test(v)) out[k] = formatDateTime(v, timeZone);
    else out[k] = String(v);
  }
  return out;
}

const ISO_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/;

/** Title and body of a notification in one language; times in `timeZone` (the school's). */
export function renderNotification(kind: NotificationKind, params: NotificationParams, locale: Locale, timeZone: string) {
  const t = TEMPLATES[kind][locale];
  const p = localize(params, locale, timeZone);
  return { title: formatMessage(t.title, p), body: formatMessage(t.body, p).trim() };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The email of a notification: plain text plus a simple HTML version, in the recipient's language. */
export function renderEmail(kind: NotificationKind, params: NotificationParams, locale: Locale, url: string | null, timeZone: string) {
  const { title, body } = renderNotification(kind, params, locale, timeZone);
  const open = locale === 'en' ? 'Open in 教务 Jiaowu' : '在 教务 Jiaowu 中查看';
  const footer =
    locale === 'en' ? 'This message was sent by 教务 Jiaowu; please do not reply to it.' : '此邮件由 教务 Jiaowu 自动发送，请勿直接回复。';
  const text = [body, url ? `${open}: ${url}` : null, '', footer].filter((l) => l !== null).join('\n');
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif">',
    `<h2>${escapeHtml(title)}</h2>`,
    `<p>${escapeHtml(body)}</p>`,
    url ? `<p><a href="${escapeHtml(url)}">${escapeHtml(open)}</a></p>` : '',
    `<p style="color:#888;font-size:12px">${escapeHtml(footer)}</p>`,
    '</body></html>',
  ].join('');
  return { subject: `[教务 Jiaowu] ${title}`, text, html };
}
