import { Type, type Static } from 'typebox';
import { AVSKRIVNINGSMAATE_KODER, OPPGAVETYPE_KODER, JOURNALPOSTTYPE_KODER, JOURNALSTATUS_KODER, SAKSSTATUS_KODER } from '../kodelister';
import { BrukerRef, Dato, JournalposttypeSchema, JournalstatusSchema, Kodeverdi, SkjermingSchema, Tidspunkt, TilgangskodeSchema, Tittel, Uuid } from './common';

/** Request and response shapes for the manual's routines. */

const Merknadstekst = Type.String({ minLength: 1, maxLength: 10000, pattern: '\\S' });
export const AvskrivningsmaateSchema = Kodeverdi(AVSKRIVNINGSMAATE_KODER);
export const OppgavetypeSchema = Kodeverdi(OPPGAVETYPE_KODER);

/**
 * §10.1: pass a journalpost on (saksbehandler, forfallsdato, skjerming, merknad, internal
 * kopimottakere). To a unit (§3.1, §6): `administrativEnhetId` alone gives it to the unit's
 * leader for saksfordeling, the journalpost in that unit; with `saksbehandlerId`, to someone in it.
 */
export const FordelSchema = Type.Object(
  {
    saksbehandlerId: Type.Optional(Uuid),
    administrativEnhetId: Type.Optional(Uuid),
    forfallsdato: Type.Optional(Type.Union([Dato, Type.Null()])),
    skjerming: Type.Optional(Type.Union([SkjermingSchema, Type.Null()])),
    merknad: Type.Optional(Merknadstekst),
    kopimottakerIds: Type.Optional(Type.Array(Uuid, { maxItems: 50 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type FordelInput = Static<typeof FordelSchema>;

/** §10.2.1: avskriv with a code the dokumenttype allows; TLF needs a merknad. */
export const AvskrivSchema = Type.Object(
  {
    avskrivningsmaate: AvskrivningsmaateSchema,
    merknad: Type.Optional(Merknadstekst),
    svarJournalpostId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type AvskrivInput = Static<typeof AvskrivSchema>;

export const AvskrivningView = Type.Object({
  systemId: Uuid,
  avskrivningsmaate: AvskrivningsmaateSchema,
  avskrivningsdato: Type.Union([Tidspunkt, Type.Null()]),
  ventende: Type.Boolean(),
  merknad: Type.Union([Type.String(), Type.Null()]),
  svarJournalpostId: Type.Union([Uuid, Type.Null()]),
  avskrevetAv: BrukerRef,
});

/** §10.2.2 ways 2–4: a U reply answering one or more journalposter. */
export const BesvarSchema = Type.Object(
  {
    maate: Type.Union([Type.Literal('besvar_og_avskriv'), Type.Literal('forelopig_svar'), Type.Literal('besvar_uten_avskrivning')]),
    journalpostIds: Type.Array(Uuid, { minItems: 1, maxItems: 50 }),
    tittel: Tittel,
    avskrivningsmaate: Type.Optional(AvskrivningsmaateSchema),
  },
  { additionalProperties: false },
);
export type BesvarInput = Static<typeof BesvarSchema>;

export const KanalSchema = Type.Union([Type.Literal('epost'), Type.Literal('papir'), Type.Literal('annen')]);
export type Kanal = Static<typeof KanalSchema>;

/**
 * §10.7 "Ekspeder": per external recipient (korrespondansepart) the chosen channel; recipients
 * left out get e-mail when they have an address, else paper. E-mail recipients get the mail
 * through the outbox; the main document goes as the mail body (text documents) or attached.
 */
export const EkspederSchema = Type.Object(
  {
    mottakere: Type.Optional(
      Type.Array(
        Type.Object(
          {
            korrespondansepartId: Uuid,
            kanal: KanalSchema,
            /** What "annen" means here (e.g. "levert personlig"); kept on the utsending. */
            kanalBeskrivelse: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
          },
          { additionalProperties: false },
        ),
        { maxItems: 500 },
      ),
    ),
    hoveddokumentSom: Type.Optional(Type.Union([Type.Literal('tekst'), Type.Literal('vedlegg')])),
    /** Free mail text: sent, not archived as a document (§10.7). */
    epostTekst: Type.Optional(Type.String({ maxLength: 20_000 })),
    /**
     * §10.7/§12.2: which of the journalpost's documents go out, and which version of each
     * (the newest when left out). Without the list every document goes, in its newest version.
     * The hoveddokument must be among them when something is e-mailed.
     */
    dokumenter: Type.Optional(
      Type.Array(Type.Object({ dokumentId: Uuid, versjonsnummer: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false }), { minItems: 1, maxItems: 200 }),
    ),
    /** The journalpost's merknader go with it: in the mail text, and on a page of the paper bundle. */
    merknader: Type.Optional(Type.Boolean()),
    /**
     * §10.3: the mail was sent from Outlook already (the add-in's import of a sent mail):
     * expedite with every recipient on "annen" ("e-post, sendt fra Outlook"), send nothing.
     * Not together with mottakere.
     */
    alleredeSendt: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type EkspederInput = Static<typeof EkspederSchema>;

/** §12.1: an oppgave to one or more receivers. */
export const OppgaveCreateSchema = Type.Object(
  {
    oppgavetype: OppgavetypeSchema,
    mottakerIds: Type.Array(Uuid, { minItems: 1, maxItems: 50 }),
    journalpostId: Type.Optional(Uuid),
    sakId: Type.Optional(Uuid),
    merknad: Type.Optional(Merknadstekst),
    /** Yellow merknader are shown to the next step only, unless marked for all. */
    merknadForAlle: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type OppgaveCreate = Static<typeof OppgaveCreateSchema>;

export const OppgaveSvarSchema = Type.Object(
  {
    svar: Type.String({ minLength: 1, maxLength: 100 }),
    merknad: Type.Optional(Merknadstekst),
    /** Ikke godkjent: overrides who gets it back; Videresendt: the next approver (required). */
    mottakerId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type OppgaveSvar = Static<typeof OppgaveSvarSchema>;

export const OppgaveView = Type.Object({
  systemId: Uuid,
  oppgavetype: OppgavetypeSchema,
  status: Type.String(),
  avsender: BrukerRef,
  mottaker: BrukerRef,
  journalpostId: Type.Union([Uuid, Type.Null()]),
  sakId: Type.Union([Uuid, Type.Null()]),
  merknad: Type.Union([Type.String(), Type.Null()]),
  merknadForAlle: Type.Boolean(),
  svar: Type.Union([Type.String(), Type.Null()]),
  svarMerknad: Type.Union([Type.String(), Type.Null()]),
  opprettetDato: Tidspunkt,
  lestDato: Type.Union([Tidspunkt, Type.Null()]),
  /** Deactivated by the sender before it was read: kept in history, shown struck through. */
  deaktivert: Type.Boolean(),
  abilities: Type.Record(Type.String(), Type.Boolean()),
  /** Til godkjenning sent to a chain: who approves after this receiver, in order (§10.6). */
  nesteGodkjennere: Type.Optional(Type.Array(BrukerRef)),
});
export type OppgaveViewT = Static<typeof OppgaveView>;

export const StedfortrederCreateSchema = Type.Object(
  {
    lederId: Type.Optional(Uuid),
    stedfortrederId: Uuid,
    fraDato: Dato,
    tilDato: Dato,
    tilgangskoder: Type.Optional(Type.Array(TilgangskodeSchema, { maxItems: 7 })),
  },
  { additionalProperties: false },
);
export type StedfortrederCreate = Static<typeof StedfortrederCreateSchema>;

export const SakStatusHandlingSchema = Type.Object(
  { handling: Type.Union([Type.Literal('kontroller'), Type.Literal('avslutt'), Type.Literal('gjenaapne'), Type.Literal('utgaar'), Type.Literal('ingen_oppfoelging')]) },
  { additionalProperties: false },
);

/**
 * §12.7 Flytt. A move never makes a record more public on its own: where the journalpost
 * inherits a skjerming the new sak would not give it, the move keeps it on the journalpost
 * (`behold`, the default) unless the archive has decided to release it (`fjern`: the
 * journalpost then inherits the new sak's grading). Either way the change is in historikk.
 */
export const FLYTT_SKJERMING = ['behold', 'fjern'] as const;
export const FlyttSchema = Type.Object(
  { sakId: Uuid, skjerming: Type.Optional(Kodeverdi(FLYTT_SKJERMING, 'Arvet skjerming som den nye saken ikke gir: behold (standard) eller fjern (arkivets vedtak)')) },
  { additionalProperties: false },
);
export type FlyttInput = Static<typeof FlyttSchema>;

/** §12.6: the archive's own list of feilregistrerte journalposter (the only read path they stay on, with historikk). */
export const FeilregistrertQuerySchema = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })), offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })) },
  { additionalProperties: false },
);
export const FeilregistrertJournalpostView = Type.Object({
  systemId: Uuid,
  registreringsId: Type.String(),
  journalnummer: Type.String(),
  journalposttype: JournalposttypeSchema,
  journalstatus: JournalstatusSchema,
  tittel: Type.String(),
  /** Redacted (`*****`) where the skjerming hides line 2 from the reader. */
  tittel2: Type.Union([Type.String(), Type.Null()]),
  skjultNivaa: Type.Integer(),
  sakId: Uuid,
  saksnummer: Type.String(),
  feilregistrertDato: Tidspunkt,
  feilregistrertAv: Type.Union([BrukerRef, Type.Null()]),
});

export const KURVER = ['ubehandlet', 'forfall', 'dokumenter_i_arbeid', 'mottatte_oppgaver', 'sendt_til_godkjenning', 'mottatt_for_godkjenning', 'kopier', 'obs_saker', 'mine_saker', 'siste_saksmapper'] as const;
export type Kurv = (typeof KURVER)[number];
export const KurvParams = Type.Object({ kurv: Kodeverdi(KURVER) }, { additionalProperties: false });

export const KurvItem = Type.Object({
  type: Type.Union([Type.Literal('journalpost'), Type.Literal('sak'), Type.Literal('oppgave')]),
  systemId: Uuid,
  tittel: Type.String(),
  /** Title line 2 through the skjerming filter: `*****` when hidden from the user (§8). */
  tittel2: Type.Union([Type.String(), Type.Null()]),
  /** The skjermingsnivå hidden from the user (0: sees everything), as in the journalpost lists. */
  skjultNivaa: Type.Integer(),
  nummer: Type.String(),
  journalposttype: Type.Union([Kodeverdi(JOURNALPOSTTYPE_KODER), Type.Null()]),
  dato: Type.Union([Type.String(), Type.Null()]),
  /** Sendt til godkjenning: who has the approval now (after Videresendt, the next approver). */
  hos: Type.Optional(Type.String()),
  /** The journalpost's status, forfallsdato and restanse (null for a sak or an oppgave on a sak). */
  journalstatus: Type.Optional(Type.Union([Kodeverdi(JOURNALSTATUS_KODER), Type.Null()])),
  forfallsdato: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  restanse: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
  /** The first avsender or mottaker; `*****` where the skjerming hides the parties (level 3). */
  korrespondent: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  saksstatus: Type.Optional(Kodeverdi(SAKSSTATUS_KODER)),
  oppgavetype: Type.Optional(Kodeverdi(OPPGAVETYPE_KODER)),
  /** A Beskjed that reports an answer: the answer given (Godkjent, Ikke godkjent, …). */
  svar: Type.Optional(Type.Union([Type.String(), Type.Null()])),
});

/** §11.1 Restanserapport. */
export const RestanserapportView = Type.Object({
  kriterier: Type.Object({ enhetId: Type.Optional(Uuid), saksbehandlerId: Type.Optional(Uuid), fra: Type.Optional(Dato), til: Type.Optional(Dato) }),
  perSaksbehandler: Type.Array(Type.Object({ saksbehandler: BrukerRef, antall: Type.Integer(), forfalt: Type.Integer() })),
  journalposter: Type.Array(
    Type.Object({
      systemId: Uuid,
      registreringsId: Type.String(),
      tittel: Type.String(),
      tittel2: Type.Union([Type.String(), Type.Null()]),
      skjultNivaa: Type.Integer(),
      journalposttype: Kodeverdi(JOURNALPOSTTYPE_KODER),
      journaldato: Dato,
      forfallsdato: Type.Union([Dato, Type.Null()]),
      forfalt: Type.Boolean(),
      saksbehandlerId: Uuid,
    }),
  ),
});
