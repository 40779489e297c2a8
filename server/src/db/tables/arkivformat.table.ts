import type { Generated } from 'kysely';
import type { Id, Timestamp } from './columns';

export type ArkivformatStatus = 'VENTER' | 'KONVERTERER' | 'KONVERTERT' | 'FEILET';

/** The archive-variant conversion job of one journalført document version. */
export interface ArkivformatTable {
  dokumentbeskrivelseId: string;
  versjonsnummer: number;
  status: Generated<ArkivformatStatus>;
  forsoek: Generated<number>;
  nesteForsoek: Timestamp;
  laastTil: Date | null;
  sistFeil: string | null;
  opprettetDato: Timestamp;
  ferdigDato: Date | null;
}

export type UttrekkStatus = 'VENTER' | 'KJOERER' | 'FERDIG' | 'FEILET';

/** An arkivuttrekk run as a job, with its progress. */
export interface UttrekkJobbTable {
  systemId: Id;
  arkivdelId: string;
  mappe: string;
  status: Generated<UttrekkStatus>;
  journalposterTotalt: Generated<number>;
  journalposterSkrevet: Generated<number>;
  sistFeil: string | null;
  bestiltAvId: string;
  opprettetDato: Timestamp;
  ferdigDato: Date | null;
}
