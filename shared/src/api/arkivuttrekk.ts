import { Type, type Static } from 'typebox';
import { Kodeverdi, Tidspunkt, Uuid } from './common';

export const ARKIVFORMAT_STATUSER = ['VENTER', 'KONVERTERER', 'KONVERTERT', 'FEILET'] as const;
export const ArkivformatStatusSchema = Kodeverdi(ARKIVFORMAT_STATUSER, 'VENTER: i kø · KONVERTERER: under arbeid · KONVERTERT: arkivformat (A) finnes · FEILET: se feil');

/** One document version's archive-variant job, as the archive desk sees it (numbers, never titles). */
export const ArkivformatJobbView = Type.Object({
  dokumentId: Uuid,
  journalpostId: Uuid,
  journalnummer: Type.String({ description: 'journalår/sekvensnummer' }),
  dokumentnummer: Type.Integer(),
  versjonsnummer: Type.Integer(),
  status: ArkivformatStatusSchema,
  forsoek: Type.Integer(),
  feil: Type.Union([Type.String(), Type.Null()]),
  nesteForsoek: Type.Union([Tidspunkt, Type.Null()]),
});
export type ArkivformatJobbView = Static<typeof ArkivformatJobbView>;

export const ArkivformatOversikt = Type.Object({
  libreoffice: Type.Boolean({ description: 'false: kontordokumenter kan ikke konverteres på denne serveren (de venter)' }),
  antall: Type.Object({ VENTER: Type.Integer(), KONVERTERER: Type.Integer(), KONVERTERT: Type.Integer(), FEILET: Type.Integer() }),
  dokumenter: Type.Array(ArkivformatJobbView),
});
export type ArkivformatOversikt = Static<typeof ArkivformatOversikt>;

export const ArkivformatQuerySchema = Type.Object(
  { status: Type.Optional(ArkivformatStatusSchema) },
  { additionalProperties: false },
);

export const UTTREKK_STATUSER = ['VENTER', 'KJOERER', 'FERDIG', 'FEILET'] as const;
export const UttrekkBestillingSchema = Type.Object({ arkivdel: Type.String({ minLength: 1, maxLength: 1000, description: 'arkivdelens systemID eller tittel' }) }, { additionalProperties: false });
export const UttrekkJobbView = Type.Object({
  id: Uuid,
  arkivdelId: Uuid,
  status: Kodeverdi(UTTREKK_STATUSER),
  mappe: Type.String({ description: 'mappen på serveren der pakken skrives' }),
  journalposterTotalt: Type.Integer(),
  journalposterSkrevet: Type.Integer(),
  feil: Type.Union([Type.String(), Type.Null()]),
  opprettet: Tidspunkt,
  ferdig: Type.Union([Tidspunkt, Type.Null()]),
});
export type UttrekkJobbView = Static<typeof UttrekkJobbView>;

/** An arkivdel an export can be made of. */
export const UttrekkArkivdelView = Type.Object({ systemId: Uuid, tittel: Type.String(), arkivdelstatus: Type.String(), skrivebeskyttet: Type.Boolean({ description: 'et importert historisk arkiv' }) });
export type UttrekkArkivdel = Static<typeof UttrekkArkivdelView>;
