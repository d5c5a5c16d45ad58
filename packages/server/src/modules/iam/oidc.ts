import { createHmac, timingSafeEqual } from 'node:crypto';
import * as client from 'openid-client';
import type { Locale } from '@jiaowu/contracts';
import type { Db } from '../../db/client.ts';
import { anonymousActor } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { findPeopleByCode } from '../org/org.read-model.ts';
import type { AuthService } from './auth.service.ts';
import * as repo from './iam.repository.ts';
import { findUserByPerson } from './oidc.repository.ts';

/** Single sign-on (统一身份认证) through the school's OpenID Connect provider; see `oidcSettingsFromEnv`. */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  /** Where the provider sends the browser back: `${PUBLIC_URL}/api/auth/oidc/callback` unless set. */
  redirectUri: string;
  /** The claim carrying the 学号 / 工号 (default `preferred_username`). */
  claim: string;
  /** Text of the sign-in button; null: 统一身份认证登录 / Sign in with campus account. */
  label: string | null;
}

/** OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URI, OIDC_CLAIM, OIDC_LABEL; null when no issuer is set. */
export function oidcSettingsFromEnv(env: NodeJS.ProcessEnv, publicUrl: string | undefined): OidcSettings | null {
  if (!env.OIDC_ISSUER) return null;
  if (!env.OIDC_CLIENT_ID) throw new Error('OIDC_ISSUER is set but OIDC_CLIENT_ID is not');
  const redirectUri = env.OIDC_REDIRECT_URI || (publicUrl ? `${publicUrl.replace(/\/$/, '')}/api/auth/oidc/callback` : null);
  if (!redirectUri) throw new Error('single sign-on needs OIDC_REDIRECT_URI or PUBLIC_URL');
  return {
    issuer: env.OIDC_ISSUER,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET || undefined,
    redirectUri,
    claim: env.OIDC_CLAIM || 'preferred_username',
    label: env.OIDC_LABEL || null,
  };
}

/** Short-lived cookie holding the PKCE verifier, state and nonce between start and callback. */
export const OIDC_COOKIE = 'jw_oidc';
export const OIDC_COOKIE_PATH = '/api/auth/oidc';
const FLOW_MINUTES = 10;

interface Flow {
  /** PKCE code verifier */
  v: string;
  s: string;
  n: string;
  /** expiry (ms) */
  e: number;
  /** path to return to */
  r: string;
}

/** A path of this app only (an open redirect would hand the session to another site). */
const safeReturn = (r: unknown) => (typeof r === 'string' && /^\/(?![/\\])/.test(r) ? r.slice(0, 500) : '/');

const isLoopback = (url: URL) => ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);

