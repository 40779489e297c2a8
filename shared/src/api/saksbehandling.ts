import { Type, type Static } from 'typebox';
import { AVSKRIVNINGSMAATE_KODER, OPPGAVETYPE_KODER, JOURNALPOSTTYPE_KODER } from '../kodelister';
import { BrukerRef, Dato, Kodeverdi, SkjermingSchema, Tidspunkt, TilgangskodeSchema, Tittel, Uuid } from './common';

/** Request and response shapes for the manual's routines (issue 3). */

const Merknadstekst = Type.String({ minLength: 1, maxLength: 10000, pattern: '\\S' });
export const AvskrivningsmaateSchema = Kodeverdi(AVSKRIVNINGSMAATE_KODER);
export const OppgavetypeSchema = Kodeverdi(OPPGAVETYPE_KODER);

/** §10.1: pass a journalpost on (saksbehandler, forfallsdato, skjerming, merknad, internal kopimottakere). */
export const FordelSchema = Type.Object(
  {
    saksbehandlerId: Type.Optional(Uuid),
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

export const FlyttSchema = Type.Object({ sakId: Uuid }, { additionalProperties: false });

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
