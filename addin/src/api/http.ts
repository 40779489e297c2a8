/** The transport under the API client: bearer token, JSON, RFC 9457 problems as ApiError. */

export interface Problem {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail?: string;
  readonly errors?: readonly { field: string; message: string }[];
  /** already_imported (409): the journalpost the message was imported as, e.g. /api/journalposter/<id>. */
  readonly existing?: string;
  /** precondition_failed (412): the record as it is now (someone else changed it since it was read). */
  readonly gjeldende?: unknown;
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
  }
  get status() {
    return this.problem.status;
  }
  /** The record was changed by someone else since it was read (If-Match did not match). */
  get stale() {
    return this.problem.code === 'precondition_failed';
  }
  /** The server does not have the endpoint (an older server): 404 on a route, not on a record. */
  get notAvailable() {
    return this.problem.status === 404 && this.problem.code === 'route_not_found';
  }
}

export interface Http {
  readonly baseUrl: string;
  json<T>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<T>;
  form<T>(path: string, form: FormData): Promise<T>;
  /** A URL with the token as a fetched blob (for previews and downloads). */
  blob(path: string): Promise<Blob>;
  /** A POST with a JSON body whose answer is a file (e.g. a print as PDF). */
  postBlob(path: string, body: unknown): Promise<Blob>;
}

export interface HttpOptions {
  readonly baseUrl: string;
  readonly getToken: () => Promise<string | null>;
  /** Extra headers on every call, e.g. the desk of the person one deputizes for. */
  readonly extraHeaders?: () => Record<string, string>;
  readonly fetch?: typeof fetch;
}

export function createHttp(opts: HttpOptions): Http {
  const f = opts.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
  async function send(method: string, path: string, body: string | FormData | undefined, headers: Record<string, string>): Promise<Response> {
    const token = await opts.getToken();
    const res = await f(`${opts.baseUrl}${path}`, {
      method,
      body,
      headers: { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...(opts.extraHeaders?.() ?? {}), ...headers },
    });
    if (!res.ok) {
      let problem: Problem;
      try {
        const p = (await res.json()) as Partial<Problem> & { error?: string; message?: string };
        problem = { status: res.status, code: p.code ?? (res.status === 404 && p.message?.startsWith('Route ') ? 'route_not_found' : 'http_error'), title: p.title ?? p.error ?? res.statusText, ...(p.detail ?? p.message ? { detail: p.detail ?? p.message } : {}), ...(p.errors ? { errors: p.errors } : {}), ...(typeof p.existing === 'string' ? { existing: p.existing } : {}), ...(p.gjeldende !== undefined ? { gjeldende: p.gjeldende } : {}) };
      } catch {
        problem = { status: res.status, code: 'http_error', title: res.statusText };
      }
      throw new ApiError(problem);
    }
    return res;
  }
  return {
    baseUrl: opts.baseUrl,
    async json<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
      const res = await send(method, path, body === undefined ? undefined : JSON.stringify(body), body === undefined ? headers : { 'content-type': 'application/json', ...headers });
      if (res.status === 204) return undefined as T;
      return (await res.json()) as T;
    },
    async form<T>(path: string, form: FormData) {
      const res = await send('POST', path, form, {});
      return (await res.json()) as T;
    },
    async blob(path: string) {
      return (await send('GET', path, undefined, {})).blob();
    },
    async postBlob(path: string, body: unknown) {
      return (await send('POST', path, JSON.stringify(body), { 'content-type': 'application/json', accept: 'application/pdf, application/json' })).blob();
    },
  };
}

export const query = (params: Record<string, string | number | boolean | undefined | null>): string => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
};
