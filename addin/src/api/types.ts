import type { Static } from 'typebox';
import type { BrukerRef, HistorikkView, JournalpostCreate, JournalpostUpdate, JournalpostView, MerknadCreate, SakCreate, SakUpdate, SakView, SkjermingInput } from '@arkiv/shared';

/** Types the server already publishes (from @arkiv/shared), re-exported for the pane. */
export type { JournalpostCreate, JournalpostUpdate, JournalpostView, MerknadCreate, SakCreate, SakUpdate, SakView, SkjermingInput };
export type Bruker = Static<typeof BrukerRef>;
export type Historikk = Static<typeof HistorikkView>;
export interface Page<T> {
  readonly items: T[];
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}
export interface Meg {
  readonly bruker: Bruker;
  readonly roller: { enhetId: string; rolle: string }[];
  readonly tilganger: { tilgangskode: string; enhetId: string | null }[];
}
export interface DevBruker {
  readonly brukernavn: string;
  readonly navn: string;
  readonly roller: string[];
}
export interface Kode {
  readonly kode: string;
  readonly navn: string;
}
export interface Kodelister {
  readonly journalposttype: readonly Kode[];
  readonly avskrivningsmaate: readonly (Kode & { gjelder: readonly string[]; fjernerRestanse: boolean; krevMerknad: boolean })[];
  readonly tilgangskode: readonly Kode[];
  readonly skjermingsnivaa: readonly { kode: number; navn: string }[];
  readonly sakstype: readonly Kode[];
  readonly oppgavetype: readonly (Kode & { svar: readonly string[] })[];
  readonly [list: string]: unknown;
}

/*
 * Shapes of endpoints that issues 3 and 5 add to the server (not on this branch). They follow
 * the issues' text; when those land in @arkiv/shared, import them from there instead.
 */
export type KurvKode =
  | 'UBEHANDLET'
  | 'FORFALL'
  | 'I_ARBEID'
  | 'MOTTATTE_OPPGAVER'
  | 'SENDT_TIL_GODKJENNING'
  | 'MOTTATT_FOR_GODKJENNING'
  | 'KOPIER'
  | 'OBS_SAKER'
  | 'MINE_SAKER'
  | 'SISTE_SAKER';
export interface KurvTelling {
  readonly kurv: KurvKode;
  readonly antall: number;
}
export interface KurvElement {
  readonly journalpostId?: string;
  readonly sakId?: string;
  readonly oppgaveId?: string;
  readonly tittel: string;
  readonly saksnummer?: string;
  readonly registreringsId?: string;
  readonly journalposttype?: string;
  readonly journalstatus?: string;
  readonly forfallsdato?: string | null;
}
export interface AvskrivInput {
  readonly avskrivningsmaate: string;
  readonly merknad?: string;
  readonly svarJournalpostId?: string;
}
/** §10.2.2: the four ways to answer in writing. */
export type BesvarMaate = 'AVSKRIV_MED_FERDIG_SVAR' | 'BESVAR_OG_AVSKRIV' | 'FORELOEPIG_SVAR' | 'BESVAR_UTEN_AVSKRIVING';
export interface BesvarInput {
  readonly maate: BesvarMaate;
  readonly journalposttype: 'U' | 'N' | 'X';
  readonly tittel: string;
  readonly malId?: string;
  readonly besvarer?: readonly string[];
}
export interface Mal {
  readonly systemId: string;
  readonly navn: string;
  readonly journalposttype: string;
}
export interface Oppgave {
  readonly systemId: string;
  readonly oppgavetype: string;
  readonly journalpostId: string;
  readonly tittel: string;
  readonly fra: Bruker;
  readonly til: Bruker;
  readonly merknad: string | null;
  readonly aktiv: boolean;
  readonly svar: string | null;
  readonly abilities?: Record<string, boolean>;
}
export interface OppgaveInput {
  readonly oppgavetype: string;
  readonly mottakere: readonly string[];
  readonly merknad?: string;
}
export interface OppgaveSvar {
  readonly svar: string;
  readonly merknad?: string;
  readonly videresendTil?: string;
}
export type Kanal = 'EPOST' | 'PAPIR' | 'ANNEN';
export interface EkspederMottaker {
  readonly korrespondansepartId: string;
  readonly kanal: Kanal;
}
export interface EkspederInput {
  readonly mottakere: readonly EkspederMottaker[];
  readonly hoveddokumentSom: 'BRODTEKST' | 'VEDLEGG';
  readonly epostTekst?: string;
}
export interface EkspederResultat {
  readonly mottakere: readonly { korrespondansepartId: string; navn: string; kanal: Kanal; status: 'sendt' | 'utskrift' | 'feilet'; melding?: string }[];
}
export interface Stedfortrederfor {
  readonly bruker: Bruker;
  readonly fra: string;
  readonly til: string;
}
export interface EpostImportResultat {
  readonly journalpost: JournalpostView;
}
export interface ImportertEpost {
  readonly internetMessageId: string;
  readonly journalpostId: string;
  readonly registreringsId: string;
  readonly saksnummer: string;
}
