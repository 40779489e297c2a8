import { aarI, datoI, norskDatoI, norskTidspunktI, STANDARD_TIDSSONE } from '@arkiv/shared';

/**
 * The archive's time zone (ARKIV_TIDSSONE, default Europe/Oslo), set once from the
 * configuration when the app is built. Every date a user sees and every year in a number is
 * taken in it: journaldato, saksdato, saksår and journalår, default dokumentdato and
 * forfallsdato, "today" for the baskets, OBS-dato, the public journal's period and past due.
 */
let tidssone: string = STANDARD_TIDSSONE;

export function settTidssone(sone: string): void {
  tidssone = sone;
}

export const arkivetsTidssone = () => tidssone;

/** The archive's calendar date (YYYY-MM-DD) at `now`. */
export const dagen = (now: Date) => datoI(now, tidssone);

/** The archive's calendar year at `now`: saksår and journalår. */
export const aaret = (now: Date) => aarI(now, tidssone);

/** DD.MM.YYYY in the archive's zone. */
export const norskDato = (now: Date) => norskDatoI(now, tidssone);

/** DD.MM.YYYY HH:MM in the archive's zone. */
export const norskTidspunkt = (now: Date) => norskTidspunktI(now, tidssone);
