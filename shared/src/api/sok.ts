import { Type, type Static } from 'typebox';
import { Dato, JournalposttypeSchema, JournalstatusSchema, SaksstatusSchema, SakstypeSchema } from './common';
import { JournalpostViewSchema } from './journalpost';
import { SakViewSchema } from './sak';

/** Counting stops here: a search answers "more than 1000" rather than count a million rows. */
export const SOK_TELLEGRENSE = 1000;

/**
 * One search over saker, journalposter and document text (manual §4: search before you
 * create). `q` is a saksnummer or journalnummer (`2023/4711`), a registreringsID
 * (`2023/4711-3`), or words (any order, any inflection); the filters narrow it.
 */
export const SokQuerySchema = Type.Object(
  {
    q: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
    hva: Type.Optional(Type.Union([Type.Literal('alle'), Type.Literal('saker'), Type.Literal('journalposter')], { default: 'alle' })),
    sakstype: Type.Optional(SakstypeSchema),
    saksstatus: Type.Optional(SaksstatusSchema),
    journalstatus: Type.Optional(JournalstatusSchema),
    journalposttype: Type.Optional(JournalposttypeSchema),
    /** Saksdato (saker) or journaldato (journalposter), inclusive. */
    fra: Type.Optional(Dato),
    til: Type.Optional(Dato),
    /** Words of a korrespondansepart's name (only parties the user may see). */
    korrespondent: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000, default: 0 })),
  },
  { additionalProperties: false },
);
export type SokQuery = Static<typeof SokQuerySchema>;

const SokPage = <T extends ReturnType<typeof Type.Object>>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    /** Hits, counted up to SOK_TELLEGRENSE. */
    total: Type.Integer(),
    /** True when there are more hits than `total` says. */
    avkortet: Type.Boolean(),
    limit: Type.Integer(),
    offset: Type.Integer(),
  });

export const SokResultSchema = Type.Object({ saker: SokPage(SakViewSchema), journalposter: SokPage(JournalpostViewSchema) });
export type SokResult = Static<typeof SokResultSchema>;
