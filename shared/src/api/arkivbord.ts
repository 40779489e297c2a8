import { type Static, Type } from 'typebox';
import { Dato, JournalposttypeSchema, JournalstatusSchema, Kodeverdi, Uuid } from './common';

/**
 * What the archive's quality check (manual §5, §3.3) finds missing before journalføring:
 * no document, a document without an archive variant (PDF/A), no avsender/mottaker where the
 * type needs one, a skjerming without lovhjemmel, a fødselsnummer in the title.
 */
export const KVALITETSMANGLER = ['ingen_dokument', 'ingen_arkivvariant', 'ingen_korrespondansepart', 'skjerming_uten_hjemmel', 'foedselsnummer_i_tittel'] as const;
export type Kvalitetsmangel = (typeof KVALITETSMANGLER)[number];

export const ArkivListeQuery = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })), offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })) },
  { additionalProperties: false },
);

/** A journalpost waiting for journalføring (S, F or E), with what the quality check finds. */
export const TilJournalfoeringView = Type.Object({
  systemId: Uuid,
  registreringsId: Type.String(),
  journalposttype: JournalposttypeSchema,
  journalstatus: JournalstatusSchema,
  tittel: Type.String(),
  /** Redacted (`*****`) where the skjerming hides line 2 from the reader. */
  tittel2: Type.Union([Type.String(), Type.Null()]),
  skjultNivaa: Type.Integer(),
  journaldato: Dato,
  sakId: Uuid,
  saksbehandler: Type.String(),
  mangler: Type.Array(Kodeverdi(KVALITETSMANGLER)),
});
export type TilJournalfoering = Static<typeof TilJournalfoeringView>;

/** A sak in R or B where every journalpost is journalført and none has a restanse (§5). */
export const KlarSakView = Type.Object({
  systemId: Uuid,
  saksnummer: Type.String(),
  saksstatus: Type.String(),
  tittel: Type.String(),
  saksansvarlig: Type.String(),
  antallJournalposter: Type.Integer(),
});
export type KlarSak = Static<typeof KlarSakView>;

/** Journalføre many at once: each id is its own step, and each gets its own answer. */
export const JournalfoerMangeSchema = Type.Object({ journalpostIds: Type.Array(Uuid, { minItems: 1, maxItems: 200, uniqueItems: true }) }, { additionalProperties: false });
export const JournalfoerMangeResultat = Type.Object({
  resultater: Type.Array(
    Type.Object({
      journalpostId: Uuid,
      journalstatus: Type.Optional(JournalstatusSchema),
      problem: Type.Optional(Type.Object({ code: Type.String(), detail: Type.String() })),
    }),
  ),
});
export type JournalfoerMangeSvar = Static<typeof JournalfoerMangeResultat>;

/** What stops a sak from closing (§5), each reachable by its id. */
export const AvslutningView = Type.Object({
  kanAvsluttes: Type.Boolean(),
  blokkerende: Type.Array(Type.Object({ systemId: Uuid, registreringsId: Type.String(), tittel: Type.String(), journalstatus: JournalstatusSchema, grunner: Type.Array(Type.String()) })),
});
export type Avslutning = Static<typeof AvslutningView>;

/** An earlier correspondent, offered when registering incoming post (§3.1). */
export const KorrespondentForslag = Type.Object({
  navn: Type.String(),
  postadresse: Type.Union([Type.String(), Type.Null()]),
  postnummer: Type.Union([Type.String(), Type.Null()]),
  poststed: Type.Union([Type.String(), Type.Null()]),
  epostadresse: Type.Union([Type.String(), Type.Null()]),
});
export type Korrespondent = Static<typeof KorrespondentForslag>;
export const KorrespondentQuery = Type.Object({ q: Type.String({ minLength: 2, maxLength: 100 }) }, { additionalProperties: false });

/** A unit and who distributes within it (its leaders), for the dokumentsenter's Fordel (§10.1). */
export const EnhetMedLeder = Type.Object({ systemId: Uuid, kode: Type.String(), navn: Type.String(), lederId: Type.Union([Uuid, Type.Null()]) });
export type Enhet = Static<typeof EnhetMedLeder>;
