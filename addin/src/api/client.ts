import type { SokQuery, SokResult } from '@arkiv/shared';
import { createHttp, type Http, type HttpOptions, query } from './http';
import type {
  AvskrivInput,
  Bruker,
  BesvarInput,
  DevBruker,
  EkspederBody,
  Forhaandsvisning,
  DokumentValg,
  Historikk,
  ImportFelter,
  ImportResultat,
  JournalpostCreate,
  JournalpostUpdate,
  JournalpostView,
  Kodelister,
  Kurv,
  KurvElement,
  KurvTelling,
  Ende,
  KryssreferanseCreate,
  Kryssreferanser,
  Mal,
  Meg,
  MerknadCreate,
  Oppgave,
  OppgaveCreate,
  OppgaveSvar,
  Page,
  SakCreate,
  SakTilgang,
  SakUpdate,
  SakView,
  SkjermingInput,
  Stedfortreder,
  UtsendingView,
  LedetEnhet,
  RestanseKriterier,
  Restanserapport,
  StedfortrederCreate,
  FordelInput,
  KorrespondansepartForslag,
} from './types';

/** The header a stedfortreder sends to act on the leader's desk (server/src/plugins/auth.plugin.ts, §11.3). */
export const PAA_VEGNE_AV_HEADER = 'x-paa-vegne-av';

/** A message for the server's mail import: the raw MIME (.eml) or Outlook file (.msg) as Outlook gave it. */
export interface RawMessage {
  readonly bytes: Uint8Array;
  readonly contentType: string;
  readonly name: string;
}

function importForm(felter: ImportFelter & { sakTittel?: string; sakstype?: string }, messages: readonly RawMessage[]): FormData {
  const form = new FormData();
  // The server reads the fields first and then streams the files: fields go in before the files.
  for (const [k, v] of Object.entries(felter)) if (v !== undefined && v !== '') form.set(k, String(v));
  for (const m of messages) form.append('fil', new Blob([m.bytes as Uint8Array<ArrayBuffer>], { type: m.contentType }), m.name);
  return form;
}

/** The version the record was read at: a save made from an older read is refused (412, ApiError.stale). */
const ifMatch = (versjon: number | undefined): Record<string, string> => (versjon === undefined ? {} : { 'if-match': `"${versjon}"` });

