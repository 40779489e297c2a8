import type { Actor } from '../auth/actor';
import type { TestContext } from './context';

export interface Svar {
  readonly status: number;
  readonly body: any;
}

/**
 * Requests through `app.inject()` as one user (the real token path). `paaVegneAv` puts the
 * user on a leader's desk as stedfortreder.
 */
export function som(ctx: TestContext, actor: Actor, opts: { paaVegneAv?: string } = {}) {
  const call = async (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown): Promise<Svar> => {
    const headers: Record<string, string> = { ...(await ctx.auth(actor.bruker.brukernavn)) };
    if (opts.paaVegneAv) headers['x-paa-vegne-av'] = opts.paaVegneAv;
    const res = await ctx.app.inject({ method, url, headers, ...(payload !== undefined ? { payload: payload as object } : {}) });
    return { status: res.statusCode, body: res.body ? res.json() : null };
  };
  return {
    get: (url: string) => call('GET', url),
    post: (url: string, payload: unknown = {}) => call('POST', url, payload),
    patch: (url: string, payload: unknown) => call('PATCH', url, payload),
    put: (url: string, payload: unknown) => call('PUT', url, payload),
  };
}

/** Asserts a problem+json refusal with a stable code. */
export function expectProblem(res: Svar, status: number, code: string) {
  expect({ status: res.status, code: res.body?.code }).toEqual({ status, code });
}
