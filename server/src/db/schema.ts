import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type {
  Avskrivningsmaate,
  Journalposttype,
  Oppgavetype,
  Journalstatus,
  Korrespondanseparttype,
  Merknadstype,
  Rolle,
  Saksstatus,
  Sakstype,
  Skjermingsnivaa,
  Tilgangskode,
  Tilknytning,
  Utvalgssakstype,
  Variantformat,
} from '@arkiv/shared';

/** Kysely table types (camelCase; the database uses snake_case through CamelCasePlugin). */
type Id = Generated<string>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type RequiredTimestamp = ColumnType<Date, Date | string, Date | string>;
/** `date` columns are read as YYYY-MM-DD strings (see the type parser in database.ts). */
type DateOnly = ColumnType<string, string, string>;
type Json = ColumnType<Record<string, unknown>, string | undefined, string>;

interface SkjermingColumns {
  tilgangskode: Tilgangskode | null;
  skjermingsnivaa: Skjermingsnivaa | null;
  skjermingshjemmel: string | null;
}

export interface AdministrativEnhetTable {
  systemId: Id;
  kode: string;
  navn: string;
  overordnetId: string | null;
  aktiv: Generated<boolean>;
  opprettetDato: Timestamp;
}

export interface BrukerTable {
  systemId: Id;
  brukernavn: string;
  navn: string;
  epost: string | null;
  aktiv: Generated<boolean>;
  opprettetDato: Timestamp;
}

export interface BrukerRolleTable {
  brukerId: string;
  enhetId: string;
  rolle: Rolle;
}

export interface BrukerTilgangTable {
  systemId: Id;
  brukerId: string;
  tilgangskode: Tilgangskode;
  enhetId: string | null;
}

export interface ArkivTable {
  systemId: Id;
  tittel: string;
  beskrivelse: string | null;
  arkivstatus: Generated<string>;
  dokumentmedium: Generated<string>;
  arkivskaperId: string;
  arkivskaperNavn: string;
  opprettetDato: Timestamp;
  opprettetAv: string;
  avsluttetDato: Date | null;
  avsluttetAv: string | null;
  noarkTillegg: Generated<Json>;
  oppbevaringssted: string | null;
}

export interface KlassifikasjonssystemTable {
  systemId: Id;
  klassifikasjonstype: string | null;
  tittel: string;
  beskrivelse: string | null;
  opprettetDato: Timestamp;
  opprettetAv: string;
  noarkTillegg: Generated<Json>;
  avsluttetDato: Date | null;
  avsluttetAv: string | null;
}

export interface ArkivdelTable {
  systemId: Id;
  arkivId: string;
  klassifikasjonssystemId: string | null;
  tittel: string;
  beskrivelse: string | null;
  arkivdelstatus: Generated<string>;
  dokumentmedium: Generated<string>;
  arkivperiodeStartDato: DateOnly | null;
  arkivperiodeSluttDato: DateOnly | null;
  opprettetDato: Timestamp;
  opprettetAv: string;
  avsluttetDato: Date | null;
  avsluttetAv: string | null;
  noarkTillegg: Generated<Json>;
}

export interface KlasseTable {
  systemId: Id;
  klassifikasjonssystemId: string;
  overordnetKlasseId: string | null;
  klasseId: string;
  tittel: string;
  beskrivelse: string | null;
  opprettetDato: Timestamp;
  opprettetAv: string;
  noarkTillegg: Generated<Json>;
  noekkelord: Generated<string[]>;
  avsluttetDato: Date | null;
  avsluttetAv: string | null;
}

export interface NummerserieTable {
  serie: string;
  aar: number;
  siste: number;
}

export interface SakTable extends SkjermingColumns {
  systemId: Id;
  arkivdelId: string;
  saksaar: number;
  sakssekvensnummer: number;
  mappeId: string;
  tittel: string;
  tittel2: string | null;
  beskrivelse: string | null;
  sakstype: Sakstype;
  saksstatus: Saksstatus;
  saksdato: DateOnly;
  saksansvarligId: string;
  administrativEnhetId: string;
  klasseId: string | null;
  noekkelord: ColumnType<string[], string[] | undefined, string[]>;
  obsDato: DateOnly | null;
  obsKommentar: string | null;
  sisteDokumentnummer: Generated<number>;
  dokumentmedium: Generated<string>;
  noarkTillegg: Json;
  opprettetDato: Timestamp;
  opprettetAvId: string;
  oppdatertDato: Timestamp;
  avsluttetDato: Date | null;
  avsluttetAvId: string | null;
}

export interface SakSekundaerklasseTable {
  sakId: string;
  klasseId: string;
  rekkefolge: number;
}

