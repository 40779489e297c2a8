import { decompressRTF } from '@kenjiuno/decompressrtf';
import { decoderFor } from './tnef';

/** Destinations whose content is never body text. */
const SKIP = new Set(['fonttbl', 'colortbl', 'stylesheet', 'info', 'pict', 'object', 'header', 'footer', 'headerl', 'headerr', 'footerl', 'footerr', 'themedata', 'datastore', 'latentstyles', 'listtable', 'listoverridetable', 'rsidtbl', 'generator', 'xmlnstbl', 'mmathPr', 'filetbl', 'revtbl', 'pgdsctbl', 'fldinst']);
const CHAR: Record<string, string> = { par: '\n', line: '\n', tab: '\t', emdash: '—', endash: '–', bullet: '•', lquote: '‘', rquote: '’', ldblquote: '“', rdblquote: '”', emspace: ' ', enspace: ' ', qmspace: ' ' };

/**
 * The text of an RTF body (Outlook's PR_RTF_COMPRESSED), for the archive PDF. When the RTF
 * wraps an HTML body ([MS-OXRTFEX] \fromhtml1) the HTML is taken back out instead.
 * Not a renderer: tables, fields and formatting become plain text.
 */
export function rtfBody(rtf: Buffer, codepage: number): { tekst: string; html: string | null } {
  const src = rtf.toString('latin1').replace(/\u0000+$/, '');
  const fromHtml = /\\fromhtml1/.test(src.slice(0, 2000));
  const decoder = decoderFor(codepage);
  type Group = { skip: boolean; uc: number; htmltag: boolean };
  let g: Group = { skip: false, uc: 1, htmltag: false };
  const stack: Group[] = [];
  let htmlrtf = false;
  let out = '';
  let bytes: number[] = [];
  let fallback = 0; // characters still to skip after \uN
  const flush = () => {
    if (bytes.length) out += decoder.decode(Buffer.from(bytes));
    bytes = [];
  };
  const emit = (s: string) => {
    flush();
    if (!g.skip && !(htmlrtf && !g.htmltag)) out += s;
  };
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === '{') {
      flush();
      stack.push(g);
      g = { ...g };
    } else if (c === '}') {
      flush();
      g = stack.pop() ?? g;
    } else if (c === '\\') {
      const next = src[i + 1] ?? '';
      if (/[a-zA-Z]/.test(next)) {
        const m = /^([a-zA-Z]{1,32})(-?\d{1,10})? ?/.exec(src.slice(i + 1, i + 50))!;
        i += m[0].length;
        const word = m[1]!;
        const param = m[2] === undefined ? null : Number(m[2]);
        if (word === 'u' && param !== null) {
          if (fallback === 0) emit(String.fromCharCode(param < 0 ? param + 65536 : param));
          fallback = g.uc;
          continue;
        }
        fallback = 0;
        if (word === 'uc' && param !== null) g.uc = param;
        else if (word === 'htmlrtf') htmlrtf = param !== 0;
        else if (word === 'htmltag' && fromHtml) {
          g.htmltag = true;
          g.skip = false;
        } else if (SKIP.has(word)) g.skip = true;
        else if (CHAR[word] !== undefined) emit(fromHtml && word !== 'tab' ? (CHAR[word] === '\n' ? '\r\n' : CHAR[word]!) : CHAR[word]!);
      } else if (next === '*') {
        i++;
        g.skip = true;
      } else if (next === "'") {
        const hex = src.slice(i + 2, i + 4);
        i += 3;
        if (fallback > 0) fallback--;
        else if (!g.skip && !(htmlrtf && !g.htmltag)) bytes.push(parseInt(hex, 16));
      } else {
        i++;
        if (next === '\\' || next === '{' || next === '}') emit(next);
        else if (next === '~') emit('\u00a0');
        else if (next === '_') emit('-');
        else if (next === '\n' || next === '\r') emit('\n');
      }
    } else if (c === '\r' || c === '\n') {
      // Line breaks in RTF source are not text.
    } else if (fallback > 0) {
      fallback--;
    } else {
      emit(c);
    }
  }
  flush();
  if (fromHtml) return { tekst: '', html: out };
  return { tekst: out.replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim(), html: null };
}

/** PR_RTF_COMPRESSED → RTF bytes. */
export function decompressRtf(compressed: Buffer): Buffer {
  return Buffer.from(decompressRTF(Array.from(compressed)));
}
