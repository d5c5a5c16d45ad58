/**
 * The one fetch wrapper of the web app: JSON in and out, the session cookie,
 * the CSRF token on every non-GET request, `Accept-Language` on every request,
 * and one `ApiError` carrying the server's code, translated message and
 * field errors.
 */

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldError[];
  readonly details?: unknown;
  /** Seconds the server asked to wait (`Retry-After` of a 429 or 503); null when it did not say. */
  retryAfter: number | null = null;

  constructor(status: number, code: string, message: string, fields: FieldError[] = [], details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.details = details;
  }
}

interface ClientState {
  csrfToken: string | null;
  language: string;
  onUnauthorized: () => void;
  /** Bumped whenever the session changes (sign-in, sign-out). */
  epoch: number;
}

const state: ClientState = {
  csrfToken: null,
  language: 'zh-CN',
  onUnauthorized: () => {},
  epoch: 0,
};

export function setCsrfToken(token: string | null): void {
  if (token !== state.csrfToken) state.epoch++;
  state.csrfToken = token;
}
export function setApiLanguage(language: string): void {
  state.language = language;
}
/** Called when the server answers 401 to anything but the login itself. */
export function setUnauthorizedHandler(fn: () => void): void {
  state.onUnauthorized = fn;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

/** `?a=1&b=x`, skipping empty values. */
export function toQueryString(query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

interface RequestOptions {
  method?: string;
  query?: Query;
  body?: unknown;
  /** Sent as is (multipart uploads). */
  formData?: FormData;
  /** Do not call the unauthorized handler on 401 (login, /me). */
  quiet401?: boolean;
  /** Extra headers (`Idempotency-Key`). */
  headers?: Record<string, string>;
}

function headersFor(method: string, hasJson: boolean): Record<string, string> {
  const headers: Record<string, string> = { 'Accept-Language': state.language, Accept: 'application/json' };
  if (hasJson) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && state.csrfToken) headers['X-CSRF-Token'] = state.csrfToken;
  return headers;
}

async function toApiError(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    /* not JSON */
  }
  const err = (body as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
  const details = err?.details as { fields?: FieldError[] } | undefined;
  return new ApiError(
    res.status,
    err?.code ?? `http_${res.status}`,
    err?.message ?? res.statusText ?? `HTTP ${res.status}`,
    Array.isArray(details?.fields) ? details!.fields : [],
    err?.details,
  );
}

/** Sends a request and returns the raw response, throwing ApiError on failure. */
export async function send(path: string, opts: RequestOptions = {}): Promise<Response> {
  const method = opts.method ?? 'GET';
  const hasJson = opts.body !== undefined;
  const epoch = state.epoch;
  const res = await fetch(`/api${path}${toQueryString(opts.query)}`, {
    method,
    credentials: 'same-origin',
    headers: { ...headersFor(method, hasJson), ...opts.headers },
    body: opts.formData ?? (hasJson ? JSON.stringify(opts.body) : undefined),
  });
  if (!res.ok) {
    const error = await toApiError(res);
    const retryAfter = Number(res.headers.get('Retry-After'));
    if (res.headers.has('Retry-After') && Number.isFinite(retryAfter)) error.retryAfter = retryAfter;
    // A 401 to a request sent under an earlier session (one still in flight across a sign-out
    // and a new sign-in) says nothing about the current one.
    if (res.status === 401 && !opts.quiet401 && epoch === state.epoch) state.onUnauthorized();
    throw error;
  }
  return res;
}

/** Sends a request and parses the JSON answer (undefined for 204). */
export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await send(path, opts);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const get = <T>(path: string, query?: Query) => api<T>(path, { query });
export const post = <T>(path: string, body?: unknown, query?: Query) => api<T>(path, { method: 'POST', body: body ?? {}, query });
export const patch = <T>(path: string, body: unknown) => api<T>(path, { method: 'PATCH', body });
export const put = <T>(path: string, body: unknown) => api<T>(path, { method: 'PUT', body });
export const del = <T = void>(path: string) => api<T>(path, { method: 'DELETE' });

function fileNameFrom(res: Response, fallback: string): string {
  const cd = res.headers.get('Content-Disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  if (star) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(cd);
  return plain ? plain[1] : fallback;
}

/** Downloads a file from the API (exports, templates) and saves it in the browser. */
export async function download(path: string, query: Query, fallbackName: string): Promise<void> {
  await saveFile(await send(path, { query }), fallbackName);
}

/** Uploads a file and saves the file the API answers with (an import's rows to fix). */
export async function uploadForDownload(path: string, formData: FormData, fallbackName: string): Promise<void> {
  await saveFile(await send(path, { method: 'POST', formData }), fallbackName);
}

async function saveFile(res: Response, fallbackName: string): Promise<void> {
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileNameFrom(res, fallbackName);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Uploads a form and parses the JSON answer, reporting how much of the file has gone up (0–1):
 * fetch cannot tell upload progress, so big files (bulk enrolments) go through XMLHttpRequest.
 * Errors are the same ApiError as `send`'s.
 */
export function uploadWithProgress<T>(path: string, formData: FormData, query: Query, onProgress: (sent: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api${path}${toQueryString(query)}`);
    xhr.withCredentials = true;
    for (const [k, v] of Object.entries(headersFor('POST', false))) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new TypeError('network'));
    xhr.onload = () => {
      const res = new Response(xhr.responseText, { status: xhr.status, statusText: xhr.statusText });
      if (xhr.status >= 200 && xhr.status < 300) resolve((xhr.responseText ? JSON.parse(xhr.responseText) : undefined) as T);
      else {
        if (xhr.status === 401) state.onUnauthorized();
        void toApiError(res).then(reject);
      }
    };
    xhr.send(formData);
  });
}
