import { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
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
};

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
