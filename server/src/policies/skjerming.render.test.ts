import { Readable } from 'node:stream';
import type { MatrixActor } from '../test/matrix-actors';
import { addDokument } from '../dokument/dokument.service';
import { setDokumentSkjerming } from '../dokument/offentlighet.service';
import { addMerknad, createJournalpost } from '../journalpost/journalpost.service';
import { renderPdf } from '../mail/body-pdf';
import { createMal } from '../maler/mal.service';
import { createSak } from '../sak/sak.service';
import { createTestContext, type TestContext } from '../test/context';
import { buildArkivdel, buildBruker, buildEnhet } from '../test/factories';
import { buildMatrixActors, MATRIX_ACTOR_COUNT } from '../test/matrix-actors';
import { extractText } from '../test/pdf-text';
import { ekspeder } from '../utsending/ekspeder.service';
import { forventetSkjult, type Gradering, graderinger, skjermingAv } from './skjerming.fixtures';

/**
 * Every document the service renders, through the grading matrix of skjerming.matrix.test.ts
 * (every tilgangskode × level on sak or journalpost, and documents with their own grading) and
 * its readers (every role × own/other unit × codes, and the owner):
 * - what goes out (§10.4 letter from a template, §10.7 preview and the paper recipient's
 *   bundle) is rendered only for one who sees its recipients and documents, else 403;
 *   writing and previewing also need rights on the journalpost (§6);
 * - the utsending list hands out the bundle link exactly where the bundle is served;
 * - §12.2 print and §12.3 the Outlook package serve only visible documents (404 otherwise),
 *   and print's merknader follow the journalpost's level 2;
 * - no hidden marker appears in any response, PDF text included.
 * Expectations come from the manual (§6, §8), written out here, not from the code.
 */
const RUN = `R${Date.now().toString(36)}`;
const mk = (i: number, part: string) => `${RUN}${part}X${i}Z`;
const PARTS = { navn: 'NA', adresse: 'AD', dok: 'DO', innhold: 'IN', merknad: 'ME' } as const;

interface Fixture extends Gradering {
  readonly i: number;
  /** A letter in work (R): letter from template and preview. */
  readonly utkast: string;
  /** The same letter expedited (E) to a paper recipient: the bundle and print. */
  readonly sendt: string;
  readonly sendtDok: string;
  readonly pakke: string;
}

