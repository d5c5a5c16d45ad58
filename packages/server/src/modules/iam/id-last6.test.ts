import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckChar } from '@jiaowu/contracts';
import { multipartFile } from '../../test/multipart.ts';
import { createTestContext, type TestClient, type TestContext } from '../../test/test-app.ts';

let ctx: TestContext;
let office: TestClient;
beforeAll(async () => {
  ctx = await createTestContext();
  office = await ctx.as('office');
});
afterAll(() => ctx.close());

// Its check character is X: the password keeps it upper-case.
const first17 = '42010220060315108';
const ID = first17 + idCheckChar(first17);

async function accountId(username: string): Promise<number> {
  const res = await office.get('/api/accounts', { query: { q: username } });
  return res.json().items.find((a: { username: string }) => a.username === username).id;
}

describe('the id_last6 initial password policy', () => {
  it('gives a person with an ID number its last six characters (the handout says so), and one without a random password', async () => {
    const csv = [
      '学号,姓名,性别,行政班代码,年级,身份证号',
      `H90001,卫一,男,CS2401,2024,${ID.toLowerCase()}`,
      'H90002,卫二,女,CS2401,2024,',
    ].join('\n');
    const { payload, headers } = multipartFile(csv, 'students.csv');
    const imported = await office.request('POST', '/api/imports/students', payload, { headers, query: { dryRun: false } });
    expect(imported.json()).toMatchObject({ created: 2 });
    expect((await office.put('/api/accounts/settings', { passwordPolicy: 'id_last6' })).statusCode).toBe(200);

    const ids = [await accountId('H90001'), await accountId('H90002')];
    const res = await office.post('/api/accounts/bulk', { action: 'reset_password', ids });
    const { jobId } = res.json();
    await ctx.app.jobs.idle();
    expect((await office.get(`/api/jobs/${jobId}`)).json()).toMatchObject({ status: 'succeeded', result: { issued: 2 } });

    const file = await office.get(`/api/accounts/handouts/${jobId}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const rows = new Map<string, string>();
    wb.worksheets[0].eachRow((row, i) => {
      const cells = (row.values as unknown[]).slice(1).map(String);
      if (i > 1) rows.set(cells[0], cells[3]);
    });
    // The list never prints the ID number's digits: the rule, for the person to apply.
    expect(rows.get('H90001')).toBe('身份证号后六位');
    const random = rows.get('H90002')!;
    expect(random).toMatch(/^[A-Za-z0-9]{10}$/);

    expect(ID.slice(-6)).toBe('15108X');
    const student = await ctx.as('H90001', '15108X');
    expect((await student.get('/api/me')).json().user.mustChangePassword).toBe(true);
    expect((await ctx.anonymous().login('H90002', ID.slice(-6))).statusCode).toBe(401);
    await ctx.as('H90002', random);
    await office.put('/api/accounts/settings', { passwordPolicy: 'random' });
  });
});
