import { AppError } from '../../platform/errors.ts';
import { createLimiter } from '../../platform/limiter.ts';

/**
 * Admission control 限流 of the selection writes, per API process. At the opening second
 * thousands of students click at once; a process that accepted them all would queue them in
 * its database pool and answer every one late (or time out). Instead a bounded number run at
 * once, a bounded number wait, and the rest are told at once to come back (429 with
 * Retry-After; the web client retries and shows 排队中). A student clicking faster than a person
 * can (a script) is slowed by a per-student token bucket. Both are per process: the
 * correctness of the rush never depends on them (the database holds the invariants), only its
 * politeness.
 */

export interface AdmissionOptions {
  /** Requests running at once (SELECTION_MAX_IN_FLIGHT; about the database pool's size). */
  maxInFlight: number;
  /** Requests waiting for a slot beyond those (SELECTION_QUEUE). */
  queueLimit: number;
  /** A request is not queued when its expected wait for a slot exceeds this (SELECTION_MAX_WAIT_MS). */
  maxWaitMs: number;
  /** Sustained requests per second of one student (SELECTION_STUDENT_RATE), and the burst allowed. */
  perStudentPerSecond: number;
  burst: number;
}

export function admissionFromEnv(env: NodeJS.ProcessEnv = process.env): AdmissionOptions {
  const n = (v: string | undefined, d: number) => (v && Number.isFinite(Number(v)) && Number(v) > 0 ? Number(v) : d);
  return {
    // About the database pool's size (10): more at once only wait for a connection, each slower.
    maxInFlight: n(env.SELECTION_MAX_IN_FLIGHT, 8),
    // A short queue, bounded by time: a request that would wait more than a quarter of a second
    // is better told at once to come back, so what is admitted is answered quickly.
    queueLimit: n(env.SELECTION_QUEUE, 32),
    maxWaitMs: n(env.SELECTION_MAX_WAIT_MS, 250),
    perStudentPerSecond: n(env.SELECTION_STUDENT_RATE, 5),
    burst: n(env.SELECTION_STUDENT_BURST, 10),
  };
}

/** The longest Retry-After sent: beyond a minute, a student is better told the truth by the page. */
const MAX_RETRY_AFTER_SECONDS = 60;
/** A student refused longer ago than this has given up (or was admitted by another process). */
const FORGET_REFUSED_MS = 2 * MAX_RETRY_AFTER_SECONDS * 1000;
/** Clients remembered at most (keys come from what callers send: a flood of made-up ones stays bounded). */
const MAX_REMEMBERED = 200_000;

interface Bucket {
  tokens: number;
  at: number;
}

export interface Admission {
  /**
   * Runs a selection write when admitted; throws 429 errors otherwise. `student` is who the rate
   * limit counts, `client` who is told when to come back (the same key as `shed`'s).
   */
  run<T>(keys: { student: string; client: string }, task: () => Promise<T>): Promise<T>;
  /**
   * Before the caller is resolved: the 429 to answer at once when the work would not be admitted
   * now anyway, else null. Under the rush most refusals are answered here, without the session
   * lookup that would otherwise queue for the database behind the enrolments.
   */
  shed(client: string): AppError | null;
  readonly stats: { active: number; waiting: number; refused: number; comingBack: number };
}

export function createAdmission(options: AdmissionOptions, now: () => number = () => performance.now()): Admission {
  const limiter = createLimiter({ concurrency: options.maxInFlight, queueLimit: options.queueLimit, maxWaitMs: options.maxWaitMs });
  const buckets = new Map<string, Bucket>();
  // Students told to come back and not admitted since, with when they were last refused.
  const comingBack = new Map<string, number>();
  let refused = 0;
  let lastSweep = now();
  let lastComingBackSweep = now();

  /**
   * When a refused student should come back: everybody told to come back, spread over the time
   * this process needs to serve them (its service rate), so that the returning clients arrive at
   * about the rate the process can take. A fixed "1 s" would bring the whole crowd back every
   * second, and answering the 429s alone would eat the CPU the enrolments need.
   */
  function comeBackIn(key: string): number {
    const t = now();
    if (comingBack.size < MAX_REMEMBERED || comingBack.has(key)) comingBack.set(key, t);
    if (t - lastComingBackSweep > 5_000) {
      for (const [k, at] of comingBack) if (t - at > FORGET_REFUSED_MS) comingBack.delete(k);
      lastComingBackSweep = t;
    }
    const seconds = Math.ceil(comingBack.size / Math.max(limiter.serviceRate(), 0.1));
    return Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(limiter.retryAfterSeconds(), seconds));
  }

  /** Takes a token of the student's bucket; the seconds to wait when there is none. */
  function take(key: string): number {
    const t = now();
    // Forget full buckets now and then, so 30,000 students do not stay in memory all day.
    if (t - lastSweep > 60_000) {
      for (const [k, b] of buckets) if (b.tokens + ((t - b.at) / 1000) * options.perStudentPerSecond >= options.burst) buckets.delete(k);
      lastSweep = t;
    }
    const b = buckets.get(key) ?? { tokens: options.burst, at: t };
    b.tokens = Math.min(options.burst, b.tokens + ((t - b.at) / 1000) * options.perStudentPerSecond);
    b.at = t;
    buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return (1 - b.tokens) / options.perStudentPerSecond;
  }

  return {
    shed(client) {
      if (!limiter.wouldRefuse()) return null;
      refused++;
      return new AppError('selection_busy', { params: { seconds: comeBackIn(client) } });
    },
    async run({ student, client }, task) {
      const wait = take(student);
      if (wait > 0) {
        refused++;
        throw new AppError('selection_rate_limited', { params: { seconds: Math.max(1, Math.ceil(wait)) } });
      }
      const queued = limiter.run(task);
      if (!queued) {
        refused++;
        throw new AppError('selection_busy', { params: { seconds: comeBackIn(client) } });
      }
      comingBack.delete(client);
      return queued;
    },
    get stats() {
      return { ...limiter.stats, refused, comingBack: comingBack.size };
    },
  };
}