export interface JournalpostTable extends SkjermingColumns {
  systemId: Id;
  sakId: string;
  dokumentnummer: number;
  journalaar: number;
  journalsekvensnummer: number;
  journalposttype: Journalposttype;
  journalstatus: Journalstatus;
  delegertVedtak: Generated<boolean>;
  tittel: string;
  tittel2: string | null;
  beskrivelse: string | null;
  dokumentdato: DateOnly | null;
  journaldato: DateOnly;
  mottattDato: Date | null;
  sendtDato: Date | null;
  forfallsdato: DateOnly | null;
  offentlighetsvurdertDato: DateOnly | null;
  saksbehandlerId: string;
  administrativEnhetId: string;
  noarkTillegg: Json;
  opprettetDato: Timestamp;
  opprettetAvId: string;
  oppdatertDato: Timestamp;
  arkivertDato: Date | null;
  arkivertAvId: string | null;
  feilregistrertDato: ColumnType<Date | null, Date | null | undefined, Date | null>;
  feilregistrertAvId: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface KorrespondansepartTable {
  systemId: Id;
  journalpostId: string;
  korrespondanseparttype: Korrespondanseparttype;
  rekkefolge: number;
  navn: string;
  postadresse: string | null;
  postnummer: string | null;
  poststed: string | null;
  land: string | null;
  epostadresse: string | null;
  telefonnummer: string | null;
  kontaktperson: string | null;
  organisasjonsnummer: string | null;
  deresReferanse: string | null;
  brukerId: string | null;
  enhetId: string | null;
  noarkTillegg: Generated<Json>;
}

export interface DokumentbeskrivelseTable extends SkjermingColumns {
  systemId: Id;
  journalpostId: string;
  dokumentnummer: number;
  tilknyttetRegistreringSom: Tilknytning;
  dokumenttype: Generated<string>;
  dokumentstatus: Generated<string>;
  tittel: string;
  beskrivelse: string | null;
  forfatter: string | null;
  publiseres: Generated<boolean>;
  publisertAvId: string | null;
  publisertDato: Date | null;
  opprettetDato: Timestamp;
  opprettetAvId: string;
  tilknyttetDato: Timestamp;
  noarkTillegg: Generated<Json>;
}

export interface DokumentversjonTable {
  systemId: Id;
  dokumentbeskrivelseId: string;
  versjonsnummer: number;
  variantformat: Variantformat;
  format: string;
  formatDetaljer: string | null;
  filnavn: string;
  sjekksum: string;
  sjekksumAlgoritme: Generated<string>;
  /** bigint: pg returns it as a string; the presenter turns it into a number. */
  filstoerrelse: ColumnType<string, number | string, number | string>;
  opprettetDato: Timestamp;
  opprettetAvId: string;
  noarkTillegg: Generated<Json>;
}

export interface MerknadTable {
  systemId: Id;
  sakId: string | null;
  journalpostId: string | null;
  dokumentbeskrivelseId: string | null;
  merknadstype: Merknadstype;
  merknadstekst: string;
  merknadsdato: Timestamp;
  registrertAvId: string;
  noarkTillegg: Generated<Json>;
}

export interface KryssreferanseTable {
  systemId: Id;
  fraSakId: string | null;
  fraJournalpostId: string | null;
  tilSakId: string | null;
  tilJournalpostId: string | null;
  opprettetDato: Timestamp;
  opprettetAvId: string;
  noarkTillegg: Generated<Json>;
}

export interface HistorikkTable {
  id: ColumnType<string, never, never>;
  systemId: Id;
  tidspunkt: Timestamp;
  brukerId: string | null;
  paaVegneAvId: string | null;
  handling: string;
  objekttype: string;
  objektId: string;
  sakId: string | null;
  journalpostId: string | null;
  data: Json;
}

export interface StedfortrederTable {
  systemId: Id;
  lederId: string;
  stedfortrederId: string;
  fraDato: DateOnly;
  tilDato: DateOnly;
  tilgangskoder: ColumnType<Tilgangskode[], Tilgangskode[] | undefined, Tilgangskode[]>;
  opprettetDato: Timestamp;
  opprettetAvId: string;
}

export interface AvskrivningTable {
  systemId: Id;
  journalpostId: string;
  avskrivningsmaate: Avskrivningsmaate;
  avskrivningsdato: Date | null;
  ventende: Generated<boolean>;
  merknad: string | null;
  svarJournalpostId: string | null;
  avskrevetAvId: string;
  opprettetDato: Timestamp;
}

export type OppgaveStatus = 'aktiv' | 'besvart' | 'fjernet' | 'deaktivert';

export interface OppgaveTable {
  systemId: Id;
  oppgavetype: Oppgavetype;
  status: ColumnType<OppgaveStatus, OppgaveStatus | undefined, OppgaveStatus>;
  journalpostId: string | null;
  sakId: string | null;
  avsenderId: string;
  paaVegneAvId: string | null;
  mottakerId: string;
  merknad: string | null;
  merknadForAlle: Generated<boolean>;
  forrigeOppgaveId: string | null;
  svar: string | null;
  svarMerknad: string | null;
  svarDato: Date | null;
  lestDato: Date | null;
  opprettetDato: Timestamp;
}

export interface EkspederingTable {
  systemId: Id;
  journalpostId: string;
  korrespondansepartId: string | null;
  mottakerNavn: string;
  kanal: 'epost' | 'papir' | 'annen' | 'intern';
  ekspedertDato: Timestamp;
  ekspedertAvId: string;
}

export interface SistBruktSakTable {
  brukerId: string;
  sakId: string;
  tidspunkt: Timestamp;
}

export interface MailImportTable {
  journalpostId: string;
  dedupeKey: string;
  messageId: string | null;
  kilde: 'eml' | 'msg';
  originalSjekksum: string;
  foreslaattAvsender: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  merknader: Generated<string[]>;
  opprettetDato: Timestamp;
  opprettetAvId: string;
}

export type Utsendingskanal = 'epost' | 'papir' | 'annen';
export type Utsendingsstatus = 'VENTER' | 'SENDER' | 'SENDT' | 'FEILET' | 'REGISTRERT';

export interface UtsendingTable {
  systemId: Id;
  journalpostId: string;
  korrespondansepartId: string | null;
  kanal: Utsendingskanal;
  kanalBeskrivelse: string | null;
  mottakerNavn: string;
  mottakerEpost: string | null;
  messageId: string | null;
  status: Utsendingsstatus;
  forsoek: Generated<number>;
  nesteForsoek: Timestamp;
  laastTil: Date | null;
  sistFeil: string | null;
  smtpSvar: string | null;
  sendtDato: Date | null;
  innhold: Json;
  opprettetDato: Timestamp;
  opprettetAvId: string | null;
}

export interface MalTable {
  systemId: Id;
  navn: string;
  sakstype: Sakstype | null;
  journalposttype: Journalposttype;
  aktiv: Generated<boolean>;
  opprettetDato: Timestamp;
  opprettetAvId: string;
}

export interface MalVersjonTable {
  malId: string;
  versjonsnummer: number;
  innhold: string;
  opprettetDato: Timestamp;
  opprettetAvId: string;
}

export interface StandardtekstTable {
  systemId: Id;
  navn: string;
  tekst: string;
  sakstype: Sakstype | null;
  opprettetDato: Timestamp;
  opprettetAvId: string;
}

export interface BrukerinnstillingTable {
  brukerId: string;
  noekkel: string;
  verdi: Json;
  oppdatertDato: Timestamp;
}

export interface UtvalgTable {
  systemId: Id;
  kode: string;
  navn: string;
  opprettetDato: Timestamp;
}

export interface MoeteTable {
  systemId: Id;
  utvalgId: string;
  moetedato: DateOnly;
  sted: string | null;
  opprettetDato: Timestamp;
}

export interface UtvalgssakTable {
  systemId: Id;
  moeteId: string;
  utvalgId: string;
  journalpostId: string;
  aar: number;
  sekvensnummer: number;
  utvalgssakstype: Utvalgssakstype;
  vedtak: string | null;
  vedtakDato: Date | null;
  meldtOppAvId: string;
  opprettetDato: Timestamp;
}

export interface SakTilgangTable {
  sakId: string;
  brukerId: string;
  gittAvId: string;
  opprettetDato: Timestamp;
}

export interface DB {
  sakTilgang: SakTilgangTable;
  utvalg: UtvalgTable;
  moete: MoeteTable;
  utvalgssak: UtvalgssakTable;
  brukerinnstilling: BrukerinnstillingTable;
  stedfortreder: StedfortrederTable;
  avskrivning: AvskrivningTable;
  oppgave: OppgaveTable;
  ekspedering: EkspederingTable;
  sistBruktSak: SistBruktSakTable;
  administrativEnhet: AdministrativEnhetTable;
  bruker: BrukerTable;
  brukerRolle: BrukerRolleTable;
  brukerTilgang: BrukerTilgangTable;
  arkiv: ArkivTable;
  klassifikasjonssystem: KlassifikasjonssystemTable;
  arkivdel: ArkivdelTable;
  klasse: KlasseTable;
  nummerserie: NummerserieTable;
  sak: SakTable;
  sakSekundaerklasse: SakSekundaerklasseTable;
  journalpost: JournalpostTable;
  korrespondansepart: KorrespondansepartTable;
  dokumentbeskrivelse: DokumentbeskrivelseTable;
  dokumentversjon: DokumentversjonTable;
  merknad: MerknadTable;
  kryssreferanse: KryssreferanseTable;
  historikk: HistorikkTable;
  mailImport: MailImportTable;
  utsending: UtsendingTable;
  mal: MalTable;
  malVersjon: MalVersjonTable;
  standardtekst: StandardtekstTable;
}

export type Sak = Selectable<SakTable>;
export type NewSak = Insertable<SakTable>;
export type SakUpdate = Updateable<SakTable>;
export type Journalpost = Selectable<JournalpostTable>;
export type NewJournalpost = Insertable<JournalpostTable>;
export type Korrespondansepart = Selectable<KorrespondansepartTable>;
export type Dokumentbeskrivelse = Selectable<DokumentbeskrivelseTable>;
export type Dokumentversjon = Selectable<DokumentversjonTable>;
export type Merknad = Selectable<MerknadTable>;
export type Historikk = Selectable<HistorikkTable>;
export type Bruker = Selectable<BrukerTable>;
