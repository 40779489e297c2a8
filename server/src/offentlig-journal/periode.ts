import { AppError } from '../errors/app-error';
import { dagen } from '../tid';

const DATO = /^(\d{4})-(\d{2})-(\d{2})$/;
export const MAKS_DAGER = 366;

const isoDag = (d: Date) => d.toISOString().slice(0, 10);

function parseDato(value: string, field: string): string {
  const m = DATO.exec(value);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!m || !d || isoDag(d) !== value) {
    throw new AppError('invalid_date_range', `${field} må være en gyldig dato på formen ÅÅÅÅ-MM-DD`, { errors: [{ field: `/${field}`, message: 'ugyldig dato' }] });
  }
  return value;
}

/**
 * The date range of a public journal request: `til` defaults to today, `fra` to 30 days
 * before `til`; `fra` after `til`, an impossible date or a range over a year is a 400
 * `invalid_date_range` (never a 500).
 */
export function parsePeriode(fra: string | undefined, til: string | undefined, now: Date): { fra: string; til: string } {
  const t = til ? parseDato(til, 'til') : dagen(now);
  const f = fra ? parseDato(fra, 'fra') : isoDag(new Date(Date.parse(`${t}T00:00:00Z`) - 30 * 86_400_000));
  if (f > t) throw new AppError('invalid_date_range', 'Fra-dato er etter til-dato', { errors: [{ field: '/fra', message: 'fra-dato er etter til-dato' }] });
  const dager = (Date.parse(`${t}T00:00:00Z`) - Date.parse(`${f}T00:00:00Z`)) / 86_400_000;
  if (dager > MAKS_DAGER) {
    throw new AppError('invalid_date_range', `Perioden kan være høyst ${MAKS_DAGER} dager`, { errors: [{ field: '/til', message: `høyst ${MAKS_DAGER} dager` }] });
  }
  return { fra: f, til: t };
}

/** The date twelve months before the archive's today: person names are not searchable in older entries. */
export const navnesoekGrense = (now: Date) => {
  const [aar, maaned, dag] = dagen(now).split('-').map(Number) as [number, number, number];
  return isoDag(new Date(Date.UTC(aar - 1, maaned - 1, dag)));
};
