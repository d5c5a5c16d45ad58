import type { z } from 'zod';
import type {
  EnrolmentInput,
  LotteryChoiceInput,
  MyEnrolments,
  Round,
  RoundClassesQuery,
  RoundClassItem,
  SwapInput,
  WaitlistInput,
  enrolmentResult,
  waitlistEntry,
} from '@jiaowu/contracts';
import { ApiError, api, type Query } from './client.ts';

/**
 * Course selection 选课 for the signed-in student (server: modules/selection/selection.routes.ts).
 * Every call goes through `retryWhenBusy`: at the opening second the server refuses what it cannot
 * take now with 429 and `Retry-After`, and the client waits and sends the same request again
 * (the same `Idempotency-Key` for an enrolment, so a retried request never enrols twice).
 */

export type EnrolmentResult = z.infer<typeof enrolmentResult>;
export type WaitlistEntry = z.infer<typeof waitlistEntry>;

/** Most attempts of one request while the server answers 429 (the first included). */
export const MAX_BUSY_TRIES = 10;
/** Longest wait between two attempts, whatever Retry-After says (the server sends at most 60 s). */
const MAX_WAIT_SECONDS = 60;

export interface RetryOptions {
  /** Attempts in all (default MAX_BUSY_TRIES). */
  maxTries?: number;
  /** Called before each wait: the attempt that was refused (1-based) and the wait in ms. */
  onQueued?: (attempt: number, waitMs: number) => void;
  /** Waits `ms` (tests pass a fake). */
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Whether an error is the server saying "busy, come back later". */
export function isBusy(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status === 429;
}

/**
 * Runs `send` again while the server answers 429, waiting what its `Retry-After` says (1 s when it
 * does not, at most 60 s) and up to a quarter more, up to `maxTries` attempts; then the last
 * refusal is thrown. Any other answer (success or error) ends it at once.
 */
export async function retryWhenBusy<T>(send: () => Promise<T>, opts: RetryOptions = {}): Promise<T> {
  const maxTries = opts.maxTries ?? MAX_BUSY_TRIES;
  const sleep = opts.sleep ?? realSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      if (!isBusy(error) || attempt >= maxTries) throw error;
      const seconds = Math.min(Math.max(error.retryAfter ?? 1, 0), MAX_WAIT_SECONDS);
      // Spread over a quarter of the wait, so that the clients refused in one second do not all
      // come back in the same one (the server spreads the crowd by its Retry-After).
      const waitMs = Math.round(seconds * 1000 * (1 + Math.random() / 4));
      opts.onQueued?.(attempt, waitMs);
      await sleep(waitMs);
    }
  }
}

/**
 * A fresh idempotency key (a UUID v4). `crypto.randomUUID` exists only on https and localhost;
 * a school that serves the app over plain http on its intranet still gets random keys.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const get = <T>(path: string, query?: Query, opts?: RetryOptions) => retryWhenBusy(() => api<T>(path, { query }), opts);
const post = <T>(path: string, body: unknown, opts?: RetryOptions & { headers?: Record<string, string> }) =>
  retryWhenBusy(() => api<T>(path, { method: 'POST', body, headers: opts?.headers }), opts);
const del = (path: string, query?: Query, opts?: RetryOptions) => retryWhenBusy(() => api<void>(path, { method: 'DELETE', query }), opts);

export const selection = {
  /** The rounds of a term, newest window first. */
  rounds: (termId: number) => get<{ items: Round[] }>('/selection/rounds', { termId }),
  /** One page of the classes of a round, each with whether the student may take it and why not. */
  classes: (roundId: number, query: RoundClassesQuery) =>
    get<{ items: RoundClassItem[]; total: number }>(`/selection/rounds/${roundId}/classes`, query as Query),
  /** The student's enrolments, waitlist entries and lottery choices of a term. */
  me: (termId: number) => get<MyEnrolments>('/selection/me', { termId }),
  /** 选课: `idempotencyKey` is made once per click and kept over the retries. */
  enrol: (body: EnrolmentInput, idempotencyKey: string, opts?: RetryOptions) =>
    post<EnrolmentResult>('/selection/enrolments', body, { ...opts, headers: { 'Idempotency-Key': idempotencyKey } }),
  /** 退选 (`roundId`: whose drop rules apply; default the open round of the term). */
  drop: (enrolmentId: number, roundId?: number, opts?: RetryOptions) => del(`/selection/enrolments/${enrolmentId}`, { roundId }, opts),
  /** 换课: drop one class and take another in one step. */
  swap: (body: SwapInput, opts?: RetryOptions) => post<EnrolmentResult>('/selection/swap', body, opts),
  /** 候补 a full class. */
  joinWaitlist: (body: WaitlistInput, opts?: RetryOptions) => post<WaitlistEntry>('/selection/waitlist', body, opts),
  /** 退出候补. */
  leaveWaitlist: (entryId: number, opts?: RetryOptions) => del(`/selection/waitlist/${entryId}`, undefined, opts),
  /** 志愿 N in a lottery round. */
  choose: (body: LotteryChoiceInput, opts?: RetryOptions) => post<unknown>('/selection/lottery-choices', body, opts),
  /** Withdraws a lottery choice. */
  unchoose: (choiceId: number, opts?: RetryOptions) => del(`/selection/lottery-choices/${choiceId}`, undefined, opts),
};
