/** Where the pane is; the shell renders one view per route. */
export type Route =
  | { readonly view: 'arbeidsbord' }
  | { readonly view: 'importer'; readonly newSak?: boolean; readonly sak?: RecentSak }
  | { readonly view: 'sak'; readonly sakId: string; readonly newJournalpost?: boolean }
  | { readonly view: 'journalpost'; readonly journalpostId: string }
  | { readonly view: 'finn' }
  | { readonly view: 'leder' }
  | { readonly view: 'arkiv' }
  | { readonly view: 'registrer' };

export type Navigate = (route: Route) => void;

const RECENT_KEY = 'arkiv.recentSaker';
export interface RecentSak {
  readonly sakId: string;
  readonly saksnummer: string;
  readonly tittel: string;
}
/** The sak last opened in this pane: the "current sak" for Ctrl+Shift+D (the server keeps Siste saksmapper). */
export function recentSaker(): RecentSak[] {
  try {
    return JSON.parse(localStorage.getItem(RECENT_KEY) ?? '[]') as RecentSak[];
  } catch {
    return [];
  }
}
export function rememberSak(sak: RecentSak) {
  const list = [sak, ...recentSaker().filter((s) => s.sakId !== sak.sakId)].slice(0, 10);
  localStorage.setItem(RECENT_KEY, JSON.stringify(list));
}
