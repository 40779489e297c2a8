/**
 * Calendar dates and years in the archive's time zone (manual users are in Norway): a
 * journalpost registered at 00:30 on 1 January in Oslo belongs to the new year, whatever the
 * server's clock zone. Pure: the instant (`now`) and the zone are passed in.
 */
export const STANDARD_TIDSSONE = 'Europe/Oslo';

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tidssone: string): Intl.DateTimeFormat {
  let f = formatters.get(tidssone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: tidssone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(tidssone, f);
  }
  return f;
}

function deler(now: Date, tidssone: string) {
  const p = Object.fromEntries(formatter(tidssone).formatToParts(now).map((x) => [x.type, x.value]));
  return { aar: p.year!, maaned: p.month!, dag: p.day!, time: p.hour!, minutt: p.minute! };
}

/** Whether the zone is one the platform knows (an IANA name such as Europe/Oslo). */
export function erGyldigTidssone(tidssone: string): boolean {
  try {
    formatter(tidssone);
    return true;
  } catch {
    return false;
  }
}

/** The calendar date (YYYY-MM-DD) of the instant in the zone. */
export function datoI(now: Date, tidssone: string): string {
  const d = deler(now, tidssone);
  return `${d.aar}-${d.maaned}-${d.dag}`;
}

/** The calendar year of the instant in the zone: saksår, journalår. */
export const aarI = (now: Date, tidssone: string): number => Number(deler(now, tidssone).aar);

/** Norwegian date, DD.MM.YYYY, of the instant in the zone (letters, print). */
export function norskDatoI(now: Date, tidssone: string): string {
  const d = deler(now, tidssone);
  return `${d.dag}.${d.maaned}.${d.aar}`;
}

/** Norwegian date and time, DD.MM.YYYY HH:MM, of the instant in the zone. */
export function norskTidspunktI(now: Date, tidssone: string): string {
  const d = deler(now, tidssone);
  return `${d.dag}.${d.maaned}.${d.aar} ${d.time}:${d.minutt}`;
}
