import type { ArkivformatJobbView, Avslutning, Enhet, JournalfoerMangeSvar, KlarSak, Korrespondent, TilJournalfoering, UttrekkArkivdel, UttrekkJobbView } from '@arkiv/shared';
import type { Api } from '../../api/client';
import { query } from '../../api/http';
import type { JournalpostView, Page, SakView } from '../../api/types';

export type { ArkivformatJobbView, Avslutning, Enhet, KlarSak, Korrespondent, TilJournalfoering, UttrekkArkivdel, UttrekkJobbView };
export interface ArkivformatOversikt {
  readonly libreoffice: boolean;
  readonly antall: Record<'VENTER' | 'KONVERTERER' | 'KONVERTERT' | 'FEILET', number>;
  readonly dokumenter: ArkivformatJobbView[];
}
export interface Feilregistrert {
  readonly systemId: string;
  readonly registreringsId: string;
  readonly tittel: string;
  readonly saksnummer: string;
  readonly feilregistrertDato: string;
  readonly feilregistrertAv: { navn: string } | null;
}
const id = encodeURIComponent;
const ifMatch = (versjon: number | undefined): Record<string, string> => (versjon === undefined ? {} : { 'if-match': `"${versjon}"` });

/** The archive desk's calls (server/src/arkivbord, journalpost/arkivsteg, sak status), beside the pane's main client. */
export function arkivApi(api: Api) {
  const { http } = api;
  return {
    tilJournalfoering: () => http.json<Page<TilJournalfoering>>('GET', '/api/arkiv/til-journalfoering?limit=200'),
    klareSaker: () => http.json<KlarSak[]>('GET', '/api/arkiv/klare-saker'),
    feilregistrerte: () => http.json<Page<Feilregistrert>>('GET', '/api/journalposter/feilregistrerte'),
    journalfoerMange: (journalpostIds: string[]) => http.json<JournalfoerMangeSvar>('POST', '/api/arkiv/journalfoering', { journalpostIds }),
    avslutning: (sakId: string) => http.json<Avslutning>('GET', `/api/saker/${id(sakId)}/avslutning`),
    sakStatus: (sakId: string, handling: 'kontroller' | 'avslutt' | 'gjenaapne' | 'utgaar', versjon?: number) => http.json<SakView>('POST', `/api/saker/${id(sakId)}/status`, { handling }, ifMatch(versjon)),
    flytt: (jpId: string, sakId: string, skjerming: 'behold' | 'fjern') => http.json<JournalpostView>('POST', `/api/journalposter/${id(jpId)}/flytt`, { sakId, skjerming }),
    feilregistrer: (jpId: string) => http.json<void>('POST', `/api/journalposter/${id(jpId)}/feilregistrer`),
    publisering: (dokumentId: string, publiseres: boolean) => http.json<JournalpostView>('PUT', `/api/dokumenter/${id(dokumentId)}/publisering`, { publiseres }),
    korrespondenter: (q: string) => http.json<Korrespondent[]>('GET', `/api/korrespondanseparter/forslag${query({ q })}`),
    enheter: () => http.json<Enhet[]>('GET', '/api/enheter'),
    arkivformat: (status: 'FEILET' | 'VENTER') => http.json<ArkivformatOversikt>('GET', `/api/arkivformat${query({ status })}`),
    nyttForsoek: (dokumentId: string) => http.json<ArkivformatJobbView[]>('POST', `/api/dokumenter/${id(dokumentId)}/arkivformat/nytt-forsok`),
    uttrekkArkivdeler: () => http.json<UttrekkArkivdel[]>('GET', '/api/uttrekk/arkivdeler'),
    uttrekk: () => http.json<UttrekkJobbView[]>('GET', '/api/uttrekk'),
    bestillUttrekk: (arkivdelId: string) => http.json<UttrekkJobbView>('POST', '/api/uttrekk', { arkivdel: arkivdelId }),
    uttrekkPakke: (uttrekkId: string) => http.blob(`/api/uttrekk/${id(uttrekkId)}/pakke`),
    addVersjon: (dokumentId: string, file: Blob, filnavn: string, variantformat: 'A') => {
      const form = new FormData();
      form.set('variantformat', variantformat);
      form.set('fil', file, filnavn);
      return http.form<{ dokumentId: string; versjonsnummer: number }>(`/api/dokumenter/${id(dokumentId)}/versjoner`, form);
    },
  };
}
export type ArkivApi = ReturnType<typeof arkivApi>;
