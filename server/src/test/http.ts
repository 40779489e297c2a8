import type { LightMyRequestResponse } from 'fastify';
import type { Actor } from '../auth/actor';
import type { TestContext } from './context';

export interface Svar {
  readonly status: number;
  readonly contentType: string | undefined;
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
    return { status: res.statusCode, contentType: res.headers['content-type'] as string | undefined, body: res.body ? res.json() : null };
  };
  return {
    get: (url: string) => call('GET', url),
    post: (url: string, payload: unknown = {}) => call('POST', url, payload),
    patch: (url: string, payload: unknown) => call('PATCH', url, payload),
    put: (url: string, payload: unknown) => call('PUT', url, payload),
    delete: (url: string) => call('DELETE', url),
  };
}

/** A multipart/form-data body built by the platform's own FormData encoder (no hand-written MIME). */
export async function multipart(fields: Record<string, string>, file?: { name: string; type: string; content: Buffer | string }) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append('fil', new Blob([file.content], { type: file.type }), file.name);
  const res = new Response(form);
  return { payload: Buffer.from(await res.arrayBuffer()), headers: { 'content-type': res.headers.get('content-type')! } };
}

/** Asserts an RFC 9457 problem+json response with a stable code and returns its body. */
export function expectProblem(res: Svar | LightMyRequestResponse, status: number, code: string) {
  const svar: Svar = 'statusCode' in res ? { status: res.statusCode, contentType: res.headers['content-type'] as string | undefined, body: res.body ? res.json() : null } : res;
  expect({ status: svar.status, type: svar.contentType }).toEqual({ status, type: expect.stringContaining('application/problem+json') });
  expect(svar.body).toMatchObject({ status, code, type: `/problemer/${code}` });
  return svar.body as { status: number; code: string; detail?: string; errors?: { field: string; message: string }[]; [k: string]: unknown };
}
