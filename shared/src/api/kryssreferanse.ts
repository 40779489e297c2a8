import { Type, type Static } from 'typebox';
import { BrukerRef, JournalposttypeSchema, JournalstatusSchema, SaksstatusSchema, Tidspunkt, Uuid } from './common';

/**
 * Kryssreferanse (Noark 5 M210 referanseTilMappe / M212 referanseTilRegistrering): a sak or
 * journalpost points to another sak or journalpost. Exactly one target.
 */
export const KryssreferanseCreateSchema = Type.Object(
  {
    tilSakId: Type.Optional(Uuid),
    tilJournalpostId: Type.Optional(Uuid),
  },
  { additionalProperties: false, minProperties: 1, maxProperties: 1 },
);
export type KryssreferanseCreate = Static<typeof KryssreferanseCreateSchema>;

/**
 * The other end of a reference, read through the skjerming filter like every list: title
 * line 1 and the number are public; `tittel2` is `*****` where the reader does not see
 * through the grading (`skjultNivaa` ≥ 2).
 */
export const KryssreferanseMaalView = Type.Object({
  type: Type.Union([Type.Literal('sak'), Type.Literal('journalpost')]),
  systemId: Uuid,
  /** The sak itself, or the journalpost's sak (to navigate). */
  sakId: Uuid,
  /** Saksnummer (YYYY/NNNNN) or the journalpost's registreringsId (YYYY/NNNNN-D). */
  nummer: Type.String(),
  journalnummer: Type.Union([Type.String(), Type.Null()]),
  tittel: Type.String(),
  tittel2: Type.Union([Type.String(), Type.Null()]),
  skjultNivaa: Type.Integer(),
  journalposttype: Type.Union([JournalposttypeSchema, Type.Null()]),
  journalstatus: Type.Union([JournalstatusSchema, Type.Null()]),
  saksstatus: Type.Union([SaksstatusSchema, Type.Null()]),
});

export const KryssreferanseView = Type.Object({
  systemId: Uuid,
  /** `til`: this record refers to `objekt`; `fra`: `objekt` refers to this record. */
  retning: Type.Union([Type.Literal('til'), Type.Literal('fra')]),
  objekt: KryssreferanseMaalView,
  opprettetDato: Tidspunkt,
  opprettetAv: BrukerRef,
  /** `fjern`: the reader may remove it (rights on the referring record, see docs/kryssreferanser.md). */
  abilities: Type.Record(Type.String(), Type.Boolean()),
});
export type KryssreferanseViewT = Static<typeof KryssreferanseView>;

export const KryssreferanseListe = Type.Object({
  /** "Refererer til": this record's own references. */
  refererer: Type.Array(KryssreferanseView),
  /** "Referert fra": other records' references to this one. */
  referertFra: Type.Array(KryssreferanseView),
});
export type KryssreferanseListeT = Static<typeof KryssreferanseListe>;
