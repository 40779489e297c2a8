import { Type, type Static } from 'typebox';
import {
  BrukerRef,
  Dato,
  EnhetRef,
  JournalposttypeSchema,
  JournalstatusSchema,
  KorrespondanseparttypeSchema,
  MerknadstypeSchema,
  SkjermingSchema,
  Tidspunkt,
  TilknytningSchema,
  Tittel,
  Uuid,
  VariantformatSchema,
} from './common';
import { SkjermingView } from './sak';
import { AvskrivningView } from './saksbehandling';

const Tekst = (max: number) => Type.String({ maxLength: max });

export const KorrespondansepartInputSchema = Type.Object(
  {
    korrespondanseparttype: KorrespondanseparttypeSchema,
    navn: Type.String({ minLength: 1, maxLength: 500, pattern: '\\S' }),
    postadresse: Type.Optional(Tekst(1000)),
    postnummer: Type.Optional(Tekst(20)),
    poststed: Type.Optional(Tekst(200)),
    land: Type.Optional(Tekst(100)),
    epostadresse: Type.Optional(Type.String({ format: 'email', maxLength: 320 })),
    telefonnummer: Type.Optional(Tekst(50)),
    kontaktperson: Type.Optional(Tekst(500)),
    organisasjonsnummer: Type.Optional(Type.String({ pattern: '^[0-9]{9}$' })),
    deresReferanse: Type.Optional(Tekst(200)),
    brukerId: Type.Optional(Uuid),
    enhetId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type KorrespondansepartInput = Static<typeof KorrespondansepartInputSchema>;

export const JournalpostCreateSchema = Type.Object(
  {
    journalposttype: JournalposttypeSchema,
    tittel: Tittel,
    tittel2: Type.Optional(Tekst(1000)),
    beskrivelse: Type.Optional(Tekst(10000)),
    dokumentdato: Type.Optional(Dato),
    mottattDato: Type.Optional(Tidspunkt),
    forfallsdato: Type.Optional(Dato),
    saksbehandlerId: Type.Optional(Uuid),
    administrativEnhetId: Type.Optional(Uuid),
    delegertVedtak: Type.Optional(Type.Boolean()),
    skjerming: Type.Optional(SkjermingSchema),
    /** Words of the title lines shown as ***** to those without the code and in the public journal (needs a skjerming). */
    skjermedeOrd: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 50 })),
    /** The archive only: register as XX (midlertidig skjermet) until the saksbehandler has assessed it. */
    midlertidigSkjermet: Type.Optional(Type.Boolean()),
    korrespondanseparter: Type.Optional(Type.Array(KorrespondansepartInputSchema, { maxItems: 500 })),
  },
  { additionalProperties: false },
);
export type JournalpostCreate = Static<typeof JournalpostCreateSchema>;

