import type { LightMyRequestResponse } from 'fastify';

/** A multipart/form-data body built by the platform's own FormData encoder (no hand-written MIME). */
export async function multipart(fields: Record<string, string>, file?: { name: string; type: string; content: Buffer | string }) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append('fil', new Blob([file.content], { type: file.type }), file.name);
  const res = new Response(form);
  return { payload: Buffer.from(await res.arrayBuffer()), headers: { 'content-type': res.headers.get('content-type')! } };
}

/** Asserts an RFC 9457 problem response and returns its body. */
export function expectProblem(res: LightMyRequestResponse, status: number, code: string) {
  expect({ status: res.statusCode, type: res.headers['content-type'] }).toEqual({ status, type: expect.stringContaining('application/problem+json') });
  const body = res.json();
  expect(body).toMatchObject({ status, code, type: `/problemer/${code}` });
  return body as { status: number; code: string; detail?: string; errors?: { field: string; message: string }[]; [k: string]: unknown };
}