describe('skjerming matrix of rendered documents: letter, preview, paper bundle, print', () => {
  let ctx: TestContext;
  const fixtures: Fixture[] = [];
  const actors: MatrixActor[] = [];
  let enhetA: string;
  let malId: string;
  /** Per fixture, the bundle whose text has been read and checked. */
  const lestPakke = new Map<number, Buffer>();

  beforeAll(async () => {
    ctx = await createTestContext();
    const { db, blobs } = ctx;
    await buildArkivdel(db);
    const a = await buildEnhet(db);
    const b = await buildEnhet(db);
    enhetA = a.systemId;
    const eier = await buildBruker(db, { roller: [['SBH', a.systemId]] });
    const ark = await buildBruker(db, { roller: [['ARK', b.systemId]] });
    actors.push(...(await buildMatrixActors(db, a.systemId, b.systemId, eier)));
    malId = await createMal(db, ark, { navn: `${RUN} brev`, journalposttype: 'U', innhold: '{{mottakerNavn}}\n{{mottakerAdresse}}\n\n{{tittel}}' });

    const fellesSak = await createSak(db, ark, { tittel: `${RUN} felles sak`, sakstype: 'GS', saksansvarligId: eier.bruker.systemId, administrativEnhetId: a.systemId });
    for (const [i, g] of graderinger({ dokument: true }).entries()) {
      const skjerming = skjermingAv(g);
      const sakId =
        g.paa === 'sak'
          ? await createSak(db, ark, { tittel: `${RUN} sak ${i}`, sakstype: 'GS', saksansvarligId: eier.bruker.systemId, administrativEnhetId: a.systemId, ...(skjerming ? { skjerming } : {}) })
          : fellesSak;
      // The document is a PDF, so the bundle and print merge it as it is (rendering is the cost).
      const pdf = Buffer.from(await renderPdf('Brev', [{ tekst: mk(i, PARTS.innhold) }]));
      const letter = async (tittel: string) => {
        const id = await createJournalpost(db, eier, sakId, {
          journalposttype: 'U',
          tittel,
          administrativEnhetId: a.systemId,
          korrespondanseparter: [{ korrespondanseparttype: 'EM', navn: mk(i, PARTS.navn), postadresse: mk(i, PARTS.adresse) }],
          ...(skjerming && g.paa === 'journalpost' ? { skjerming } : {}),
        });
        const staged = await blobs.stage(Readable.from([pdf]));
        const dokId = await addDokument(db, blobs, eier, id, { tittel: mk(i, PARTS.dok) }, { staged, filnavn: 'brev.pdf', mimeType: 'application/pdf' });
        if (skjerming && g.paa === 'dokument') await setDokumentSkjerming(db, eier, dokId, skjerming);
        await addMerknad(db, eier, id, { merknadstype: 'FORMELL', merknadstekst: mk(i, PARTS.merknad) });
        return { id, dokId };
      };
      const utkast = await letter(`${RUN} utkast ${i}`);
      const sendt = await letter(`${RUN} sendt ${i}`);
      await ekspeder(db, blobs, { from: 'post@kommune.example' }, eier, sendt.id, {});
      const u = await db.selectFrom('utsending').select(['systemId', 'kanal']).where('journalpostId', '=', sendt.id).executeTakeFirstOrThrow();
      expect(u.kanal).toBe('papir');
      fixtures.push({ ...g, i, utkast: utkast.id, sendt: sendt.id, sendtDok: sendt.dokId, pakke: `/api/utsendinger/${u.systemId}/pakke.pdf` });
    }
  }, 300_000);
  afterAll(() => ctx.close());

  it('covers every tilgangskode × level on sak and journalpost, documents graded on their own, and every reader', () => {
    expect(fixtures.filter((f) => f.paa === 'sak' || f.paa === 'journalpost')).toHaveLength(7 * 3 * 2);
    expect(fixtures.filter((f) => f.paa === 'dokument')).toHaveLength(3);
    expect(actors).toHaveLength(MATRIX_ACTOR_COUNT);
  });

  it.each(Array.from({ length: MATRIX_ACTOR_COUNT }, (_, n) => n))('reader #%i: each rendered document is served exactly as the manual says, and leaks nothing', async (n) => {
    const t = actors[n]!;
    const headers = await ctx.auth(t.actor.bruker.brukernavn);
    const call = (method: 'GET' | 'POST', url: string, payload?: object) => ctx.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
    // §6: the saksbehandler, the saksansvarlig, the leader of the journalpost's unit and the
    // archive have rights on it, and they are the ones who read it as a draft (R). Anyone else
    // sees at most that a draft exists, and only where its skjerming hides nothing from them.
    const harRett = t.eier || t.rolle === 'ARK' || t.rolle === 'DOK' || (t.rolle === 'LED' && t.enhet === 'egen');
    const texts: string[] = [];
    const synligeDok: Fixture[] = [];

    for (const f of fixtures) {
      const exp = forventetSkjult(f, { koder: t.koder, personlig: t.eier }, enhetA);
      // §8: recipients hide from level 3, documents from level 1 (or their own grading).
      const serAltSomGaarUt = exp.jpNivaa < 3 && !exp.dokSkjult;
      /** Writing and previewing the draft: refused, or not there at all for one who may not know of it. */
      const utkastSvar = (ok: number) => (harRett ? (serAltSomGaarUt ? ok : 403) : exp.jpNivaa > 0 ? 404 : 403);
      const row = (what: string, got: unknown) => ({ f: f.i, grading: `${f.paa}:${f.kode}:${f.nivaa}`, what, got });

      const preview = await call('POST', `/api/journalposter/${f.utkast}/ekspeder/forhaandsvisning`, {});
      expect(row('forhåndsvisning', preview.statusCode)).toEqual(row('forhåndsvisning', utkastSvar(200)));
      if (preview.statusCode === 200) expect(preview.json().map((p: { mottakerNavn: string; kanal: string }) => [p.mottakerNavn, p.kanal])).toEqual([[mk(f.i, PARTS.navn), 'papir']]);
      texts.push(preview.body);

      const brev = await call('POST', `/api/journalposter/${f.utkast}/brev`, { malId });
      expect(row('brev fra mal', brev.statusCode)).toEqual(row('brev fra mal', utkastSvar(201)));
      texts.push(brev.body);

      const utsendinger = await call('GET', `/api/journalposter/${f.sendt}/utsendinger`);
      const [u] = utsendinger.json() as { mottakerNavn: string; pakke: string | null }[];
      expect(row('utsendinger', [u!.mottakerNavn, u!.pakke])).toEqual(row('utsendinger', [exp.jpNivaa >= 3 ? '*****' : mk(f.i, PARTS.navn), serAltSomGaarUt ? f.pakke : null]));
      texts.push(utsendinger.body);

      const pakke = await call('GET', f.pakke);
      expect(row('papirpakke', pakke.statusCode)).toEqual(row('papirpakke', serAltSomGaarUt ? 200 : 403));
      if (pakke.statusCode === 200 && !lestPakke.get(f.i)?.equals(pakke.rawPayload)) {
        // The bundle is the same bytes for every reader it is served to: read its text once.
        const pdf = (await extractText(pakke.rawPayload)).map((p) => p.text).join('\n');
        expect(row('papirpakke', [mk(f.i, PARTS.navn), mk(f.i, PARTS.adresse), mk(f.i, PARTS.innhold)].map((m) => pdf.includes(m)))).toEqual(row('papirpakke', [true, true, true]));
        lestPakke.set(f.i, pakke.rawPayload);
      } else if (pakke.statusCode !== 200) texts.push(pakke.body);

      // §12.2 print and §12.3: a document the reader may not see is a 404.
      const valg = { dokumenter: [{ dokumentId: f.sendtDok }] };
      const sendepakke = await call('POST', '/api/sendepakke', valg);
      expect(row('sendepakke', sendepakke.statusCode)).toEqual(row('sendepakke', exp.dokSkjult ? 404 : 200));
      texts.push(sendepakke.body);
      if (exp.dokSkjult) {
        const print = await call('POST', '/api/utskrift', { ...valg, merknader: true });
        expect(row('utskrift', print.statusCode)).toEqual(row('utskrift', 404));
        texts.push(print.body);
      } else synligeDok.push(f);
    }

    // One print of every visible document with merknader: each document, and each merknad where
    // level 2 is not hidden (a merknad elaborates the record like title line 2).
    const print = await call('POST', '/api/utskrift', { dokumenter: synligeDok.map((f) => ({ dokumentId: f.sendtDok })), merknader: true });
    expect(print.statusCode).toBe(200);
    const printed = (await extractText(print.rawPayload)).map((p) => p.text).join('\n');
    texts.push(printed);
    for (const f of synligeDok) {
      const exp = forventetSkjult(f, { koder: t.koder, personlig: t.eier }, enhetA);
      expect({ f: f.i, innhold: printed.includes(mk(f.i, PARTS.innhold)), merknad: printed.includes(mk(f.i, PARTS.merknad)) }).toEqual({ f: f.i, innhold: true, merknad: exp.jpNivaa < 2 });
    }

    // No hidden marker in any response.
    const all = texts.join('\n');
    for (const f of fixtures) {
      const exp = forventetSkjult(f, { koder: t.koder, personlig: t.eier }, enhetA);
      const hidden = [...(exp.jpNivaa >= 3 ? [PARTS.navn, PARTS.adresse] : []), ...(exp.jpNivaa >= 2 ? [PARTS.merknad] : []), ...(exp.dokSkjult ? [PARTS.dok, PARTS.innhold] : [])];
      expect({ f: f.i, leaked: hidden.filter((p) => all.includes(mk(f.i, p))) }).toEqual({ f: f.i, leaked: [] });
    }
  }, 180_000);
});
