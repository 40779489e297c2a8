import { maxHeaderSize, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { NoResultError } from 'kysely';
import { type FieldError, PROBLEMS, type ProblemCode, problemType } from '@arkiv/shared';
import { AppError } from '../errors/app-error';

const FASTIFY_CODES: Record<string, ProblemCode> = {
  FST_REQ_FILE_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_FILES_LIMIT: 'payload_too_large',
  FST_PARTS_LIMIT: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed_request',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'malformed_request',
  FST_ERR_CTP_EMPTY_TYPE: 'malformed_request',
  FST_ERR_CTP_INVALID_TYPE: 'malformed_request',
  FST_ERR_VALIDATION: 'validation_failed',
};

const PG_CODES: Record<string, ProblemCode> = {
  '40001': 'concurrent_update',
  '40P01': 'concurrent_update',
  '22P02': 'validation_failed',
  // Raised by the trigger that keeps an imported (historic) arkivdel read-only.
  AR001: 'arkivdel_read_only',
};

/** PostgreSQL's words for a foreign key that points nowhere, as the pg driver reports them. */
interface PgError {
  code?: string;
  detail?: string;
  table?: string;
}

/**
 * A foreign key violation is the database's last word on a reference the service did not check
 * itself: a reference to a row that does not exist (400 with the field), or a row others still
 * point to (409). The column is named the way the API names it (camelCase).
 */
function foreignKeyProblem(error: PgError): { code: ProblemCode; detail: string; extensions: Record<string, unknown> } {
  const column = /^Key \(([a-z0-9_]+)\)=/.exec(error.detail ?? '')?.[1];
  const field = column ? `/${column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())}` : '/';
  if (/is still referenced/.test(error.detail ?? '')) {
    return { code: 'unprocessable', detail: 'Posten er i bruk av andre poster og kan ikke endres slik', extensions: {} };
  }
  const message = 'finnes ikke';
  return { code: 'validation_failed', detail: `${field}: ${message}`, extensions: { errors: [{ field, message }] } };
}

function fieldErrors(error: FastifyError): FieldError[] {
  return (error.validation ?? []).map((v) => {
    const params = v.params as Record<string, unknown>;
    const base = v.instancePath || '';
    const missing = typeof params.missingProperty === 'string' ? `/${params.missingProperty}` : '';
    const extra = typeof params.additionalProperty === 'string' ? `/${params.additionalProperty}` : '';
    const field = `${base}${missing}${extra}` || '/';
    const message = extra ? 'ukjent felt' : missing ? 'mangler' : (v.message ?? 'ugyldig verdi');
    return { field: error.validationContext ? `/${error.validationContext}${field === '/' ? '' : field}` : field, message };
  });
}

export function problemBody(code: ProblemCode, request: FastifyRequest, detail?: string, extensions: Record<string, unknown> = {}) {
  const { status, title } = PROBLEMS[code];
  return {
    type: problemType(code),
    title,
    status,
    code,
    ...(detail ? { detail } : {}),
    instance: request.url,
    ...extensions,
  };
}

export function sendProblem(reply: FastifyReply, code: ProblemCode, detail?: string, extensions: Record<string, unknown> = {}) {
  const body = problemBody(code, reply.request, detail, extensions);
  return reply.status(body.status).type('application/problem+json').send(body);
}

/** One error handler for the whole service: every 4xx/5xx is problem+json with a stable code. */
export const problemPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError & { code?: string }, request, reply) => {
    if (error instanceof AppError) {
      if (error.status >= 500) request.log.error({ err: error }, error.message);
      return sendProblem(reply, error.code, error.detail, error.extensions);
    }
    if (error.validation) {
      const errors = fieldErrors(error);
      const detail = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
      return sendProblem(reply, 'validation_failed', detail, { errors });
    }
    if (error instanceof NoResultError) return sendProblem(reply, 'not_found', 'Finnes ikke eller du har ikke tilgang');
    if (error.code === '23503') {
      const fk = foreignKeyProblem(error as PgError);
      return sendProblem(reply, fk.code, fk.detail, fk.extensions);
    }
    const mapped = (error.code && (FASTIFY_CODES[error.code] ?? PG_CODES[error.code])) || undefined;
    if (mapped) return sendProblem(reply, mapped, error.message);
    if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
      return sendProblem(reply, 'malformed_request', 'Innholdet er ikke gyldig JSON');
    }
    const status = error.statusCode ?? 500;
    if (status === 413) return sendProblem(reply, 'payload_too_large', error.message);
    if (status === 415) return sendProblem(reply, 'unsupported_media_type', error.message);
    if (status >= 400 && status < 500) return sendProblem(reply, 'malformed_request', error.message);
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, 'internal_error');
  });

  app.setNotFoundHandler((request, reply) => sendProblem(reply, 'route_not_found', `${request.method} ${request.url}`));
});

/**
 * Errors Node's HTTP parser finds before there is a request (headers over the size limit, bytes
 * that are not HTTP) get a problem+json answer too; Fastify's default answers plain JSON.
 */
export function clientErrorHandler(this: FastifyInstance, err: Error & { code?: string }, socket: Socket) {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const code: ProblemCode = err.code === 'HPE_HEADER_OVERFLOW' ? 'headers_too_large' : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 'request_timeout' : 'malformed_request';
  const { status, title } = PROBLEMS[code];
  const detail =
    code === 'headers_too_large' ? `Hodene (for eksempel Authorization) er større enn grensen på ${maxHeaderSize} byte` : code === 'request_timeout' ? 'Forespørselen kom ikke fram i tide' : 'Forespørselen er ikke gyldig HTTP';
  const body = JSON.stringify({ type: problemType(code), title, status, code, detail });
  this.log.debug({ err }, 'client error');
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy(err);
}