/** One function per server call, with the server's own paths and shapes (@arkiv/shared). */
export function createApi(options: HttpOptions) {
  const http: Http = createHttp(options);
  const id = encodeURIComponent;
  return {
    http,
    // System
    health: () => http.json<{ status: 'ok'; database: string }>('GET', '/api/health'),
    kodelister: () => http.json<Kodelister>('GET', '/api/kodelister'),
    meg: () => http.json<Meg>('GET', '/api/meg'),
    brukere: () => http.json<Bruker[]>('GET', '/api/brukere'),
    devBrukere: () => http.json<DevBruker[]>('GET', '/api/dev/brukere'),
    devLogin: (brukernavn: string) => http.json<{ token: string; expiresIn: number }>('POST', '/api/dev/login', { brukernavn }),

    // Sak
    listSaker: (q: { q?: string; saksansvarligId?: string; saksstatus?: string; limit?: number; offset?: number } = {}) => http.json<Page<SakView>>('GET', `/api/saker${query(q)}`),
    getSak: (sakId: string) => http.json<SakView>('GET', `/api/saker/${id(sakId)}`),
    createSak: (input: SakCreate) => http.json<SakView>('POST', '/api/saker', input),
    updateSak: (sakId: string, input: SakUpdate, versjon?: number) => http.json<SakView>('PATCH', `/api/saker/${id(sakId)}`, input, ifMatch(versjon)),
    setSakSkjermedeOrd: (sakId: string, ord: string[], versjon?: number) => http.json<SakView>('PUT', `/api/saker/${id(sakId)}/skjermede-ord`, { ord }, ifMatch(versjon)),
    sakJournalposter: (sakId: string, q: { limit?: number; offset?: number } = {}) => http.json<Page<JournalpostView>>('GET', `/api/saker/${id(sakId)}/journalposter${query(q)}`),
    sakHistorikk: (sakId: string) => http.json<Historikk[]>('GET', `/api/saker/${id(sakId)}/historikk`),
    // §6: who the saksansvarlig gave access to add journalposter to the sak
    sakTilganger: (sakId: string) => http.json<SakTilgang[]>('GET', `/api/saker/${id(sakId)}/tilganger`),
    giSakTilgang: (sakId: string, brukerId: string) => http.json<SakView>('POST', `/api/saker/${id(sakId)}/tilganger`, { brukerId }),
    fjernSakTilgang: (sakId: string, brukerId: string) => http.json<SakView>('DELETE', `/api/saker/${id(sakId)}/tilganger/${id(brukerId)}`),

    // Journalpost
    createJournalpost: (sakId: string, input: JournalpostCreate) => http.json<JournalpostView>('POST', `/api/saker/${id(sakId)}/journalposter`, input),
    getJournalpost: (jpId: string) => http.json<JournalpostView>('GET', `/api/journalposter/${id(jpId)}`),
    updateJournalpost: (jpId: string, input: JournalpostUpdate, versjon?: number) => http.json<JournalpostView>('PATCH', `/api/journalposter/${id(jpId)}`, input, ifMatch(versjon)),
    setSkjerming: (jpId: string, skjerming: SkjermingInput | null, versjon?: number) => http.json<JournalpostView>('PUT', `/api/journalposter/${id(jpId)}/skjerming`, { skjerming }, ifMatch(versjon)),
    setSkjermedeOrd: (jpId: string, ord: string[], versjon?: number) => http.json<JournalpostView>('PUT', `/api/journalposter/${id(jpId)}/skjermede-ord`, { ord }, ifMatch(versjon)),
    addMerknad: (jpId: string, input: MerknadCreate) => http.json<JournalpostView>('POST', `/api/journalposter/${id(jpId)}/merknader`, input),
    journalfoer: (jpId: string) => http.json<JournalpostView>('POST', `/api/journalposter/${id(jpId)}/journalfoer`),
    journalpostHistorikk: (jpId: string) => http.json<Historikk[]>('GET', `/api/journalposter/${id(jpId)}/historikk`),

    // Search (saker and journalposter the user may see; screened text never matches)
    sok: (q: string, limit = 10) => http.json<{ saker: Page<SakView>; journalposter: Page<JournalpostView> }>('GET', `/api/sok${query({ q, limit })}`),

    // Kryssreferanser (both ways, screened like every list; abilities.fjern per reference)
    kryssreferanser: (e: Ende) => http.json<Kryssreferanser>('GET', `/api/${e.type === 'sak' ? 'saker' : 'journalposter'}/${id(e.id)}/kryssreferanser`),
    addKryssreferanse: (e: Ende, input: KryssreferanseCreate) => http.json<Kryssreferanser>('POST', `/api/${e.type === 'sak' ? 'saker' : 'journalposter'}/${id(e.id)}/kryssreferanser`, input),
    fjernKryssreferanse: (kryssreferanseId: string) => http.json<void>('DELETE', `/api/kryssreferanser/${id(kryssreferanseId)}`),

    // Dokument
    uploadDokument: (jpId: string, file: Blob, filnavn: string, fields: { tittel?: string; tilknytning?: 'H' | 'V' } = {}) => {
      const form = new FormData();
      if (fields.tittel) form.set('tittel', fields.tittel);
      if (fields.tilknytning) form.set('tilknytning', fields.tilknytning);
      form.set('fil', file, filnavn);
      return http.form<JournalpostView>(`/api/journalposter/${id(jpId)}/dokumenter`, form);
    },
    addVersjon: (dokumentId: string, file: Blob, filnavn: string) => {
      const form = new FormData();
      form.set('fil', file, filnavn);
      return http.form<{ dokumentId: string; versjonsnummer: number }>(`/api/dokumenter/${id(dokumentId)}/versjoner`, form);
    },
    dokumentInnhold: (dokumentId: string, variantformat: 'P' | 'A' | 'O' = 'P') => http.blob(`/api/dokumenter/${id(dokumentId)}/innhold${query({ variantformat })}`),

    // Kurver on the arbeidsbord (DOMAIN.md §5): for the user, or for the leader one deputizes for
    kurver: () => http.json<KurvTelling[]>('GET', '/api/kurver'),
    kurv: (kurv: Kurv) => http.json<KurvElement[]>('GET', `/api/kurver/${id(kurv)}`),
    // Avskrivning and written answers (§10.2)
    avskriv: (jpId: string, input: AvskrivInput) => http.json<JournalpostView>('POST', `/api/journalposter/${id(jpId)}/avskrivninger`, input),
    /** §10.2.2: creates the U reply (recipients copied from the senders) and returns it. */
    besvar: (input: BesvarInput) => http.json<JournalpostView>('POST', '/api/svar', input),
    // Templates (§10.4)
    maler: (q: { journalposttype?: string; sakstype?: string } = {}) => http.json<Mal[]>('GET', `/api/maler${query(q)}`),
    skrivBrev: (jpId: string, input: { malId: string; standardtekstIds?: string[]; fritekst?: string }) => http.json<JournalpostView>('POST', `/api/journalposter/${id(jpId)}/brev`, input),
    // Oppgaver and approval (§10.6, §11.2, §12.1)
    oppgaver: (jpId: string) => http.json<Oppgave[]>('GET', `/api/journalposter/${id(jpId)}/oppgaver`),
    getOppgave: (oppgaveId: string) => http.json<Oppgave>('GET', `/api/oppgaver/${id(oppgaveId)}`),
    sendOppgave: (input: OppgaveCreate) => http.json<Oppgave[]>('POST', '/api/oppgaver', input),
    tilGodkjenning: (jpId: string, input: { mottakerId: string; merknad?: string; videre?: string[] }) => http.json<Oppgave[]>('POST', `/api/journalposter/${id(jpId)}/til-godkjenning`, input),
    svarOppgave: (oppgaveId: string, input: OppgaveSvar) => http.json<Oppgave>('POST', `/api/oppgaver/${id(oppgaveId)}/svar`, input),
    lestOppgave: (oppgaveId: string) => http.json<Oppgave>('POST', `/api/oppgaver/${id(oppgaveId)}/lest`),
    deaktiverOppgave: (oppgaveId: string) => http.json<Oppgave>('POST', `/api/oppgaver/${id(oppgaveId)}/deaktiver`),
    fjernFraKurv: (oppgaveId: string) => http.json<Oppgave>('POST', `/api/oppgaver/${id(oppgaveId)}/fjern`),
    // Ekspedering (§10.7): status E, channel per recipient, the outbox sends the e-mail
    ekspeder: (jpId: string, input: EkspederBody) => http.json<JournalpostView & { utsendinger: UtsendingView[] }>('POST', `/api/journalposter/${id(jpId)}/ekspeder`, input),
    /** The same checks and messages as Ekspeder; nothing is stored or sent. */
    forhaandsvisEkspedering: (jpId: string, input: EkspederBody) => http.json<Forhaandsvisning[]>('POST', `/api/journalposter/${id(jpId)}/ekspeder/forhaandsvisning`, input),
    /** §10.7: a recipient's missing e-mail address, set where the expedition stopped; answers with the journalpost. */
    settEpostadresse: (partId: string, epostadresse: string) => http.json<JournalpostView>('PUT', `/api/korrespondanseparter/${id(partId)}/epostadresse`, { epostadresse }),
    /** One version of a document (to preview the version chosen for an expedition or a print). */
    dokumentVersjonInnhold: (dokumentId: string, versjonsnummer: number, variantformat: 'P' | 'A' = 'P') =>
      http.blob(`/api/dokumenter/${id(dokumentId)}/versjoner/${versjonsnummer}/innhold${query({ variantformat })}`),
    /** §12.2 the chosen documents (and versions, merknader) as one PDF. */
    utskrift: (valg: DokumentValg) => http.postBlob('/api/utskrift', valg),
    /** §12.3 the chosen documents as a package for a new Outlook message: nothing is sent or archived. */
    sendepakke: (valg: DokumentValg & { som?: 'vedlegg' | 'pdf' }) => http.json<{ emne: string; tekst: string; vedlegg: { filnavn: string; format: string; url: string }[] }>('POST', '/api/sendepakke', valg),
    utsendinger: (jpId: string) => http.json<UtsendingView[]>('GET', `/api/journalposter/${id(jpId)}/utsendinger`),
    /** A paper recipient's print bundle, by the `pakke` link of its utsending. */
    utskriftspakke: (pakke: string) => http.blob(pakke),
    // Stedfortreder (§11.3): my deputies and whose desk I may take over
    stedfortredere: () => http.json<Stedfortreder[]>('GET', '/api/stedfortredere'),
    // Mail import on the server (§10.3): duplicates, forwarded senders and sent mail are its business
    importer: (sakId: string, felter: ImportFelter, messages: readonly RawMessage[]) => http.form<{ resultater: ImportResultat[] }>(`/api/saker/${id(sakId)}/import`, importForm(felter, messages)),
    importerNySak: (sak: { sakTittel: string; sakstype: string }, felter: ImportFelter, messages: readonly RawMessage[]) => http.form<{ resultater: ImportResultat[] }>('/api/import', importForm({ ...felter, ...sak }, messages)),
    /** The journalpost a message (by Message-ID) became, whoever imported it; null when none. */
    importertMelding: (messageId: string, emne?: string, fra?: string) =>
      http.json<{ journalpost: { systemId: string; registreringsId: string; tittel: string } | null }>('GET', `/api/import/melding${query({ messageId, emne, fra })}`),
    sisteSaker: () => http.json<{ systemId: string; saksnummer: string; tittel: string }[]>('GET', '/api/import/siste-saker'),
    /** Search (§4): numbers, words in any order and inflection, document text; filters; paged. */
    finn: (kriterier: SokQuery) => http.json<SokResult>('GET', `/api/sok${query(kriterier)}`),
    // The leader (§6, §11): the units one leads, the unit's baskets, the restanserapport, deputies, fordeling
    enheterLedet: () => http.json<LedetEnhet[]>('GET', '/api/enheter/ledet'),
    enhetKurv: (kurv: Kurv, enhetId: string) => http.json<KurvElement[]>('GET', `/api/kurver/${id(kurv)}${query({ enhetId })}`),
    /** Without criteria the server uses (and returns) the user's last ones (§11.1). */
    restanserapport: (k: RestanseKriterier = {}) => http.json<Restanserapport>('GET', `/api/rapporter/restanse${query({ ...k })}`),
    oppnevnStedfortreder: (input: StedfortrederCreate) => http.json<{ systemId: string }>('POST', '/api/stedfortredere', input),
    /** §11.3: a running appointment ends today, a future one is deleted. */
    avsluttStedfortreder: (stedfortrederId: string) => http.json<{ resultat: 'avsluttet' | 'slettet' }>('POST', `/api/stedfortredere/${id(stedfortrederId)}/avslutt`),
    fordel: (jpId: string, input: FordelInput) => http.json<JournalpostView>('POST', `/api/journalposter/${id(jpId)}/fordel`, input),
    /** The leaders a journalpost can be sent to for approval or forwarded to (§10.6, §11.2). */
    godkjennere: () => http.json<Bruker[]>('GET', '/api/godkjennere'),
    /** Who gets a Beskjed til dokumentsenteret (§12.6, §12.8). */
    dokumentsenteret: () => http.json<Bruker[]>('GET', '/api/dokumentsenteret'),
    /** §10.5 Meld opp: the meetings from today on, and reporting a journalpost to one. */
    moeter: () => http.json<{ systemId: string; moetedato: string; sted: string | null; utvalg: { systemId: string; kode: string; navn: string } }[]>('GET', '/api/moeter'),
    meldOpp: (jpId: string, input: { moeteId: string }) => http.json<{ systemId: string }>('POST', `/api/journalposter/${id(jpId)}/meld-opp`, input),
    // Correcting a registration and writing in the pane (§7, §10.1, §10.4, §12.6)
    /** Earlier external correspondents matching a name or e-mail address (never from screened registrations). */
    korrespondansepartForslag: (q: string) => http.json<KorrespondansepartForslag[]>('GET', `/api/korrespondanseparter/forslag${query({ q, limit: 8 })}`),
    /** The users with a role in a unit: whom a journalpost can be fordelt to. */
    brukereIEnhet: (enhetId: string) => http.json<Bruker[]>('GET', `/api/brukere${query({ enhetId })}`),
    feilregistrer: (jpId: string) => http.json<void>('POST', `/api/journalposter/${id(jpId)}/feilregistrer`),
    tilknyttDokument: (jpId: string, dokumentId: string) => http.json<JournalpostView>('POST', `/api/journalposter/${id(jpId)}/dokumenter/tilknytning`, { dokumentId }),
    /** The letter as edited in the pane (HTML): the server cleans it and renders the PDF/A. */
    standardtekster: (sakstype?: string) => http.json<{ systemId: string; navn: string; tekst: string; sakstype: string | null }[]>('GET', `/api/standardtekster${query({ sakstype })}`),
    endreBrevHtml: (jpId: string, html: string, versjon?: number) => http.json<JournalpostView>('PUT', `/api/journalposter/${id(jpId)}/brev/html`, { html }, ifMatch(versjon)),
  };
}

export type Api = ReturnType<typeof createApi>;
