import sanitizeHtml from 'sanitize-html';
import type { Tekstbit } from '../mail/body-pdf';

/**
 * The markup a letter written in the pane may keep: paragraphs, headings, lists, emphasis.
 * Everything else (scripts, styles, links, images, attributes) is dropped, so the stored
 * editable variant is harmless wherever it is opened again.
 */
const TILLATT: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'b', 'em', 'i', 'u', 's', 'ul', 'ol', 'li', 'h2', 'h3', 'blockquote'],
  allowedAttributes: {},
  disallowedTagsMode: 'discard',
};

export const rensBrevHtml = (html: string): string => sanitizeHtml(html, TILLATT).trim();

const ENTITETER: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
const dekod = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : (ENTITETER[e.toLowerCase()] ?? m),
  );

/** The letter's text for the archive variant (PDF/A): one paragraph per block, list items marked. */
export function brevHtmlTilTekst(renHtml: string): string {
  const medLinjer = renHtml
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<li>/gi, '• ')
    .replace(/<\/(p|h2|h3|blockquote)>/gi, '\n\n')
    .replace(/<\/li>/gi, '\n');
  const tekst = sanitizeHtml(medLinjer, { allowedTags: [], allowedAttributes: {} });
  return dekod(tekst)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Plain letter text (as a template writes it) as paragraphs for the editor. */
export function tekstTilBrevHtml(tekst: string): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return tekst
    .split(/\n{2,}/)
    .map((p) => `<p>${esc(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

/**
 * The letter as paragraphs of styled pieces for the archive variant (PDF/A): what the pane's
 * editor made bold (strong, b, and headings) or italic (em, i) stays so in the PDF. The same
 * lines as brevHtmlTilTekst: a blank line after each paragraph, heading and quote, list items
 * marked, a line break starts a new line.
 */
export function brevHtmlTilAvsnitt(renHtml: string): Tekstbit[][] {
  const linjer: Tekstbit[][] = [[]];
  let fet = 0;
  let kursiv = 0;
  const ny = () => linjer.push([]);
  const legg = (tekst: string) => {
    if (!tekst) return;
    const linje = linjer.at(-1)!;
    const b: Tekstbit = { tekst, ...(fet > 0 ? { fet: true } : {}), ...(kursiv > 0 ? { kursiv: true } : {}) };
    const forrige = linje.at(-1);
    if (forrige && !!forrige.fet === !!b.fet && !!forrige.kursiv === !!b.kursiv) linje[linje.length - 1] = { ...forrige, tekst: forrige.tekst + tekst };
    else linje.push(b);
  };
  for (const m of renHtml.matchAll(/<(\/?)([a-z0-9]+)\s*\/?>|([^<]+)/gi)) {
    if (m[3] !== undefined) {
      legg(dekod(m[3].replace(/\s*\n\s*/g, ' ')));
      continue;
    }
    const slutt = m[1] === '/';
    const tag = m[2]!.toLowerCase();
    if (['strong', 'b', 'h2', 'h3'].includes(tag)) fet += slutt ? -1 : 1;
    if (['em', 'i'].includes(tag)) kursiv += slutt ? -1 : 1;
    if (tag === 'br') ny();
    else if (tag === 'li' && !slutt) {
      if (linjer.at(-1)!.length) ny();
      legg('• ');
    } else if (slutt && tag === 'li') ny();
    else if (slutt && ['p', 'h2', 'h3', 'blockquote'].includes(tag)) {
      ny();
      ny();
    } else if (!slutt && ['p', 'h2', 'h3', 'blockquote', 'ul', 'ol'].includes(tag) && linjer.at(-1)!.length) ny();
  }
  // As the text: no blank line twice in a row, none at the ends.
  const tom = (l: Tekstbit[]) => l.every((b) => !b.tekst.trim());
  const ut = linjer.filter((l, i) => !(tom(l) && i > 0 && tom(linjer[i - 1]!)));
  while (ut.length && tom(ut[0]!)) ut.shift();
  while (ut.length && tom(ut.at(-1)!)) ut.pop();
  return ut.map((l) => (tom(l) ? [] : l));
}
