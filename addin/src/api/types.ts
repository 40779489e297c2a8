import type { Static } from 'typebox';
import type { BrukerRef, EkspederInput, KryssreferanseCreate, KryssreferanseListeT, KryssreferanseViewT, HistorikkView, Kurv, KurvItem, OppgaveViewT, JournalpostCreate, JournalpostUpdate, JournalpostView, MerknadCreate, SakCreate, SakUpdate, SakView, SkjermingInput } from '@arkiv/shared';

/** Types the server already publishes (from @arkiv/shared), re-exported for the pane. */
export type { JournalpostCreate, JournalpostUpdate, JournalpostView, MerknadCreate, SakCreate, SakUpdate, SakView, SkjermingInput };
export type { KryssreferanseCreate };
export type Kryssreferanser = KryssreferanseListeT;
export type Kryssreferanse = KryssreferanseViewT;
/** The record a kryssreferanse belongs to or points at. */
export interface Ende {
  readonly type: 'sak' | 'journalpost';
  readonly id: string;
}
export type Bruker = Static<typeof BrukerRef>;
/** §6: a user the saksansvarlig gave access to add journalposter to a sak. */
export interface SakTilgang {
  readonly bruker: Bruker;
  readonly gittAv: Bruker;
  readonly gittDato: string;
}
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
  readonly avskrivningsmaate: readonly (Kode & { gjelder: readonly string[]; fjernerRestanse: boolean; krevMerknad: boolean; svar: string | null })[];
  readonly tilgangskode: readonly Kode[];
  readonly skjermingsnivaa: readonly { kode: number; navn: string }[];
  readonly sakstype: readonly Kode[];
  readonly oppgavetype: readonly (Kode & { svar: readonly string[] })[];
  readonly [list: string]: unknown;
}

/** The saksbehandling API, from @arkiv/shared: one source for server and pane. */
export type { AvskrivInput, BesvarInput, EkspederInput, Kanal, Kurv, OppgaveCreate, OppgaveSvar } from '@arkiv/shared';
export { KURVER } from '@arkiv/shared';
export type KurvElement = Static<typeof KurvItem>;
export type Oppgave = OppgaveViewT;
export interface KurvTelling {
  readonly kurv: Kurv;
  readonly antall: number;
}
/**
 * POST /api/journalposter/:id/ekspeder (§10.7): the channel per recipient, and (being unified
 * with the outbox now) the main document as mail text or attachment and a free mail text.
 */
export type EkspederBody = EkspederInput & { readonly hoveddokumentSom?: 'tekst' | 'vedlegg'; readonly epostTekst?: string };
/** GET /api/maler (server/src/maler/mal.routes.ts). */
export interface Mal {
  readonly systemId: string;
  readonly navn: string;
  readonly sakstype: string | null;
  readonly journalposttype: string;
  readonly versjonsnummer: number;
}
/** GET /api/stedfortredere: my deputies and those I deputize for (server/src/stedfortreder). */
export interface Stedfortreder {
  readonly systemId: string;
  readonly fraDato: string;
  readonly tilDato: string;
  readonly tilgangskoder: string[];
  readonly lederId: string;
  readonly lederBrukernavn: string;
  readonly lederNavn: string;
  readonly stedfortrederId: string;
  readonly stedfortrederBrukernavn: string;
  readonly stedfortrederNavn: string;
}
/** POST /api/saker/:id/import and /api/import: one result per message (server/src/mail/import.routes.ts). */
export interface ImportResultat {
  readonly filnavn: string;
  readonly status: number;
  readonly journalpostId?: string;
  readonly sakId?: string;
  readonly tittel?: string;
  readonly advarsler?: string[];
  readonly foreslaattAvsender?: { navn: string | null; epost: string } | null;
  readonly problem?: { code: string; detail: string; existing?: string };
}
export interface ImportFelter {
  readonly retning: 'mottatt' | 'sendt';
  readonly journalposttype?: 'N' | 'X';
  readonly tittel?: string;
  /** Title line 2 (§4), registered with the journalpost. */
  readonly tittel2?: string;
  /** JSON object: attachment file name → corrected vedlegg title. */
  readonly vedleggTitler?: string;
  readonly forfallsdato?: string;
  readonly tilgangskode?: string;
  readonly skjermingsnivaa?: 1 | 2 | 3;
  readonly skjermingshjemmel?: string;
  readonly brukOpprinneligAvsender?: boolean;
  /** A received mail's corrected sender (§10.3), replacing From. */
  readonly avsenderNavn?: string;
  readonly avsenderEpost?: string;
  /** Svar med e-post: comma-separated journalpost ids the sent mail answers (avskrevet EP with it). */
  readonly besvarer?: string;
}

/** GET /api/journalposter/:id/utsendinger: one delivery per recipient (shared/src/api/ekspedering.ts). */
export type { UtsendingView } from '@arkiv/shared';

/** POST /api/journalposter/:id/ekspeder/forhaandsvisning: what each recipient would get. */
export interface Forhaandsvisning {
  readonly kanal: import('@arkiv/shared').Kanal;
  readonly mottakerNavn: string;
  readonly mottakerEpost: string | null;
  readonly messageId: string | null;
  readonly emne: string | null;
  readonly tekst: string | null;
  readonly vedlegg: readonly string[];
  /** Paper: the merknader on the bundle's cover page. */
  readonly merknader: readonly string[];
}

/** §10.7/§12.2/§12.3: the documents (in a version) and whether the merknader go. */
export interface DokumentValg {
  readonly dokumenter: readonly { readonly dokumentId: string; readonly versjonsnummer?: number }[];
  readonly merknader?: boolean;
}

/** The leader's units with their users (GET /api/enheter/ledet), the restanserapport (§11.1). */
export interface LedetEnhet {
  readonly enhet: { readonly systemId: string; readonly kode: string; readonly navn: string };
  readonly brukere: readonly Bruker[];
}
export type Restanserapport = Static<typeof import('@arkiv/shared').RestanserapportView>;
export type RestanseKriterier = Restanserapport['kriterier'];
export type { StedfortrederCreate } from '@arkiv/shared';
/** POST /api/journalposter/:id/fordel (§10.1): new saksbehandler, forfallsdato, skjerming, internal copies. */
export type { FordelInput, KorrespondansepartInput } from '@arkiv/shared';
/** GET /api/korrespondanseparter/forslag: an earlier external party (server/src/korrespondansepart). */
export interface KorrespondansepartForslag {
  readonly navn: string;
  readonly postadresse: string | null;
  readonly postnummer: string | null;
  readonly poststed: string | null;
  readonly land: string | null;
  readonly epostadresse: string | null;
  readonly telefonnummer: string | null;
  readonly kontaktperson: string | null;
  readonly organisasjonsnummer: string | null;
}
