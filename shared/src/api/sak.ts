import { Type, type Static } from 'typebox';
import { BrukerRef, Dato, EnhetRef, SaksstatusSchema, SakstypeSchema, SkjermingSchema, Tidspunkt, TilgangskodeSchema, Tittel, Uuid } from './common';

export const SakCreateSchema = Type.Object(
  {
    tittel: Tittel,
    tittel2: Type.Optional(Type.String({ maxLength: 1000 })),
    beskrivelse: Type.Optional(Type.String({ maxLength: 10000 })),
    sakstype: SakstypeSchema,
    administrativEnhetId: Type.Optional(Uuid),
    saksansvarligId: Type.Optional(Uuid),
    klasseId: Type.Optional(Uuid),
    arkivdelId: Type.Optional(Uuid),
    skjerming: Type.Optional(SkjermingSchema),
    noekkelord: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 50 })),
  },
  { additionalProperties: false },
);
export type SakCreate = Static<typeof SakCreateSchema>;

export const SakUpdateSchema = Type.Object(
  {
    tittel: Type.Optional(Tittel),
    tittel2: Type.Optional(Type.Union([Type.String({ maxLength: 1000 }), Type.Null()])),
    beskrivelse: Type.Optional(Type.Union([Type.String({ maxLength: 10000 }), Type.Null()])),
    sakstype: Type.Optional(SakstypeSchema),
    klasseId: Type.Optional(Type.Union([Uuid, Type.Null()])),
    skjerming: Type.Optional(Type.Union([SkjermingSchema, Type.Null()])),
    obsDato: Type.Optional(Type.Union([Dato, Type.Null()])),
    obsKommentar: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
    noekkelord: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 50 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type SakUpdate = Static<typeof SakUpdateSchema>;

/**
 * The words of title line 1 or 2 to show as ***** to those who do not see through the record's
 * grading and in the public journal (only on a graded record): the whole list, replacing the old.
 */
export const SkjermedeOrdSchema = Type.Object(
  { ord: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 50 }) },
  { additionalProperties: false },
);
export type SkjermedeOrd = Static<typeof SkjermedeOrdSchema>;

export const SkjermingView = Type.Object({
  tilgangskode: TilgangskodeSchema,
  skjermingsnivaa: Type.Integer(),
  skjermingshjemmel: Type.Union([Type.String(), Type.Null()]),
});

export const KlasseView = Type.Object({ systemId: Uuid, klasseId: Type.String(), tittel: Type.String() });

export const SakViewSchema = Type.Object(
  {
    systemId: Uuid,
    saksnummer: Type.String(),
    saksaar: Type.Integer(),
    sakssekvensnummer: Type.Integer(),
    tittel: Type.String(),
    /** null when empty; the string "*****" when screened for this user. */
    tittel2: Type.Union([Type.String(), Type.Null()]),
    offentligTittel: Type.String(),
    /** Words of line 1 or 2 shown as ***** to those who do not see through the grading: listed only for those who see them. */
    skjermedeOrd: Type.Array(Type.String()),
    beskrivelse: Type.Union([Type.String(), Type.Null()]),
    sakstype: SakstypeSchema,
    saksstatus: SaksstatusSchema,
    saksdato: Dato,
    saksansvarlig: BrukerRef,
    administrativEnhet: EnhetRef,
    klasse: Type.Union([KlasseView, Type.Null()]),
    klasseSkjermet: Type.Boolean(),
    skjerming: Type.Union([SkjermingView, Type.Null()]),
    noekkelord: Type.Array(Type.String()),
    obsDato: Type.Union([Dato, Type.Null()]),
    obsKommentar: Type.Union([Type.String(), Type.Null()]),
    arkivdelId: Uuid,
    opprettetDato: Tidspunkt,
    avsluttetDato: Type.Union([Tidspunkt, Type.Null()]),
    abilities: Type.Record(Type.String(), Type.Boolean()),
    /** Moves with every recorded change; send it back as If-Match (the ETag) when editing. */
    versjon: Type.Integer(),
    /** §4 good habits: warnings when the sak was created (e.g. likely duplicates). */
    advarsler: Type.Optional(
      Type.Array(Type.Object({ kode: Type.String(), melding: Type.String(), sakId: Uuid, saksnummer: Type.String(), tittel: Type.String() })),
    ),
  },
  {},
);
export type SakView = Static<typeof SakViewSchema>;

export const SakListQuerySchema = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    saksstatus: Type.Optional(SaksstatusSchema),
    sakstype: Type.Optional(SakstypeSchema),
    saksansvarligId: Type.Optional(Uuid),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  },
  { additionalProperties: false },
);
export type SakListQuery = Static<typeof SakListQuerySchema>;

export const Page = <T extends ReturnType<typeof Type.Object>>(item: T) =>
  Type.Object({ items: Type.Array(item), total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer() });
