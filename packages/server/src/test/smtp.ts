import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

/** A local SMTP server for tests: random port (or a given one), no auth, no TLS; collects what it receives. */
export async function startSmtp(port = 0) {
  const messages: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actualPort = (server.server.address() as AddressInfo).port;
  return {
    port: actualPort,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Header lines unfolded and RFC 2047 encoded words (=?UTF-8?Q?…?= / ?B?) decoded, as a mail client shows them. */
function decodeHeaders(head: string): string {
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  // Adjacent encoded words are one text: the space between them is not part of it.
  const joined = unfolded.replace(/(\?=)\s+(?==\?)/g, '$1');
  return joined.replace(/=\?([\w-]+)\?([QB])\?([^?]*)\?=/gi, (_, _charset: string, enc: string, text: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(
          text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
          'latin1',
        ).toString('utf8'),
  );
}

/**
 * The readable text of a received message: every text part of a (multipart) MIME message with its
 * transfer encoding (base64, quoted-printable) undone, joined; headers of the message kept on top
 * (decoded, so a subject reads as sent).
 */
export function mailText(raw: string): string {
  const [head] = raw.split(/\r?\n\r?\n/, 1);
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(head)?.[1];
  const parts = boundary ? raw.split(`--${boundary}`).slice(1, -1) : [raw.slice(head.length)];
  const bodies = parts.map((part) => {
    const split = part.search(/\r?\n\r?\n/);
    const headers = boundary ? part.slice(0, split) : head;
    const body = boundary ? part.slice(split).trim() : part.trim();
    const encoding = /content-transfer-encoding:\s*([\w-]+)/i.exec(headers)?.[1]?.toLowerCase();
    if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    if (encoding === 'quoted-printable') {
      const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => `%${h}`);
      return Buffer.from(decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25')), 'utf8').toString('utf8');
    }
    return body;
  });
  return [decodeHeaders(head), ...bodies].join('\n\n');
}
