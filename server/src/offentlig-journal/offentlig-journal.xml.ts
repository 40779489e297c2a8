import { KORRESPONDANSEPARTTYPER, type OffentligJournalpost } from '@arkiv/shared';

export const OFFENTLIG_JOURNAL_NS = 'http://www.arkivverket.no/standarder/noark5/offentligJournal';

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

/** `<name>value</name>`, or nothing for an empty optional element (the schema wants minLength 1). */
const el = (name: string, value: string | number | null | undefined, indent: string) =>
  value === null || value === undefined || value === '' ? '' : `${indent}<${name}>${esc(String(value))}</${name}>\n`;

const partNavn = (kode: string) => KORRESPONDANSEPARTTYPER.find((k) => k.kode === kode)?.navn ?? kode;

/**
 * offentligJournal.xml (Noark 5, offentligJournal.xsd) for a period. Element order follows
 * the schema's sequences. The schema requires at least one korrespondansepart per
 * journalpost: an internal note without parties names its unit as intern avsender.
 */
export function renderOffentligJournalXml(input: {
  fra: string;
  til: string;
  arkivskapere: readonly { arkivskaperId: string; arkivskaperNavn: string }[];
  items: readonly OffentligJournalpost[];
}): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n', `<offentligJournal xmlns="${OFFENTLIG_JOURNAL_NS}">\n`];
  out.push('  <journalhode>\n');
  out.push(el('journalStartDato', input.fra, '    '), el('journalSluttDato', input.til, '    '));
  out.push(el('seleksjon', 'Journalførte og arkiverte journalposter etter skjermingsreglene', '    '));
  out.push(el('antallJournalposter', input.items.length, '    '));
  for (const a of input.arkivskapere) {
    out.push('    <arkivskaper>\n', el('arkivskaperID', a.arkivskaperId, '      '), el('arkivskaperNavn', a.arkivskaperNavn, '      '), '    </arkivskaper>\n');
  }
  out.push('  </journalhode>\n');
  for (const jp of input.items) {
    const i = '      ';
    out.push('  <journalregistrering>\n');
    if (jp.sak.klasse) out.push('    <klasse>\n', el('klasseID', jp.sak.klasse.klasseId, i), el('tittel', jp.sak.klasse.tittel, i), '    </klasse>\n');
    out.push(
      '    <saksmappe>\n',
      el('mappeID', jp.sak.saksnummer, i),
      el('saksaar', jp.sak.saksaar, i),
      el('sakssekvensnummer', jp.sak.sakssekvensnummer, i),
      el('offentligTittel', jp.sak.offentligTittel, i),
      el('administrativEnhet', jp.sak.administrativEnhet, i),
      el('tilgangsrestriksjon', jp.sak.tilgangskode, i),
      el('skjermingshjemmel', jp.sak.skjermingshjemmel, i),
      '    </saksmappe>\n',
    );
    out.push(
      '    <journalpost>\n',
      el('systemID', jp.systemId, i),
      el('registreringsID', jp.registreringsId, i),
      el('journalaar', jp.journalaar, i),
      el('journalsekvensnummer', jp.journalsekvensnummer, i),
      el('journalpostnummer', jp.journalpostnummer, i),
      el('offentligTittel', jp.offentligTittel, i),
      el('journaldato', jp.journaldato, i),
      el('dokumentetsDato', jp.dokumentdato, i),
      el('administrativEnhet', jp.administrativEnhet, i),
      el('tilgangsrestriksjon', jp.tilgangskode, i),
      el('skjermingshjemmel', jp.skjermingshjemmel, i),
    );
    const parter = jp.korrespondanseparter.length > 0 ? jp.korrespondanseparter : [{ korrespondanseparttype: 'IA' as const, navn: jp.administrativEnhet }];
    for (const p of parter) {
      out.push(`${i}<korrespondansepart>\n`, el('korrespondanseparttype', partNavn(p.korrespondanseparttype), `${i}  `), el('korrespondansepartNavn', p.navn || '*****', `${i}  `), `${i}</korrespondansepart>\n`);
    }
    out.push('    </journalpost>\n', '  </journalregistrering>\n');
  }
  out.push('</offentligJournal>\n');
  return out.join('');
}
