import type { TranscriptVerification } from '@jiaowu/contracts';
import { formatDateTime } from '../../platform/time.ts';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const WORDS = {
  zh: {
    title: '成绩单核验',
    state: {
      genuine: '真实有效：该成绩单由本校开具，且为最新版本。',
      superseded: '已被替代：该成绩单曾由本校开具，但之后已开具新版本，请以新版本为准。',
      revoked: '已作废：该成绩单已被教务处作废，不再有效。',
      unknown: '无法核验：未找到该验证码对应的成绩单。',
    },
    kind: { transcript: '成绩单', certificate: '英文成绩证明' },
    fields: {
      kind: '类型',
      issuedAt: '开具时间',
      studentName: '姓名',
      studentCode: '学号',
      checksum: '校验值（SHA-256）',
      changedAt: '状态变更时间',
    },
    hint: '请核对纸质成绩单上打印的姓名、学号与校验值是否与此处一致。',
  },
  en: {
    title: 'Transcript verification',
    state: {
      genuine: 'Genuine: this transcript was issued by the school and is the latest version.',
      superseded: 'Superseded: this transcript was issued by the school, but a newer one has been issued since.',
      revoked: 'Revoked: the registry has revoked this transcript; it is no longer valid.',
      unknown: 'Not verified: no transcript has this verification code.',
    },
    kind: { transcript: 'Transcript', certificate: 'Grade certificate' },
    fields: {
      kind: 'Document',
      issuedAt: 'Issued',
      studentName: 'Name',
      studentCode: 'Student no.',
      checksum: 'Checksum (SHA-256)',
      changedAt: 'State since',
    },
    hint: 'Check that the name, student number and checksum printed on the paper match those shown here.',
  },
} as const;

const COLORS = { genuine: '#1a7f37', superseded: '#9a6700', revoked: '#cf222e', unknown: '#57606a' };

/**
 * The public page /verify/<code> opens (the transcript's QR code): a plain server-rendered page,
 * Chinese and English side by side, no script (it works without JavaScript and under the CSP),
 * styles inline. An unknown code shows nothing but that it is unknown.
 */
export function verifyPage(v: TranscriptVerification, timeZone: string): string {
  const column = (lang: 'zh' | 'en') => {
    const w = WORDS[lang];
    const rows: [string, string][] =
      v.state === 'unknown'
        ? []
        : [
            [w.fields.kind, v.kind ? w.kind[v.kind] : ''],
            [w.fields.issuedAt, v.issuedAt ? formatDateTime(v.issuedAt, timeZone) : ''],
            [w.fields.studentName, v.studentName ?? ''],
            [w.fields.studentCode, v.studentCode ?? ''],
            [w.fields.checksum, v.checksum ?? ''],
            ...(v.state === 'revoked' && v.revokedAt
              ? [[w.fields.changedAt, formatDateTime(v.revokedAt, timeZone)] as [string, string]]
              : []),
            ...(v.state === 'superseded' && v.supersededAt
              ? [[w.fields.changedAt, formatDateTime(v.supersededAt, timeZone)] as [string, string]]
              : []),
          ];
    return `<section lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<h1>${escape(w.title)}</h1>
<p class="state" data-state="${v.state}">${escape(w.state[v.state])}</p>
${rows.length ? `<dl>${rows.map(([k, val]) => `<dt>${escape(k)}</dt><dd${k === w.fields.checksum ? ' class="sum"' : ''}>${escape(val)}</dd>`).join('')}</dl>` : ''}
${v.state === 'unknown' ? '' : `<p class="hint">${escape(w.hint)}</p>`}
</section>`;
  };
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${WORDS.zh.title} · ${WORDS.en.title}</title>
<style>
body{margin:0;font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;background:#f6f8fa;color:#1f2328}
main{max-width:980px;margin:24px auto;padding:0 16px;display:flex;flex-wrap:wrap;gap:16px}
section{flex:1 1 360px;background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:16px 20px}
h1{font-size:20px;margin:0 0 12px}
.state{font-weight:600;color:${COLORS[v.state]};border-left:4px solid ${COLORS[v.state]};padding-left:8px}
dl{display:grid;grid-template-columns:max-content 1fr;gap:6px 12px;margin:16px 0}
dt{color:#57606a}dd{margin:0}
.sum{font-family:ui-monospace,monospace;font-size:12px;word-break:break-all}
.hint{font-size:13px;color:#57606a}
</style>
</head>
<body>
<main>
${column('zh')}
${column('en')}
</main>
</body>
</html>
`;
}
