import { createHttp, type Http, type HttpOptions, query } from './http';
import type {
  AvskrivInput,
  BesvarInput,
  DevBruker,
  EkspederInput,
  EkspederResultat,
  EpostImportResultat,
  Historikk,
  ImportertEpost,
  JournalpostCreate,
  JournalpostUpdate,
  JournalpostView,
  Kodelister,
  KurvElement,
  KurvKode,
  KurvTelling,
  Mal,
  Meg,
  MerknadCreate,
  Oppgave,
  OppgaveInput,
  OppgaveSvar,
  Page,
  SakCreate,
  SakUpdate,
  SakView,
  SkjermingInput,
  Stedfortrederfor,
} from './types';

/**
 * One function per server call. Marked [planned] are the endpoints issues 3 and 5 add;
 * against a server without them they throw ApiError with `notAvailable` true, which the views
 * show as "not available on this server" instead of failing.
 */
export function createApi(options: HttpOptions) {
  const http: Http = createHttp(options);
  const id = encodeURIComponent;
  return {
    http,
    // System
    health: () => http.json<{ status: 'ok'; database: string }>('GET', '/api/health'),
    kodelister: () => http.json<Kodelister>('GET', '/api/kodelister'),
    meg: () => http.json<Meg>('GET', '/api/meg'),
    devBrukere: () => http.json<DevBruker[]>('GET', '/api/dev/brukere'),
    devLogin: (brukernavn: string) => http.json<{ token: string; expiresIn: number }>('POST', '/api/dev/login', { brukernavn }),

    // Sak
    listSaker: (q: { q?: string; saksansvarligId?: string; saksstatus?: string; limit?: number; offset?: number } = {}) => http.json<Page<SakView>>('GET', `/api/saker${query(q)}`),
    getSak: (sakId: string) => http.json<SakView>('GET', `/api/saker/${id(sakId)}`),
    createSak: (input: SakCreate) => http.json<SakView>('POST', '/api/saker', input),
    updateSak: (sakId: string, input: SakUpdate) => http.json<SakView>('PATCH', `/api/saker/${id(sakId)}`, input),
    sakJournalposter: (sakId: string, q: { limit?: number; offset?: number } = {}) => http.json<Page<JournalpostView>>('GET', `/api/saker/${id(sakId)}/journalposter${query(q)}`),
    sakHistorikk: (sakId: string) => http.json<Historikk[]>('GET', `/api/saker/${id(sakId)}/historikk`),

    // Journalpost
    createJournalpost: (sakId: string, input: JournalpostCreate) => http.json<JournalpostView>('POST', `/api/saker/${id(sakId)}/journalposter`, input),
    getJournalpost: (jpId: string) => http.json<JournalpostView>('GET', `/api/journalposter/${id(jpId)}`),
    updateJournalpost: (jpId: string, input: JournalpostUpdate) => http.json<JournalpostView>('PATCH', `/api/journalposter/${id(jpId)}`, input),
    setSkjerming: (jpId: string, skjerming: SkjermingInput | null) => http.json<JournalpostView>('PUT', `/api/journalposter/${id(jpId)}/skjerming`, { skjerming }),
    addMerknad: (jpId: string, input: MerknadCreate) => http.json<JournalpostView>('POST', `/api/journalposter/${id(jpId)}/merknader`, input),
    journalfoer: (jpId: string) => http.json<JournalpostView>('POST', `/api/journalposter/${id(jpId)}/journalfoer`),
    journalpostHistorikk: (jpId: string) => http.json<Historikk[]>('GET', `/api/journalposter/${id(jpId)}/historikk`),

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

    // [planned, issue 3] Kurver on the arbeidsbord
    kurver: () => http.json<KurvTelling[]>('GET', '/api/kurver'),
    kurv: (kurv: KurvKode, q: { limit?: number; offset?: number } = {}) => http.json<Page<KurvElement>>('GET', `/api/kurver/${id(kurv)}${query(q)}`),
    // [planned, issue 3] Avskrivning and answers (§10.2)
    avskriv: (jpId: string, input: AvskrivInput) => http.json<JournalpostView>('POST', `/api/journalposter/${id(jpId)}/avskrivninger`, input),
    besvar: (jpId: string, input: BesvarInput) => http.json<JournalpostView>('POST', `/api/journalposter/${id(jpId)}/besvar`, input),
    // [planned, issue 3] Oppgaver and approval (§10.6, §11.2, §12.1)
    oppgaver: (jpId: string) => http.json<Oppgave[]>('GET', `/api/journalposter/${id(jpId)}/oppgaver`),
    sendOppgave: (jpId: string, input: OppgaveInput) => http.json<Oppgave[]>('POST', `/api/journalposter/${id(jpId)}/oppgaver`, input),
    svarOppgave: (oppgaveId: string, input: OppgaveSvar) => http.json<Oppgave>('POST', `/api/oppgaver/${id(oppgaveId)}/svar`, input),
    deaktiverOppgave: (oppgaveId: string) => http.json<Oppgave>('POST', `/api/oppgaver/${id(oppgaveId)}/deaktiver`),
    fjernFraKurv: (oppgaveId: string) => http.json<void>('DELETE', `/api/oppgaver/${id(oppgaveId)}/kurv`),
    // [planned, issue 3] Ekspedering (§10.7)
    ekspederForhaandsvisning: (jpId: string, input: EkspederInput) => http.json<{ mangler: { korrespondansepartId: string; navn: string; melding: string }[] }>('POST', `/api/journalposter/${id(jpId)}/ekspeder/forhaandsvisning`, input),
    /** A mail already sent from Outlook: record it as expedited without sending again (§10.3). */
    markerEkspedert: (jpId: string) => http.json<JournalpostView>('POST', `/api/journalposter/${id(jpId)}/ekspeder`, { alleredeSendt: true }),
    ekspeder: (jpId: string, input: EkspederInput) => http.json<EkspederResultat>('POST', `/api/journalposter/${id(jpId)}/ekspeder`, input),
    // [planned, issue 3] Stedfortreder (§11.3): whose desk the user may take over
    stedfortrederFor: () => http.json<Stedfortrederfor[]>('GET', '/api/meg/stedfortreder-for'),
    // [planned, issue 5] Mail import on the server and templates
    importerEpost: (sakId: string, mime: Blob, filnavn: string, fields: { journalposttype: string; tittel?: string; forfallsdato?: string }) => {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) if (v) form.set(k, v);
      form.set('fil', mime, filnavn);
      return http.form<EpostImportResultat>(`/api/saker/${id(sakId)}/epost`, form);
    },
    importertEpost: (internetMessageId: string) => http.json<ImportertEpost | null>('GET', `/api/epost/importert${query({ internetMessageId })}`),
    maler: (journalposttype?: string) => http.json<Mal[]>('GET', `/api/maler${query({ journalposttype })}`),
  };
}

export type Api = ReturnType<typeof createApi>;
