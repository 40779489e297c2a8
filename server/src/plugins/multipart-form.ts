import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { TObject } from 'typebox';
import type { StagedBlob } from '../blob/blob-store';
import { AppError, validation } from '../errors/app-error';
import { refuseNul } from './input.plugin';

/** The largest text field a multipart form may carry (bytes); each field's own limit is in its schema. */
export const MULTIPART_FIELD_BYTES = 100_000;

export interface FormFile<T> {
  readonly fieldname: string;
  readonly value: T;
}

/**
 * The documented body of a multipart route (config.openapiBody): the same field schema the route
 * validates with, plus the file part(s).
 */
export function multipartRequestBody(description: string, fields: TObject, file: { name: string; many?: boolean }) {
  const binary = { type: 'string', format: 'binary' };
  return {
    ...fields,
    description,
    properties: { ...fields.properties, [file.name]: file.many ? { type: 'array', items: binary } : binary },
    required: [...(fields.required ?? []), file.name],
  };
}

/** An error from the multipart parser itself (no boundary, a body cut short) rather than from storing a file. */
function asMalformed(err: unknown): unknown {
  if (err instanceof AppError) return err;
  const e = err as { code?: string; statusCode?: number; message?: string };
  if (e.statusCode !== undefined && e.statusCode < 500) return err;
  if (typeof e.code === 'string' && /^E[A-Z]/.test(e.code)) return err; // the file system, not the client
  return new AppError('malformed_request', `multipart/form-data kunne ikke leses: ${e.message ?? 'ukjent feil'}`);
}

/**
 * Reads a multipart form the way every upload route does: text fields first, validated against
 * `schema` with the same rules as a JSON body (types as sent, lengths, known fields, no NUL)
 * before the first file is read; then each file handed to `onFile` (which streams it somewhere).
 * A field over the size limit is refused, not cut. On any refusal the files read so far are
 * discarded.
 */
export async function readForm<T extends { staged: StagedBlob }>(
  req: FastifyRequest,
  schema: TObject,
  onFile: (part: MultipartFile) => Promise<T>,
  limits: { files?: number; fileSize?: number } = {},
): Promise<{ fields: Record<string, string>; files: T[] }> {
  if (!req.isMultipart()) throw new AppError('unsupported_media_type', 'Forventet multipart/form-data');
  const fields: Record<string, string> = {};
  const files: T[] = [];
  let checked = false;
  const check = () => {
    if (checked) return;
    checked = true;
    validateFields(req, schema, fields);
  };
  try {
    const parts = req.parts({ limits: { ...limits, fieldSize: MULTIPART_FIELD_BYTES } })[Symbol.asyncIterator]();
    for (;;) {
      const next = await parts.next().catch((err: unknown) => Promise.reject(asMalformed(err)));
      if (next.done) break;
      const part = next.value;
      if (part.type === 'field') {
        if (checked) throw validation(`/body/${part.fieldname}`, 'tekstfeltene må komme før filene');
        if (part.fieldnameTruncated || part.valueTruncated) throw validation(`/body/${part.fieldname}`, `er for langt (over ${MULTIPART_FIELD_BYTES} byte)`);
        if (typeof part.value !== 'string') throw validation(`/body/${part.fieldname}`, 'må være tekst');
        if (Object.hasOwn(fields, part.fieldname)) throw validation(`/body/${part.fieldname}`, 'er sendt mer enn én gang');
        fields[part.fieldname] = part.value;
        continue;
      }
      check();
      files.push(await onFile(part as MultipartFile).catch((err: unknown) => Promise.reject(asMalformed(err))));
    }
    check();
  } catch (err) {
    await Promise.all(files.map((f) => f.staged.discard()));
    throw err;
  }
  return { fields, files };
}

function validateFields(req: FastifyRequest, schema: TObject, fields: Record<string, string>) {
  refuseNul({ body: fields });
  const validate = req.compileValidationSchema(schema, 'body');
  if (validate(fields)) return;
  // The same shape Fastify gives a JSON body that fails its schema, so the one error handler words both alike.
  throw Object.assign(new Error('validation failed'), { validation: validate.errors ?? [], validationContext: 'body', statusCode: 400 });
}
