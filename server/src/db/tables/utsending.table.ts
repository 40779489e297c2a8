import type { Generated, ColumnType } from 'kysely';
import type { Journalposttype, Sakstype } from '@arkiv/shared';
import type { Id, Timestamp, Json } from './columns';

/** Mail in (import) and letters out (utsending outbox), templates and standard texts. */
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

/** A short-lived link to one document version for Outlook to fetch (Send uformelt); only the secret's hash is kept. */
export interface DokumentlenkeTable {
  tokenSha256: string;
  dokumentbeskrivelseId: string;
  versjonsnummer: number;
  variantformat: string;
  brukerId: string;
  utloeper: Date;
  opprettetDato: Timestamp;
}
