import type { Generated, ColumnType } from 'kysely';
import type { Avskrivningsmaate, Oppgavetype } from '@arkiv/shared';
import type { Id, Timestamp, Json } from './columns';

/** Historikk (the audit log) and the saksbehandling steps: avskrivning, oppgaver, ekspedering. */
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
  /** Til godkjenning: whose desk sent the journalpost for approval, carried along the chain (§10.6). */
  innsenderId: string | null;
  /** Til godkjenning sent to a chain: the approvers after this receiver, in order (§10.6). */
  nesteGodkjennere: ColumnType<string[], string[] | undefined, string[]>;
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
