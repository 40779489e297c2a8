import type { Utvalgssakstype } from '@arkiv/shared';
import type { Id, Timestamp, DateOnly } from './columns';

/** Political committees (utvalg), meetings and the saker on their agendas. */
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
