import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExamsFixture, type ExamsFixture } from '../../modules/exams/test/exams-fixture.ts';
import { createTestContext, type TestClient, type TestContext } from '../../test/test-app.ts';
import { users } from '../../modules/iam/iam.tables.ts';
import { auditLog } from '../audit/audit.tables.ts';
import { downloadDisposition } from './attachment-content.ts';
import { attachments } from './attachments.tables.ts';

/**
 * 附件 through the API: a student uploads a medical certificate, links it to their 缓考
 * application, and the college's secretary and the office download it from the list; another
 * student, a teacher and nobody get 404. The type comes from the bytes, not the name.
 */

let ctx: TestContext;
let f: ExamsFixture;
let office: TestClient;
let secretary: TestClient;
let student: TestClient;
let otherStudent: TestClient;
let teacher: TestClient;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0)]);

/** The body a browser sends: the file name as raw UTF-8 in the part header. */
function upload(client: TestClient, data: Buffer, filename: string, contentType = 'application/pdf', lang: 'zh-CN' | 'en' = 'zh-CN') {
  const boundary = '----jiaowuAttachmentTest';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`;
  const payload = Buffer.concat([Buffer.from(head, 'utf8'), data, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return client.request('POST', '/api/attachments', payload, {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    lang,
  });
}

beforeAll(async () => {
  ctx = await createTestContext({ app: { logger: { level: 'error' } } });
  f = await buildExamsFixture(ctx.db, ctx.clock());
  const [other] = await ctx.db.select().from(users).where(eq(users.studentId, f.otherStudentId));
  [office, secretary, student, teacher, otherStudent] = await Promise.all([
    ctx.as('office'),
    ctx.as('secretary'),
    ctx.as('student'),
    ctx.as('teacher'),
    ctx.as(other.username),
  ]);
}, 120_000);
afterAll(() => ctx?.close());

describe('attachments 附件', () => {
  it('proof on a deferral: the reviewers download it, another student gets 404', async () => {
    const up = await upload(student, PDF, 'C:\\Users\\me\\诊断证明 (1).pdf');
    expect(up.statusCode, up.body).toBe(201);
    const file = up.json();
    expect(file).toMatchObject({ filename: '诊断证明 (1).pdf', mime: 'application/pdf', size: PDF.length });
    const [audit] = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'attachments.upload'));
    expect(audit.after).toMatchObject({ filename: '诊断证明 (1).pdf', sha256: createHash('sha256').update(PDF).digest('hex') });

    // Before it is linked, only the uploader may read it.
    expect((await office.get(`/api/attachments/${file.id}`)).statusCode).toBe(404);

    const filed = await student.post('/api/exams/deferrals', { examId: f.futureExamId, reason: '急性肠胃炎住院', attachmentId: file.id });
    expect(filed.statusCode, filed.body).toBe(201);
    expect(filed.json().attachment).toMatchObject({ id: file.id, filename: '诊断证明 (1).pdf' });

    // The secretary's list shows it; the secretary and the office download the very bytes.
    const listed = (await secretary.get('/api/exams/deferrals')).json().items;
    expect(listed.find((d: { id: number }) => d.id === filed.json().id).attachment.id).toBe(file.id);
    for (const reviewer of [secretary, office, student]) {
      const res = await reviewer.get(`/api/attachments/${file.id}`);
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload.equals(PDF)).toBe(true);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-disposition']).toBe(downloadDisposition('诊断证明 (1).pdf'));
      expect(res.headers['content-disposition']).toContain("filename*=UTF-8''%E8%AF%8A%E6%96%AD%E8%AF%81%E6%98%8E%20%281%29.pdf");
    }
    for (const outsider of [otherStudent, teacher]) {
      const res = await outsider.get(`/api/attachments/${file.id}`);
      expect(res.statusCode).toBe(404);
      expect(res.rawPayload.includes(PDF)).toBe(false);
    }
    expect((await ctx.anonymous().get(`/api/attachments/${file.id}`)).statusCode).toBe(401);

    // Withdrawn and filed again: the file is used already, and another student's file never was theirs.
    await student.post(`/api/exams/deferrals/${filed.json().id}/withdraw`);
    const reused = await student.post('/api/exams/deferrals', { examId: f.futureExamId, reason: '再次申请', attachmentId: file.id });
    expect(reused.statusCode).toBe(409);
    expect(reused.json().error.code).toBe('attachment_unavailable');
    const theirs = (await upload(otherStudent, PDF, 'x.pdf')).json();
    const stolen = await student.post('/api/exams/deferrals', { examId: f.futureExamId, reason: '再次申请', attachmentId: theirs.id });
    expect(stolen.statusCode).toBe(409);
    // Refused as a whole: no application was left behind without its proof.
    const mine = (await student.get('/api/exams/deferrals')).json().items;
    expect(mine.map((d: { status: string }) => d.status)).toEqual(['withdrawn']);
  });

  it('stores a PNG renamed .pdf as image/png', async () => {
    const res = await upload(student, PNG, 'scan.pdf', 'application/pdf');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ mime: 'image/png', filename: 'scan.pdf' });
    const got = await student.get(`/api/attachments/${res.json().id}`);
    expect(got.headers['content-type']).toBe('image/png');
  });

  it('refuses a program renamed .pdf, an empty file and one over 10 MB, in words', async () => {
    const before = await ctx.db.$count(attachments);
    const exe = await upload(student, EXE, 'certificate.pdf', 'application/pdf', 'en');
    expect(exe.statusCode).toBe(415);
    expect(exe.json().error.message).toBe('Only PDF, JPEG or PNG files can be uploaded');
    const empty = await upload(student, Buffer.alloc(0), 'empty.pdf');
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toBe('文件是空的，请重新选择');
    const big = await upload(student, Buffer.concat([PDF, Buffer.alloc(11 * 2 ** 20)]), 'big.pdf', 'application/pdf', 'en');
    expect(big.statusCode).toBe(413);
    expect(big.json().error.message).toBe('The file is too large; at most 10 MB');
    expect(await ctx.db.$count(attachments)).toBe(before);
  });

  it('strips control and direction characters from the name', async () => {
    const res = await upload(student, PDF, '../../etc/\u202egpj.exe\u0007.pdf');
    expect(res.json().filename).toBe('gpj.exe.pdf');
  });
});