export function createOidcService({
  db,
  clock,
  settings,
  secretKey,
  auth,
}: {
  db: Db;
  clock: () => Date;
  settings: OidcSettings | null;
  secretKey: Buffer;
  auth: AuthService;
}) {
  const key = createHmac('sha256', secretKey).update('jiaowu.oidc.v1').digest();
  const sign = (s: string) => createHmac('sha256', key).update(s).digest('base64url');
  let discovered: Promise<client.Configuration> | null = null;

  /** The provider's metadata, discovered on first use (and again after a failure). */
  function configuration(s: OidcSettings) {
    discovered ??= client
      .discovery(new URL(s.issuer), s.clientId, s.clientSecret, undefined, {
        // Plain HTTP only to a provider on this machine (tests, a local trial); never across a network.
        execute: isLoopback(new URL(s.issuer)) ? [client.allowInsecureRequests] : [],
      })
      .catch((err: unknown) => {
        discovered = null;
        throw err;
      });
    return discovered;
  }

  function required(): OidcSettings {
    if (!settings) throw new AppError('sso_not_configured');
    return settings;
  }

  function sealFlow(flow: Flow) {
    const body = Buffer.from(JSON.stringify(flow)).toString('base64url');
    return `${body}.${sign(body)}`;
  }

  function openFlow(cookie: string | undefined): Flow | null {
    const [body, mac] = (cookie ?? '').split('.');
    if (!body || !mac) return null;
    const a = Buffer.from(sign(body));
    const b = Buffer.from(mac);
    if (a.length !== b.length || !timingSafeEqual(a, b)) return null;
    const flow = JSON.parse(Buffer.from(body, 'base64url').toString()) as Flow;
    return flow.e > clock().getTime() ? flow : null;
  }

  async function refuse(
    ip: string | null,
    reason: string,
    subject: string | null,
    code: 'sso_failed' | 'sso_unknown_user' | 'account_disabled',
  ) {
    await db.transaction(async (tx) => {
      await writeAudit(tx, anonymousActor(ip), { action: 'auth.sso_failed', entityType: 'users', after: { reason, subject } });
    });
    return new AppError(code);
  }

  return {
    /** For GET /api/auth/config. */
    info: () => (settings ? { label: settings.label } : null),

    /** Where to send the browser, and the cookie that remembers this attempt. */
    async start(returnTo: unknown): Promise<{ url: string; cookie: string; maxAgeSeconds: number }> {
      const s = required();
      const config = await configuration(s).catch(() => {
        throw new AppError('sso_failed');
      });
      const flow: Flow = {
        v: client.randomPKCECodeVerifier(),
        s: client.randomState(),
        n: client.randomNonce(),
        e: clock().getTime() + FLOW_MINUTES * 60_000,
        r: safeReturn(returnTo),
      };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: s.redirectUri,
        scope: 'openid profile',
        code_challenge: await client.calculatePKCECodeChallenge(flow.v),
        code_challenge_method: 'S256',
        state: flow.s,
        nonce: flow.n,
      });
      return { url: url.href, cookie: sealFlow(flow), maxAgeSeconds: FLOW_MINUTES * 60 };
    },

    /**
     * The provider's answer: checks state, nonce and PKCE, reads the 学号/工号 claim, finds the
     * account (by username, else the student/teacher with that code) and opens a normal session.
     * Every refusal of a real attempt (one that began at `start` in this browser) is audited with its reason.
     */
    async callback(
      query: URLSearchParams,
      cookie: string | undefined,
      ctx: { ip: string | null; userAgent: string | null; locale: Locale },
    ) {
      const s = required();
      const flow = openFlow(cookie);
      // No attempt of this browser to speak of (expired, forged, or a stray request): refused, not
      // audited, so anyone's requests cannot fill the audit log.
      if (!flow) throw new AppError('sso_failed');
      if (query.get('error')) throw await refuse(ctx.ip, `provider:${query.get('error')}`.slice(0, 200), null, 'sso_failed');
      let subject: string | null;
      try {
        const config = await configuration(s);
        const current = new URL(s.redirectUri);
        for (const [k, v] of query) current.searchParams.append(k, v);
        const tokens = await client.authorizationCodeGrant(config, current, {
          pkceCodeVerifier: flow.v,
          expectedState: flow.s,
          expectedNonce: flow.n,
          idTokenExpected: true,
        });
        const claims = tokens.claims()!;
        let value = claims[s.claim];
        // Providers often keep profile claims out of the ID token: then ask the userinfo endpoint.
        if (value === undefined) value = (await client.fetchUserInfo(config, tokens.access_token, claims.sub))[s.claim];
        subject = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : null;
      } catch (err) {
        throw await refuse(ctx.ip, `protocol:${(err as Error).message}`.slice(0, 200), null, 'sso_failed');
      }
      if (!subject) throw await refuse(ctx.ip, `missing_claim:${s.claim}`, null, 'sso_failed');
      const user = (await repo.findUserByUsername(db, subject)) ?? (await findUserByPerson(db, await findPeopleByCode(db, subject)));
      if (!user) throw await refuse(ctx.ip, 'unknown_user', subject, 'sso_unknown_user');
      if (user.isDisabled) throw await refuse(ctx.ip, 'account_disabled', subject, 'account_disabled');
      const session = await auth.openSession(user, ctx, 'oidc');
      return { ...session, returnTo: flow.r };
    },
  };
}

export type OidcService = ReturnType<typeof createOidcService>;
