import AjvCompiler from '@fastify/ajv-compiler';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import type { FastifyRouteSchemaDef, FastifyValidationResult } from 'fastify/types/schema';
import fp from 'fastify-plugin';
import { validation } from '../errors/app-error';

type BuildValidator = NonNullable<NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>['buildValidator']>;
type Compile = (route: FastifyRouteSchemaDef<unknown>) => FastifyValidationResult;
type Pool = (externalSchemas: unknown, options: AjvCompilerOptions) => Compile;
type AjvCompilerOptions = { customOptions?: Record<string, unknown> } & Record<string, unknown>;

// The package's types describe the compiled function as Ajv's; at run time it takes Fastify's route definition.
const pool = AjvCompiler() as unknown as Pool;

/**
 * Ajv for every request part, but a body is taken as sent: a JSON number is not a title and
 * `null` is not an empty string. Query strings, path parameters and headers arrive as text,
 * so there `"200"` still becomes the integer the schema asks for.
 */
export const buildValidator = ((externalSchemas: unknown, options: AjvCompilerOptions) => {
  const coercing = pool(externalSchemas, options);
  const strict = pool(externalSchemas, { ...options, customOptions: { ...options.customOptions, coerceTypes: false } });
  return (route: FastifyRouteSchemaDef<unknown>) => (route.httpPart === 'body' ? strict : coercing)(route);
}) as unknown as BuildValidator;

/** The path of the first string in `value` that holds U+0000 (PostgreSQL text cannot), or undefined. */
export function findNul(value: unknown, at = ''): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? at || '/' : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findNul(value[i], `${at}/${i}`);
      if (hit) return hit;
    }
    return undefined;
  }
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [key, v] of Object.entries(value)) {
      const hit = findNul(key, `${at}/${key}`) ?? findNul(v, `${at}/${key}`);
      if (hit) return hit;
    }
  }
  return undefined;
}

export const NUL_MESSAGE = 'inneholder NUL-tegnet (U+0000), som ikke kan lagres';

/** Refuses a NUL character anywhere in what the client sent, once for every route. */
export function refuseNul(parts: Readonly<Record<string, unknown>>): void {
  for (const [part, value] of Object.entries(parts)) {
    const field = findNul(value);
    if (field) throw validation(`/${part}${field === '/' ? '' : field}`, NUL_MESSAGE);
  }
}

export const inputPlugin = fp(async (app: FastifyInstance) => {
  app.addHook('preValidation', async (request) => {
    refuseNul({ params: request.params, querystring: request.query, body: request.body });
  });
});