/** Registration data: refused once the journalpost is locked (F, E, J, A). */
export const JournalpostUpdateSchema = Type.Object(
  {
    tittel: Type.Optional(Tittel),
    tittel2: Type.Optional(Type.Union([Tekst(1000), Type.Null()])),
    beskrivelse: Type.Optional(Type.Union([Tekst(10000), Type.Null()])),
    dokumentdato: Type.Optional(Type.Union([Dato, Type.Null()])),
    mottattDato: Type.Optional(Type.Union([Tidspunkt, Type.Null()])),
    forfallsdato: Type.Optional(Type.Union([Dato, Type.Null()])),
    korrespondanseparter: Type.Optional(Type.Array(KorrespondansepartInputSchema, { maxItems: 500 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type JournalpostUpdate = Static<typeof JournalpostUpdateSchema>;

export const SkjermingUpdateSchema = Type.Object(
  { skjerming: Type.Union([SkjermingSchema, Type.Null()]) },
  { additionalProperties: false },
);

export const MerknadCreateSchema = Type.Object(
  {
    merknadstype: MerknadstypeSchema,
    merknadstekst: Type.String({ minLength: 1, maxLength: 10000, pattern: '\\S' }),
  },
  { additionalProperties: false },
);
export type MerknadCreate = Static<typeof MerknadCreateSchema>;

export const KorrespondansepartView = Type.Object({
  systemId: Uuid,
  korrespondanseparttype: KorrespondanseparttypeSchema,
  navn: Type.String(),
  postadresse: Type.Union([Type.String(), Type.Null()]),
  postnummer: Type.Union([Type.String(), Type.Null()]),
  poststed: Type.Union([Type.String(), Type.Null()]),
  land: Type.Union([Type.String(), Type.Null()]),
  epostadresse: Type.Union([Type.String(), Type.Null()]),
  telefonnummer: Type.Union([Type.String(), Type.Null()]),
  kontaktperson: Type.Union([Type.String(), Type.Null()]),
  organisasjonsnummer: Type.Union([Type.String(), Type.Null()]),
  deresReferanse: Type.Union([Type.String(), Type.Null()]),
  brukerId: Type.Union([Uuid, Type.Null()]),
  enhetId: Type.Union([Uuid, Type.Null()]),
});

export const DokumentversjonView = Type.Object({
  systemId: Uuid,
  versjonsnummer: Type.Integer(),
  variantformat: VariantformatSchema,
  format: Type.String(),
  filnavn: Type.String(),
  sjekksum: Type.String(),
  sjekksumAlgoritme: Type.String(),
  filstoerrelse: Type.Integer(),
  opprettetDato: Tidspunkt,
  opprettetAvId: Uuid,
  aktiv: Type.Boolean(),
});

export const DokumentView = Type.Object(
  {
    systemId: Uuid,
    journalpostId: Uuid,
    dokumentnummer: Type.Integer(),
    tilknyttetRegistreringSom: TilknytningSchema,
    dokumenttype: Type.String(),
    dokumentstatus: Type.String(),
    tittel: Type.String(),
    skjerming: Type.Union([SkjermingView, Type.Null()]),
    /** True when the user may not see the content (screened documents); the title is then `*****`. */
    skjermet: Type.Boolean(),
    /** The saksbehandler chose to publish it in the offentlig journal (only when nothing about it is screened). */
    publiseres: Type.Boolean(),
    versjoner: Type.Array(DokumentversjonView),
  },
  {},
);
export type DokumentViewT = Static<typeof DokumentView>;

export const MerknadView = Type.Object({
  systemId: Uuid,
  merknadstype: MerknadstypeSchema,
  merknadstekst: Type.String(),
  merknadsdato: Tidspunkt,
  registrertAv: BrukerRef,
});

/** A §4 good-habits warning: the request succeeded, but the user should look twice. */
export const AdvarselSchema = Type.Object({ kode: Type.String(), melding: Type.String(), lenke: Type.Optional(Type.String()) });
export type Advarsel = Static<typeof AdvarselSchema>;

export const JournalpostViewSchema = Type.Object(
  {
    systemId: Uuid,
    sakId: Uuid,
    saksnummer: Type.String(),
    dokumentnummer: Type.Integer(),
    registreringsId: Type.String(),
    journalnummer: Type.String(),
    journalaar: Type.Integer(),
    journalsekvensnummer: Type.Integer(),
    journalposttype: JournalposttypeSchema,
    journalstatus: JournalstatusSchema,
    laast: Type.Boolean(),
    delegertVedtak: Type.Boolean(),
    tittel: Type.String(),
    tittel2: Type.Union([Type.String(), Type.Null()]),
    offentligTittel: Type.String(),
    /** Words of line 1 or 2 shown as ***** to those who do not see through the grading: listed only for those who see them. */
    skjermedeOrd: Type.Array(Type.String()),
    beskrivelse: Type.Union([Type.String(), Type.Null()]),
    dokumentdato: Type.Union([Dato, Type.Null()]),
    journaldato: Dato,
    mottattDato: Type.Union([Tidspunkt, Type.Null()]),
    sendtDato: Type.Union([Tidspunkt, Type.Null()]),
    forfallsdato: Type.Union([Dato, Type.Null()]),
    saksbehandler: BrukerRef,
    administrativEnhet: EnhetRef,
    skjerming: Type.Union([SkjermingView, Type.Null()]),
    /** Where the effective skjerming comes from: own, inherited from the sak, or none. */
    skjermingKilde: Type.Union([Type.Literal('journalpost'), Type.Literal('sak'), Type.Null()]),
    /**
     * Midlertidig skjermet (XX) and not yet assessed: the saksbehandler is reminded to make the
     * offentlighetsvurdering (set the right skjerming, or none).
     */
    trengerOffentlighetsvurdering: Type.Boolean(),
    korrespondanseparterSkjermet: Type.Boolean(),
    korrespondanseparter: Type.Array(KorrespondansepartView),
    dokumenter: Type.Array(DokumentView),
    merknader: Type.Array(MerknadView),
    opprettetDato: Tidspunkt,
    /** Must still be followed up (manual §5, §10.2). */
    restanse: Type.Boolean(),
    avskrivninger: Type.Array(AvskrivningView),
    abilities: Type.Record(Type.String(), Type.Boolean()),
    /** Moves with every recorded change; send it back as If-Match (the ETag) when editing. */
    versjon: Type.Integer(),
    /** Set on the answer to a create or edit: §4 warnings such as a repeated title. */
    advarsler: Type.Optional(Type.Array(AdvarselSchema)),
  },
  {},
);
export type JournalpostView = Static<typeof JournalpostViewSchema>;

export const JournalpostListQuerySchema = Type.Object(
  {
    journalstatus: Type.Optional(JournalstatusSchema),
    journalposttype: Type.Optional(JournalposttypeSchema),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  },
  { additionalProperties: false },
);
export type JournalpostListQuery = Static<typeof JournalpostListQuerySchema>;

export const HistorikkView = Type.Object({
  systemId: Uuid,
  tidspunkt: Tidspunkt,
  handling: Type.String(),
  objekttype: Type.String(),
  objektId: Uuid,
  bruker: Type.Union([BrukerRef, Type.Null()]),
  paaVegneAv: Type.Union([BrukerRef, Type.Null()]),
  data: Type.Record(Type.String(), Type.Unknown()),
});
