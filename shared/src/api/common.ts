import { Type, type Static } from 'typebox';
import {
  JOURNALPOSTTYPE_KODER,
  JOURNALSTATUS_KODER,
  KORRESPONDANSEPARTTYPE_KODER,
  MERKNADSTYPE_KODER,
  SAKSSTATUS_KODER,
  SAKSTYPE_KODER,
  TILGANGSKODE_KODER,
  TILKNYTNING_KODER,
  VARIANTFORMAT_KODER,
} from '../kodelister';
import { PROBLEM_CODES } from '../errors';

/** A string enum from a code list. */
export const Kodeverdi = <const T extends readonly string[]>(codes: T, description?: string) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...codes], ...(description ? { description } : {}) });

export const Uuid = Type.String({ format: 'uuid' });
export const Dato = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
export const Tidspunkt = Type.String({ format: 'date-time' });
export const Tittel = Type.String({ minLength: 1, maxLength: 1000, pattern: '\\S' });

export const JournalposttypeSchema = Kodeverdi(JOURNALPOSTTYPE_KODER);
export const JournalstatusSchema = Kodeverdi(JOURNALSTATUS_KODER);
export const SaksstatusSchema = Kodeverdi(SAKSSTATUS_KODER);
export const SakstypeSchema = Kodeverdi(SAKSTYPE_KODER);
export const TilgangskodeSchema = Kodeverdi(TILGANGSKODE_KODER);
export const KorrespondanseparttypeSchema = Kodeverdi(KORRESPONDANSEPARTTYPE_KODER);
export const TilknytningSchema = Kodeverdi(TILKNYTNING_KODER);
export const VariantformatSchema = Kodeverdi(VARIANTFORMAT_KODER);
export const MerknadstypeSchema = Kodeverdi(MERKNADSTYPE_KODER);

/** Skjerming = tilgangskode + level + lovhjemmel (DOMAIN.md §2). */
export const SkjermingSchema = Type.Object(
  {
    tilgangskode: TilgangskodeSchema,
    skjermingsnivaa: Type.Unsafe<1 | 2 | 3>({ type: 'integer', enum: [1, 2, 3] }),
    skjermingshjemmel: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);
export type SkjermingInput = Static<typeof SkjermingSchema>;

export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });

export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Kodeverdi(PROBLEM_CODES),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
    /** precondition_failed: the record's current version (also its ETag) and the record itself as the user may see it. */
    versjon: Type.Optional(Type.Integer()),
    gjeldende: Type.Optional(Type.Unknown()),
  },
  { additionalProperties: true },
);

export const BrukerRef = Type.Object({ systemId: Uuid, brukernavn: Type.String(), navn: Type.String() });
export const EnhetRef = Type.Object({ systemId: Uuid, kode: Type.String(), navn: Type.String() });
