import { AsyncLocalStorage } from 'node:async_hooks';
import { AppError } from './app-error';

/**
 * A stale edit (optimistic concurrency, see plugins/versjon.plugin.ts): called inside the
 * mutation's transaction after the row is locked and the user authorized, so no other change
 * can slip in between this check and the write. No expectation (no If-Match) always passes.
 */
export function kontrollerVersjon(hva: string, gjeldende: number, forventet: number | undefined): void {
  if (forventet === undefined || forventet === gjeldende) return;
  throw new AppError('precondition_failed', `${hva} er endret av en annen siden du hentet den (du hadde versjon ${forventet}, nå er den ${gjeldende})`, { versjon: gjeldende });
}

/**
 * The version a write request expects of the record its route names (If-Match on any POST, PUT,
 * PATCH or DELETE under /api/journalposter/:id or /api/saker/:id; see plugins/versjon.plugin.ts).
 * Routes that load the record check it themselves (kontrollerVersjon); for every other action the
 * first historikk entry about that record checks it where it moves the version, in the action's
 * own transaction, so a stale action is refused whole.
 */
export interface ForventetVersjon {
  readonly objekttype: 'journalpost' | 'sak';
  readonly id: string;
  readonly versjon: number;
  kontrollert: boolean;
}

export const forespurtVersjon = new AsyncLocalStorage<{ forventet?: ForventetVersjon }>();

/** Called with the version a historikk entry moved the record to (see appendHistorikk). */
export function kontrollerFlyttetVersjon(objekttype: 'journalpost' | 'sak', id: string, nyVersjon: number): void {
  const f = forespurtVersjon.getStore()?.forventet;
  if (!f || f.kontrollert || f.objekttype !== objekttype || f.id !== id) return;
  f.kontrollert = true;
  kontrollerVersjon(objekttype === 'sak' ? 'Saken' : 'Journalposten', nyVersjon - 1, f.versjon);
}
