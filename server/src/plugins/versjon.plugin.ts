import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Type } from 'typebox';
import { AppError, validation } from '../errors/app-error';
import { forespurtVersjon } from '../errors/versjon';

/**
 * Optimistic concurrency for the records clients edit (sak, journalpost, mal). A record's
 * `versjon` moves with every recorded change (see appendHistorikk). Every answer that is one
 * record carries it in the body and as a strong ETag (`"7"`). An update sent with
 * `If-Match: "7"` is refused with 412 `precondition_failed` when the record has moved since;
 * the problem carries the current record (`gjeldende`) and its `versjon`. An update without
 * If-Match is applied as before, so clients that predate versions keep working.
 *
 * This holds for every write route on a sak or journalpost, not only the edits: an If-Match on
 * any POST/PUT/PATCH/DELETE under `/api/saker/:id` or `/api/journalposter/:id` (avskriv,
 * ferdigstill, ekspeder, arkiver, ...) is checked where the action moves that record's version
 * (errors/versjon.ts), inside its transaction.
 */
export const IfMatchHeaders = Type.Object({
  'if-match': Type.Optional(
    Type.String({ maxLength: 100, description: 'ETag fra siste lesing, f.eks. "7". Er posten endret siden, avvises endringen med 412 precondition_failed.' }),
  ),
});

/** The version the client last read (If-Match), or undefined when it sent none or `*`. */
export function forventetVersjon(req: FastifyRequest): number | undefined {
  const raw = req.headers['if-match'];
  if (raw === undefined) return undefined;
  const value = (Array.isArray(raw) ? raw.join(',') : raw).trim();
  if (value === '*') return undefined;
  const m = /^"(\d{1,9})"$/.exec(value);
  if (!m) throw validation('/headers/if-match', 'forventet ETag-verdien fra siste lesing, f.eks. "7"');
  return Number(m[1]);
}

/**
 * Runs a write; when it is refused as stale, the refusal carries the current record as the
 * user may see it, so the client can show what changed and retry on fresh data.
 */
export async function medGjeldende<T>(skriv: () => Promise<T>, gjeldende: () => Promise<unknown>): Promise<T> {
  try {
    return await skriv();
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'precondition_failed') throw err;
    throw new AppError(err.code, err.detail, { ...err.extensions, gjeldende: await gjeldende() });
  }
}

/** Every answer that is one versioned record (and every stale refusal) carries its ETag. */
const SKRIVING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const MAAL = /^\/api\/(journalposter|saker)\/:id(\/|$)/;

export const versjonPlugin = fp(async (app: FastifyInstance) => {
  // The handler runs inside the store (the hook's `done` is called within `run`), after body
  // parsing, whose stream callbacks would otherwise lose an earlier context.
  app.addHook('preHandler', (req, _reply, done) => {
    const m = SKRIVING.has(req.method) ? MAAL.exec(req.routeOptions.url ?? '') : null;
    const id = (req.params as { id?: unknown } | undefined)?.id;
    if (!m || typeof id !== 'string') return done();
    let versjon: number | undefined;
    try {
      versjon = forventetVersjon(req);
    } catch (err) {
      return done(err as Error);
    }
    if (versjon === undefined) return done();
    forespurtVersjon.run({ forventet: { objekttype: m[1] === 'saker' ? 'sak' : 'journalpost', id, versjon, kontrollert: false } }, () => done());
  });
  app.addHook('preSerialization', async (_req, reply, payload: unknown) => {
    const versjon = payload !== null && typeof payload === 'object' && !Array.isArray(payload) ? (payload as { versjon?: unknown }).versjon : undefined;
    if (Number.isInteger(versjon) && !reply.hasHeader('etag')) reply.header('etag', `"${versjon as number}"`);
    return payload;
  });
});
