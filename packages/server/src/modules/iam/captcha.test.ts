import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TestClient, type TestContext } from '../../test/test-app.ts';

let ctx: TestContext;
let lastIp = 0;
const fromNewIp = () => new TestClient(ctx.app, `10.7.0.${++lastIp}`);

beforeAll(async () => {
  ctx = await createTestContext({ app: { captchaAfterFailures: 3 } });
});
afterAll(() => ctx.close());

/** What a person reading the question would type. */
function solve(question: string): string {
  const m = /(\d+)\s*(加|减|plus|minus)\s*(\d+)/.exec(question);
  if (!m) throw new Error(`not a question: ${question}`);
  const [a, b] = [Number(m[1]), Number(m[3])];
  return String(m[2] === '加' || m[2] === 'plus' ? a + b : a - b);
}

type Challenge = { token: string; question: string };
const challengeOf = (res: { json(): any }): Challenge => res.json().error.details.captcha;

/** Three wrong passwords, then the clock moved past the slow-down: the next sign-in must answer a question. */
async function failThrice(client: TestClient, username: string) {
  for (let i = 0; i < 3; i++) {
    const res = await client.post('/api/auth/login', { username, password: `wrong-${i}` });
    expect(res.json().error.code).toBe('invalid_credentials');
    // The refusal after which a question is needed brings the question along, so the form can show it at once.
    expect(res.json().error.details.captcha?.question === undefined).toBe(i < 2);
  }
  ctx.clock.advance(61_000);
}

describe('CAPTCHA on sign-in', () => {
  it('is asked after repeated failures, in the user’s language, and a right answer lets the right password in', async () => {
    const client = fromNewIp();
    await failThrice(client, 'office');
    const asked = await client.post('/api/auth/login', { username: 'office', password: 'demo1234' });
    expect(asked.statusCode).toBe(400);
    expect(asked.json().error).toMatchObject({ code: 'captcha_required', message: '尝试次数较多，请先回答验证问题' });
    expect(challengeOf(asked).question).toMatch(/^\d+ [加减] \d+ 等于多少？$/);
    const en = await client.post('/api/auth/login', { username: 'office', password: 'demo1234' }, { lang: 'en' });
    expect(challengeOf(en).question).toMatch(/^What is \d+ (plus|minus) \d+\?$/);

    const c = challengeOf(asked);
    const ok = await client.post('/api/auth/login', {
      username: 'office',
      password: 'demo1234',
      captcha: { token: c.token, answer: solve(c.question) },
    });
    expect(ok.statusCode).toBe(200);
    // A success starts the account afresh: no question next time.
    expect((await fromNewIp().login('office')).statusCode).toBe(200);
  });

  it('refuses a wrong answer with a new question, and each question is answered once only', async () => {
    const client = fromNewIp();
    await failThrice(client, 'teacher');
    const first = challengeOf(await client.post('/api/auth/login', { username: 'teacher', password: 'demo1234' }));
    const wrong = await client.post('/api/auth/login', {
      username: 'teacher',
      password: 'demo1234',
      captcha: { token: first.token, answer: String(Number(solve(first.question)) + 1) },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('captcha_invalid');
    const second = challengeOf(wrong);
    expect(second.token).not.toBe(first.token);
    // The first question cannot be tried again, even with its right answer.
    const replay = await client.post('/api/auth/login', {
      username: 'teacher',
      password: 'demo1234',
      captcha: { token: first.token, answer: solve(first.question) },
    });
    expect(replay.json().error.code).toBe('captcha_invalid');
    // Full-width digits (a Chinese input method) are fine.
    const third = challengeOf(replay);
    const fullWidth = solve(third.question).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    const ok = await client.post('/api/auth/login', {
      username: 'teacher',
      password: 'demo1234',
      captcha: { token: third.token, answer: fullWidth },
    });
    expect(ok.statusCode).toBe(200);
  });

  it('refuses a forged or expired question', async () => {
    const client = fromNewIp();
    await failThrice(client, 'leader');
    const c = challengeOf(await client.post('/api/auth/login', { username: 'leader', password: 'demo1234' }));
    const answer = solve(c.question);
    // Another expiry under the same signature: the signature no longer matches.
    const [nonce, , sig, mac] = c.token.split('.');
    const forged = [nonce, (Date.now() + 86_400_000).toString(36), sig, mac].join('.');
    const res = await client.post('/api/auth/login', { username: 'leader', password: 'demo1234', captcha: { token: forged, answer } });
    expect(res.json().error.code).toBe('captcha_invalid');
    const fresh = challengeOf(res);
    ctx.clock.advance(11 * 60_000);
    const late = await client.post('/api/auth/login', {
      username: 'leader',
      password: 'demo1234',
      captcha: { token: fresh.token, answer: solve(fresh.question) },
    });
    expect(late.json().error.code).toBe('captcha_invalid');
  });

  it('is asked for unknown names exactly as for existing ones', async () => {
    const seen = async (username: string) => {
      const client = fromNewIp();
      await failThrice(client, username);
      const res = await client.post('/api/auth/login', { username, password: 'whatever' });
      return `${res.statusCode} ${res.json().error.code}`;
    };
    expect(await seen('no-such-person')).toBe(await seen('secretary'));
  });

  it('is asked of an address after many failures, whatever the names tried', async () => {
    const client = fromNewIp();
    for (let i = 0; i < 20; i++) await client.post('/api/auth/login', { username: `spray-${i}`, password: 'x' });
    const res = await client.post('/api/auth/login', { username: 'student', password: 'demo1234' });
    expect(res.json().error.code).toBe('captcha_required');
  });
});

describe('CAPTCHA on forgot password', () => {
  it('is asked after a few requests from one address', async () => {
    const client = fromNewIp();
    for (let i = 0; i < 3; i++) expect((await client.post('/api/auth/forgot', { login: `someone-${i}` })).statusCode).toBe(200);
    const asked = await client.post('/api/auth/forgot', { login: 'someone' });
    expect(asked.json().error.code).toBe('captcha_required');
    const c = challengeOf(asked);
    const ok = await client.post('/api/auth/forgot', { login: 'someone', captcha: { token: c.token, answer: solve(c.question) } });
    expect(ok.statusCode).toBe(200);
  });
});
