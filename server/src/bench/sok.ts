import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema';
import { type HttpKlient, mål } from './http-klient';
import { type Maaling, tidsmaaling } from './maaling';

/**
 * `GET /api/sok` per kind of search, as the given user: numbers (exact look-ups), words that
 * are rare and words that are everywhere, a correspondent, document text, and the filters.
 * The numbers are read from the archive; the words are the generator's vocabulary
 * (server/src/generate/ordforraad.ts), so every kind has hits on any generated archive.
 */
export async function maalSok({ klient, db, runder }: { klient: HttpKlient; db: Kysely<DB>; runder: number }): Promise<Maaling[]> {
  const sak = await sql<{ nr: string }>`select saksaar || '/' || sakssekvensnummer as nr from sak where tilgangskode is null order by saksdato desc, sakssekvensnummer desc limit 1`
    .execute(db)
    .then((r) => r.rows[0]!.nr);
  const jp = await sql<{ nr: string; dag: string }>`select journalaar || '/' || journalsekvensnummer as nr, (journaldato - 365)::text as dag from journalpost
    where tilgangskode is null order by journaldato desc, journalsekvensnummer desc limit 1`
    .execute(db)
    .then((r) => r.rows[0]!);
  const typer: [string, Record<string, string>][] = [
    ['saksnummer', { q: sak }],
    ['journalnummer', { q: jp.nr }],
    ['tittelord (to sjeldne)', { q: 'garasje Kirkeveien' }],
    ['vanlig ord', { q: 'søknad' }],
    ['vanlig ord, siste år, inngående', { q: 'søknad', fra: jp.dag, journalposttype: 'I' }],
    ['vanlig ord, korrespondent', { q: 'søknad', korrespondent: 'Haugen' }],
    ['korrespondent (navn)', { q: 'Kari Haugen' }],
    ['dokumenttekst (sjeldent ord)', { q: 'radonmåling' }],
    ['dokumenttekst (vanlig ord)', { q: 'befaring' }],
  ];
  const rader: Maaling[] = [];
  for (const [navn, q] of typer) {
    const sti = `/api/sok?${new URLSearchParams(q).toString()}`;
    const svar = JSON.parse((await klient.get(sti)).body) as { saker: { total: number; avkortet: boolean }; journalposter: { total: number; avkortet: boolean } };
    const treff = (s: { total: number; avkortet: boolean }) => `${s.avkortet ? 'over ' : ''}${s.total}`;
    rader.push(tidsmaaling(`GET /api/sok: ${navn}`, await mål(klient, sti, runder), `«${Object.values(q).join(' · ')}»: ${treff(svar.saker)} saker, ${treff(svar.journalposter)} journalposter`));
  }
  return rader;
}
