import { Type, type Static } from 'typebox';
import { JournalposttypeSchema, JournalstatusSchema, KorrespondanseparttypeSchema, TilgangskodeSchema, TilknytningSchema, Uuid } from './common';

/** Query of the public journal (HTML and JSON): a date range, free text and paging. */
export const OffentligJournalQuerySchema = Type.Object(
  {
    fra: Type.Optional(Type.String({ description: 'YYYY-MM-DD; standard: 30 dager før til-datoen' })),
    til: Type.Optional(Type.String({ description: 'YYYY-MM-DD; standard: i dag' })),
    q: Type.Optional(Type.String({ maxLength: 200 })),
    side: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1 })),
    antall: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 25 })),
  },
  { additionalProperties: false },
);
export type OffentligJournalQuery = Static<typeof OffentligJournalQuerySchema>;

export const OffentligJournalXmlQuerySchema = Type.Object(
  { fra: Type.Optional(Type.String()), til: Type.Optional(Type.String()) },
  { additionalProperties: false },
);

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

/**
 * One journalpost as the public sees it: title line 1 always, screened parts
 * replaced with `*****`, names of screened korrespondanseparter left out (`*****`),
 * klassering left out when screened, tilgangskode and lovhjemmel shown.
 */
export const OffentligJournalpostSchema = Type.Object(
  {
    systemId: Uuid,
    journalnummer: Type.String(),
    journalaar: Type.Integer(),
    journalsekvensnummer: Type.Integer(),
    registreringsId: Type.String(),
    journalpostnummer: Type.Integer(),
    journalposttype: JournalposttypeSchema,
    journalstatus: JournalstatusSchema,
    journaldato: Type.String(),
    dokumentdato: Nullable(Type.String()),
    offentligTittel: Type.String(),
    administrativEnhet: Type.String(),
    tilgangskode: Type.Union([TilgangskodeSchema, Type.Null()]),
    skjermingshjemmel: Nullable(Type.String()),
    korrespondanseparterSkjermet: Type.Boolean(),
    korrespondanseparter: Type.Array(Type.Object({ korrespondanseparttype: KorrespondanseparttypeSchema, navn: Type.String() }, { additionalProperties: false })),
    sak: Type.Object(
      {
        saksnummer: Type.String(),
        saksaar: Type.Integer(),
        sakssekvensnummer: Type.Integer(),
        offentligTittel: Type.String(),
        administrativEnhet: Type.String(),
        tilgangskode: Type.Union([TilgangskodeSchema, Type.Null()]),
        skjermingshjemmel: Nullable(Type.String()),
        klasse: Type.Union([Type.Object({ klasseId: Type.String(), tittel: Type.String() }, { additionalProperties: false }), Type.Null()]),
      },
      { additionalProperties: false },
    ),
    dokumenter: Type.Array(
      Type.Object({ systemId: Uuid, tittel: Type.String(), tilknytning: TilknytningSchema, url: Type.String() }, { additionalProperties: false }),
    ),
  },
  { additionalProperties: false },
);
export type OffentligJournalpost = Static<typeof OffentligJournalpostSchema>;

export const OffentligJournalPageSchema = Type.Object(
  {
    fra: Type.String(),
    til: Type.String(),
    q: Nullable(Type.String()),
    side: Type.Integer(),
    antall: Type.Integer(),
    total: Type.Integer(),
    items: Type.Array(OffentligJournalpostSchema),
  },
  { additionalProperties: false },
);
export type OffentligJournalPage = Static<typeof OffentligJournalPageSchema>;
