import { randomUUID } from 'node:crypto';

/** The part of JSON Schema (OpenAPI 3.0 flavour) the API's request schemas use. */
export interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  format?: string;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  minProperties?: number;
  nullable?: boolean;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: Schema;
}

export interface Operation {
  readonly method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** As in the document: /api/saker/{id}/journalposter */
  readonly path: string;
  readonly parameters: readonly Parameter[];
  readonly body?: { readonly contentType: string; readonly schema: Schema };
}

interface OpenApiDocument {
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> } }>>;
}

/** Every operation that can change something, as the OpenAPI document describes it. */
export function mutatingOperations(doc: OpenApiDocument): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const m = method.toUpperCase();
      if (m !== 'POST' && m !== 'PUT' && m !== 'PATCH' && m !== 'DELETE') continue;
      const [contentType, media] = Object.entries(op.requestBody?.content ?? {})[0] ?? [];
      out.push({ method: m, path, parameters: op.parameters ?? [], ...(contentType && media ? { body: { contentType, schema: media.schema } } : {}) });
    }
  }
  return out;
}

/** Resolves allOf (merged) and anyOf/oneOf (the first branch) into one schema. */
export function flatten(schema: Schema): Schema {
  if (schema.allOf) {
    const parts = schema.allOf.map(flatten);
    return {
      type: 'object',
      properties: Object.assign({}, ...parts.map((p) => p.properties ?? {})),
      required: parts.flatMap((p) => p.required ?? []),
    };
  }
  const branch = schema.anyOf?.[0] ?? schema.oneOf?.[0];
  return branch ? flatten(branch) : schema;
}

/** Gives an id that exists for a field name (sakId, mottakerIds...), or a fresh one when none is known. */
export type IdFor = (field: string) => string;

/** The smallest value the schema accepts; ids from `idFor` so the rest of a body points at real rows. */
export function validValue(raw: Schema, name: string, idFor: IdFor): unknown {
  const s = flatten(raw);
  if (s.enum) return s.enum.find((v) => v !== null) ?? null;
  switch (s.type) {
    case 'object': {
      const props = s.properties ?? {};
      const keys = [...(s.required ?? [])];
      for (const k of Object.keys(props)) if (keys.length < (s.minProperties ?? 0) && !keys.includes(k)) keys.push(k);
      return Object.fromEntries(keys.map((k) => [k, validValue(props[k] ?? {}, k, idFor)]));
    }
    case 'array':
      return Array.from({ length: s.minItems ?? 0 }, () => validValue(s.items ?? {}, name, idFor));
    case 'integer':
    case 'number':
      return s.minimum ?? 1;
    case 'boolean':
      return false;
    case 'string':
      if (s.format === 'uuid') return idFor(name);
      if (s.format === 'date') return '2026-06-15';
      if (s.format === 'date-time') return '2026-06-15T10:00:00.000Z';
      if (s.format === 'email') return 'a@example.com';
      if (s.format === 'binary') return 'x';
      return 'x'.repeat(Math.max(1, s.minLength ?? 1));
    default:
      return 'x';
  }
}

export interface Field {
  /** JSON pointer inside the body: /mottakere/0/kanal */
  readonly pointer: string;
  readonly schema: Schema;
}

/** Every property in the body, nested objects and the first item of arrays included. */
export function fieldsOf(raw: Schema, at = ''): Field[] {
  const s = flatten(raw);
  const out: Field[] = [];
  if (s.type === 'object') {
    for (const [k, v] of Object.entries(s.properties ?? {})) {
      out.push({ pointer: `${at}/${k}`, schema: flatten(v) });
      out.push(...fieldsOf(v, `${at}/${k}`));
    }
  } else if (s.type === 'array' && s.items) {
    out.push(...fieldsOf(s.items, `${at}/0`).filter((f) => f.pointer !== `${at}/0`));
  }
  return out;
}

/** A copy of the smallest valid body with the value at `pointer` replaced (parents made as needed). */
export function withValue(body: unknown, schema: Schema, pointer: string, value: unknown, idFor: IdFor): unknown {
  const root = structuredClone(body) as Record<string, unknown>;
  const keys = pointer.split('/').slice(1);
  let node: Record<string, unknown> | unknown[] = root;
  let s = flatten(schema);
  for (const [i, key] of keys.entries()) {
    const childSchema = flatten(s.type === 'array' ? (s.items ?? {}) : (s.properties?.[key] ?? {}));
    const container = node as Record<string, unknown>;
    if (i === keys.length - 1) {
      container[key] = value;
    } else {
      if (container[key] === undefined || container[key] === null) container[key] = validValue(childSchema, key, idFor);
      if (Array.isArray(container[key]) && (container[key] as unknown[]).length === 0) (container[key] as unknown[]).push(validValue(childSchema.items ?? {}, key, idFor));
      node = container[key] as Record<string, unknown>;
    }
    s = childSchema;
  }
  return root;
}

export type VariantKind = 'nul' | 'wrong_type' | 'too_long' | 'unknown_id';

export interface Variant {
  readonly kind: VariantKind;
  readonly pointer: string;
  readonly body: unknown;
}

/** A value of the wrong JSON type for the schema: a number where text is wanted, text for a number... */
function wrongType(s: Schema): unknown {
  switch (s.type) {
    case 'string':
      return 12345;
    case 'integer':
    case 'number':
      return '1';
    case 'boolean':
      return 'true';
    case 'array':
      return 'x';
    case 'object':
      return 'x';
    default:
      return undefined;
  }
}

/**
 * The bad variants of a body, one field at a time, each otherwise the smallest valid body:
 * U+0000 in every free-text string, the wrong type for every field, one over every length limit,
 * and an id that does not exist in every id field. `text` says every value is text (multipart forms).
 */
export function badVariants(schema: Schema, idFor: IdFor, opts: { text?: boolean } = {}): Variant[] {
  const base = validValue(schema, '', idFor);
  const out: Variant[] = [];
  const put = (kind: VariantKind, pointer: string, value: unknown) => out.push({ kind, pointer, body: withValue(base, schema, pointer, value, idFor) });
  for (const { pointer, schema: s } of fieldsOf(schema)) {
    const name = pointer.split('/').pop()!;
    // Free text is where NUL and a number-for-text get through; a code or a uuid refuses both by its own schema.
    const freeText = s.type === 'string' && !s.enum && !s.format;
    if (freeText) put('nul', pointer, 'a\u0000b');
    if (s.type === 'array' && !opts.text) {
      const item = flatten(s.items ?? {});
      if (item.type === 'string' && !item.enum && !item.format) put('nul', `${pointer}/0`, 'a\u0000b');
    }
    if (!opts.text && (freeText || s.type !== 'string')) {
      const wrong = wrongType(s);
      if (wrong !== undefined) put('wrong_type', pointer, wrong);
    } else if (opts.text && s.enum) {
      put('wrong_type', pointer, 'ikke-en-kode');
    }
    if (s.type === 'string' && s.maxLength !== undefined) put('too_long', pointer, 'x'.repeat(s.maxLength + 1));
    if (s.type === 'array' && s.maxItems !== undefined && !opts.text) {
      put('too_long', pointer, Array.from({ length: s.maxItems + 1 }, () => validValue(s.items ?? {}, name, idFor)));
    }
    if (s.type === 'string' && s.format === 'uuid') put('unknown_id', pointer, randomUUID());
    if (s.type === 'array' && flatten(s.items ?? {}).format === 'uuid' && !opts.text) put('unknown_id', pointer, [randomUUID()]);
  }
  return out;
}
