import type { Locale } from '@jiaowu/contracts';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The "reset your password" email in the account's language. */
export function renderResetEmail(locale: Locale, p: { displayName: string; username: string; link: string; minutes: number }) {
  const zh = locale !== 'en';
  const subject = zh ? '重置您的教务 Jiaowu 密码' : 'Reset your 教务 Jiaowu password';
  const lines = zh
    ? [
        `${p.displayName}（${p.username}）您好：`,
        '我们收到了重置您教务 Jiaowu 账号密码的申请。请打开下面的链接设置新密码：',
        p.link,
        `链接在 ${p.minutes} 分钟内有效，且只能使用一次。设置新密码后，您在所有设备上的登录都会退出。`,
        '如果这不是您本人的操作，请忽略本邮件，您的密码不会改变。',
      ]
    : [
        `Hello ${p.displayName} (${p.username}),`,
        'We received a request to reset the password of your 教务 Jiaowu account. Open this link to set a new password:',
        p.link,
        `The link works once, within ${p.minutes} minutes. Setting a new password signs you out on every device.`,
        'If you did not ask for this, ignore this email; your password stays as it is.',
      ];
  const text = lines.join('\n\n');
  const html = lines
    .map((l) => (l === p.link ? `<p><a href="${escapeHtml(p.link)}">${escapeHtml(p.link)}</a></p>` : `<p>${escapeHtml(l)}</p>`))
    .join('\n');
  return { subject, text, html };
}
