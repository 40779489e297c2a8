import { JOURNALPOSTTYPER, KORRESPONDANSEPARTTYPER, type OffentligJournalpost, TILGANGSKODER } from '@arkiv/shared';
import { html, type Html } from './html';

const typeNavn = (kode: string) => JOURNALPOSTTYPER.find((t) => t.kode === kode)?.navn ?? kode;
const partNavn = (kode: string) => KORRESPONDANSEPARTTYPER.find((t) => t.kode === kode)?.navn ?? kode;
const kodeNavn = (kode: string) => TILGANGSKODER.find((t) => t.kode === kode)?.navn ?? kode;
const norskDato = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

export interface PageInput {
  readonly arkivskaper: string;
  readonly fra: string;
  readonly til: string;
  readonly q: string;
  readonly side: number;
  readonly antall: number;
  readonly total: number;
  readonly items: readonly OffentligJournalpost[];
  /** A message about bad input (shown instead of results, with status 400). */
  readonly feil?: string;
}

const STIL = `
  :root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.5; }
  body { margin: 0; color: #1a1a1a; background: #fff; }
  header, main, footer { max-width: 60rem; margin: 0 auto; padding: 0 1rem; }
  header { border-bottom: 2px solid #1f4e79; }
  h1 { color: #1f4e79; }
  a { color: #0b57a4; }
  a:focus, button:focus, input:focus { outline: 3px solid #ffbf47; outline-offset: 2px; }
  .hopp { position: absolute; left: -10000px; }
  .hopp:focus { position: static; }
  form { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-end; margin: 1.5rem 0; }
  label { display: block; font-weight: 600; }
  input { font: inherit; padding: .35rem .5rem; border: 1px solid #595959; border-radius: 3px; }
  button { font: inherit; padding: .4rem 1rem; background: #1f4e79; color: #fff; border: 0; border-radius: 3px; cursor: pointer; }
  article { border-top: 1px solid #d0d0d0; padding: .5rem 0 1rem; }
  article h2 { font-size: 1.1rem; margin: .5rem 0; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 0; }
  dt { font-weight: 600; }
  dd { margin: 0; }
  .feil { border-left: 4px solid #b00020; padding: .5rem 1rem; background: #fdecea; }
  nav.sider { display: flex; gap: 1.5rem; margin: 1.5rem 0; }
  footer { color: #4a4a4a; font-size: .9rem; margin-top: 2rem; padding-bottom: 2rem; }
`;

function lenke(input: PageInput, side: number): string {
  const p = new URLSearchParams({ fra: input.fra, til: input.til, side: String(side), antall: String(input.antall) });
  if (input.q) p.set('q', input.q);
  return `/offentlig-journal?${p.toString()}`;
}

function skjerming(kode: string | null, hjemmel: string | null): Html | string {
  if (!kode) return '';
  return html`<dt>Skjerming</dt><dd><abbr title="${kodeNavn(kode)}">${kode}</abbr>${hjemmel ? html`, ${hjemmel}` : ''}</dd>`;
}

function post(jp: OffentligJournalpost): Html {
  return html`<article aria-labelledby="jp-${jp.systemId}">
  <h2 id="jp-${jp.systemId}">${jp.offentligTittel}</h2>
  <dl>
    <dt>Journalnummer</dt><dd>${jp.journalnummer}</dd>
    <dt>Journaldato</dt><dd><time datetime="${jp.journaldato}">${norskDato(jp.journaldato)}</time></dd>
    ${jp.dokumentdato ? html`<dt>Dokumentdato</dt><dd><time datetime="${jp.dokumentdato}">${norskDato(jp.dokumentdato)}</time></dd>` : ''}
    <dt>Dokumenttype</dt><dd>${typeNavn(jp.journalposttype)}</dd>
    <dt>Sak</dt><dd>${jp.sak.saksnummer} ${jp.sak.offentligTittel}</dd>
    ${jp.sak.klasse ? html`<dt>Arkivkode</dt><dd>${jp.sak.klasse.klasseId} ${jp.sak.klasse.tittel}</dd>` : ''}
    <dt>Enhet</dt><dd>${jp.administrativEnhet}</dd>
    ${jp.korrespondanseparter.map((p) => html`<dt>${partNavn(p.korrespondanseparttype)}</dt><dd>${jp.korrespondanseparterSkjermet ? html`<span>Skjermet</span>` : p.navn}</dd>`)}
    ${skjerming(jp.tilgangskode, jp.skjermingshjemmel)}
    <dt>Dokumenter</dt><dd>${
      jp.dokumenter.length === 0
        ? 'Ingen publiserte dokumenter (kan bes om innsyn)'
        : html`<ul>${jp.dokumenter.map((d) => html`<li><a href="${d.url}">${d.tittel}</a></li>`)}</ul>`
    }</dd>
  </dl>
</article>`;
}

/** The public journal page: server-rendered, no script, bokmål, every value escaped. */
export function renderOffentligJournalPage(input: PageInput): string {
  const sider = Math.max(1, Math.ceil(input.total / input.antall));
  const forste = input.total === 0 ? 0 : (input.side - 1) * input.antall + 1;
  const siste = Math.min(input.total, input.side * input.antall);
  const page = html`<!doctype html>
<html lang="nb">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>Offentlig journal – ${input.arkivskaper}</title>
<style>${STIL}</style>
</head>
<body>
<a class="hopp" href="#innhold">Hopp til innholdet</a>
<header><h1>Offentlig journal – ${input.arkivskaper}</h1></header>
<main id="innhold">
<p>Her finner du journalførte dokumenter fra kommunen. Opplysninger som er unntatt offentlighet, er erstattet med ***** eller utelatt. Du kan be om innsyn i dokumenter som ikke er publisert.</p>
<form method="get" action="/offentlig-journal" role="search" aria-label="Søk i offentlig journal">
  <div><label for="fra">Fra dato</label><input type="date" id="fra" name="fra" value="${input.fra}"></div>
  <div><label for="til">Til dato</label><input type="date" id="til" name="til" value="${input.til}"></div>
  <div><label for="q">Søkeord</label><input type="search" id="q" name="q" value="${input.q}"></div>
  <div><button type="submit">Søk</button></div>
</form>
${
  input.feil
    ? html`<div class="feil" role="alert"><h2>Kunne ikke søke</h2><p>${input.feil}</p></div>`
    : html`<p role="status">${input.total === 0 ? 'Ingen journalposter i perioden.' : `Viser ${forste}–${siste} av ${input.total} journalposter (${norskDato(input.fra)}–${norskDato(input.til)}).`}</p>
${input.items.map(post)}
${
  sider > 1
    ? html`<nav class="sider" aria-label="Sider">
  ${input.side > 1 ? html`<a href="${lenke(input, input.side - 1)}" rel="prev">Forrige side</a>` : ''}
  <span>Side ${input.side} av ${sider}</span>
  ${input.side < sider ? html`<a href="${lenke(input, input.side + 1)}" rel="next">Neste side</a>` : ''}
</nav>`
    : ''
}`
}
</main>
<footer><p>Journalen er også tilgjengelig som <a href="/api/offentlig-journal.xml?fra=${input.fra}&amp;til=${input.til}">offentligJournal.xml</a> (Noark 5) og <a href="/api/offentlig-journal?fra=${input.fra}&amp;til=${input.til}">JSON</a>.</p></footer>
</body>
</html>
`;
  return page.value;
}
