import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { HISTORIKK_FRASER, HISTORIKK_HANDLINGER, historikkTekst } from '@arkiv/shared';
import { seedDemoIfEmpty } from '../seed/demo-seed';
import { createTestContext, type TestContext } from '../test/context';

const SRC = path.resolve(__dirname, '..');
const kildefiler = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? kildefiler(p) : p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
  });

/** Historikk in words for the user ("Journalpost opprettet av …"), never as the stored key. */
describe('historikk in words', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
    await seedDemoIfEmpty(ctx.db, ctx.blobs);
  }, 180_000);
  afterAll(() => ctx?.close());

  it('every handling has a Norwegian phrase', () => {
    expect(Object.keys(HISTORIKK_FRASER).sort()).toEqual(Object.keys(HISTORIKK_HANDLINGER).sort());
    for (const [handling, frase] of Object.entries(HISTORIKK_FRASER)) expect({ handling, frase }).toEqual({ handling, frase: expect.not.stringMatching(/_/) });
  });

  it('the server writes historikk only through appendHistorikk, whose handling is one of those (beside the import of a deposit’s own endringslogg)', () => {
    const skrivere = kildefiler(SRC).filter((f) => /insertInto\(['"]historikk['"]\)/.test(readFileSync(f, 'utf8')));
    // An imported historic base brings the history another system wrote, with that system's words
    // (historikkTekst falls back to the handling itself); it records no change made here.
    expect(skrivere.map((f) => path.relative(SRC, f)).sort()).toEqual([path.join('historikk', 'historikk.repository.ts'), path.join('noark', 'uttrekk', 'import.ts')]);
    expect(readFileSync(path.join(SRC, 'historikk', 'historikk.repository.ts'), 'utf8')).toMatch(/readonly handling: HistorikkHandling;/);
  });

  it('every handling the demo day wrote reads as a sentence with who did it', async () => {
    const rows = await ctx.db
      .selectFrom('historikk as h')
      .leftJoin('bruker as b', 'b.systemId', 'h.brukerId')
      .select(['h.handling', 'h.data', 'b.navn'])
      .execute();
    const handlinger = [...new Set(rows.map((r) => r.handling))];
    expect(handlinger.length).toBeGreaterThan(10);
    for (const h of handlinger) expect({ h, frase: h in HISTORIKK_FRASER }).toEqual({ h, frase: true });
    const opprettet = rows.find((r) => r.handling === 'journalpost_opprettet' && r.navn)!;
    expect(historikkTekst({ handling: opprettet.handling, bruker: { navn: opprettet.navn! }, paaVegneAv: null, data: opprettet.data })).toBe(`Journalpost opprettet av ${opprettet.navn}`);
    for (const r of rows) expect(historikkTekst({ handling: r.handling, bruker: r.navn ? { navn: r.navn } : null, paaVegneAv: null, data: r.data })).not.toMatch(/_|\{hvem\}/);
  });

  it('names the stedfortreder and whom they acted for, and what an entry changed', () => {
    expect(historikkTekst({ handling: 'oppgave_besvart', bruker: { navn: 'Kari Saksansvarlig' }, paaVegneAv: { navn: 'Lise Leder' }, data: { oppgavetype: 'GODKJENNING', svar: 'Godkjent' } })).toBe(
      'Oppgave besvart av Kari Saksansvarlig (på vegne av Lise Leder): Godkjent (Til godkjenning)',
    );
    expect(historikkTekst({ handling: 'journalpost_status_endret', bruker: { navn: 'Lise Leder' }, paaVegneAv: null, data: { journalstatus: { fra: 'R', til: 'F' } } })).toBe('Journalstatus endret av Lise Leder: Reservert → Ferdigstilt');
    expect(historikkTekst({ handling: 'avskrivning_registrert', bruker: { navn: 'Ola Nordmann' }, paaVegneAv: null, data: { avskrivningsmaate: 'TLF' } })).toBe('Avskrevet av Ola Nordmann: TLF Besvart med telefon');
    expect(historikkTekst({ handling: 'utsending_levert', bruker: null, paaVegneAv: null })).toBe('Utsending levert');
  });
});
