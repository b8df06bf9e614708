/**
 * The one HTTP client of the web UI. Every call goes to the same origin under /api/v1 with the session cookie;
 * failures become an ApiError carrying the server's RFC 9457 problem (status, stable code, detail, errors[]).
 */

export type FieldError = { field: string; message: string };

export type Problem = {
  status: number;
  code: string;
  title?: string;
  detail: string;
  errors?: FieldError[];
  requestId?: string;
};

export class ApiError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail);
    this.name = 'ApiError';
    this.problem = problem;
  }
  get status(): number {
    return this.problem.status;
  }
  get code(): string {
    return this.problem.code;
  }
}

export const UNAUTHENTICATED_EVENT = 'freehold:unauthenticated';

export type QueryValue = string | number | boolean | null | undefined | readonly string[];
export type Query = Record<string, QueryValue>;

/** Empty values are left out, arrays become comma-separated lists (the API's convention for `tags=`). */
export function toSearch(query: Query | undefined): string {
  if (!query) return '';
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) {
      if (v.length) p.set(k, v.join(','));
    } else p.set(k, String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

export const apiUrl = (path: string, query?: Query): string => `/api/v1${path}${toSearch(query)}`;

function isProblem(v: unknown): v is Problem {
  return typeof v === 'object' && v !== null && 'status' in v && 'detail' in v;
}

async function toError(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // Not JSON (a proxy's HTML error page, say): fall back to the status line below.
  }
  if (isProblem(body)) return new ApiError({ ...body, code: body.code ?? 'ERROR' });
  return new ApiError({
    status: res.status,
    code: res.status === 404 ? 'NOT_FOUND' : 'HTTP_ERROR',
    detail: `${res.status} ${res.statusText || 'Request failed'}`,
  });
}

type RequestOptions = { query?: Query; body?: unknown; signal?: AbortSignal; quietAuth?: boolean };

async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData) body = opts.body;
  else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(apiUrl(path, opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined ? { body } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError({ status: 0, code: 'NETWORK', detail: 'The server cannot be reached. Check your connection.' });
  }
  if (!res.ok) {
    const error = await toError(res);
    if (res.status === 401 && !opts.quietAuth) window.dispatchEvent(new Event(UNAUTHENTICATED_EVENT));
    throw error;
  }
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  if (!type.includes('json')) return (await res.text()) as T;
  return (await res.json()) as T;
}

export const api = {
  get: <T>(path: string, query?: Query, opts?: Omit<RequestOptions, 'query' | 'body'>) =>
    request<T>('GET', path, { ...opts, ...(query ? { query } : {}) }),
  post: <T>(path: string, body?: unknown, opts?: Omit<RequestOptions, 'body'>) =>
    request<T>('POST', path, { ...opts, body: body ?? {} }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
  upload: <T>(path: string, form: FormData) => request<T>('POST', path, { body: form }),
};

/** Downloads a file the API answers (CSV, JSON export) under the name the server gives, or `fallbackName`. */
export async function download(path: string, query: Query | undefined, fallbackName: string): Promise<void> {
  const res = await fetch(apiUrl(path, query), { credentials: 'same-origin' });
  if (!res.ok) throw await toError(res);
  const disposition = res.headers.get('content-disposition') ?? '';
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
  const name = match?.[1] ? decodeURIComponent(match[1]) : fallbackName;
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Uploads with progress (fetch cannot report upload progress): resolves with the parsed JSON answer. */
export function uploadWithProgress<T>(
  path: string,
  form: FormData,
  onProgress: (fraction: number) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', apiUrl(path));
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () =>
      reject(new ApiError({ status: 0, code: 'NETWORK', detail: 'The upload was interrupted. Try again.' }));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as T);
      else if (isProblem(body)) reject(new ApiError(body));
      else reject(new ApiError({ status: xhr.status, code: 'HTTP_ERROR', detail: `${xhr.status} ${xhr.statusText}` }));
    };
    xhr.send(form);
  });
}
