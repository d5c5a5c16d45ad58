import nodemailer from 'nodemailer';
import type { MailSettingsRow } from './notifications.repository.ts';

/** Settings from the environment (SMTP_URL, MAIL_FROM); an admin's settings in the database override them. */
export interface MailEnv {
  smtpUrl?: string;
  mailFrom?: string;
  /** Base URL of the web app for links in emails (PUBLIC_URL). */
  publicUrl?: string;
}

export interface MailConfig {
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  pass: string | null;
  from: string;
  source: 'settings' | 'env';
}

/** The SMTP server to use now, or null when mail is off or not configured. */
export function resolveMailConfig(row: MailSettingsRow | null, env: MailEnv): MailConfig | null {
  if (row) {
    if (!row.enabled || !row.host) return null;
    return {
      host: row.host,
      port: row.port ?? (row.secure ? 465 : 587),
      secure: row.secure,
      user: row.username,
      pass: row.password,
      from: row.fromAddress ?? `jiaowu@${row.host}`,
      source: 'settings',
    };
  }
  if (!env.smtpUrl) return null;
  const url = new URL(env.smtpUrl);
  const secure = url.protocol === 'smtps:';
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    user: url.username ? decodeURIComponent(url.username) : null,
    pass: url.password ? decodeURIComponent(url.password) : null,
    from: env.mailFrom ?? `jiaowu@${url.hostname}`,
    source: 'env',
  };
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** One SMTP connection setup per flush; short timeouts so a dead server fails fast and is retried later. */
export function createMailSender(config: MailConfig) {
  const transport = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    auth: config.user ? { user: config.user, pass: config.pass ?? '' } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async send(mail: OutgoingMail) {
      await transport.sendMail({ from: config.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
    },
    close: () => transport.close(),
  };
}
