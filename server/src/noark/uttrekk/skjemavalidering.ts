import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { validateXML } from 'xmllint-wasm';

/** Which schema each file of a deposit is validated against. */
export const SKJEMA_FOR: Readonly<Record<string, string>> = {
  'arkivstruktur.xml': 'arkivstruktur.xsd',
  'loependeJournal.xml': 'loependeJournal.xsd',
  'offentligJournal.xml': 'offentligJournal.xsd',
  'endringslogg.xml': 'endringslogg.xsd',
  'arkivuttrekk.xml': 'addml.xsd',
};

/**
 * Validates one XML file against its schema with libxml2 (xmllint compiled to WebAssembly, no
 * system tool). Returns the problems as "file:line: message"; [] when valid.
 */
export async function valider(xmlFil: string, skjemaMappe: string, skjema: string): Promise<string[]> {
  const contents = await readFile(xmlFil, 'utf8');
  const les = async (f: string) => ({ fileName: f, contents: await readFile(path.join(skjemaMappe, f), 'utf8') });
  const preload = skjema === 'addml.xsd' ? [] : [await les('metadatakatalog.xsd')];
  const res = await validateXML({ xml: [{ fileName: path.basename(xmlFil), contents }], schema: [await les(skjema)], preload, maxMemoryPages: 2 ** 14 });
  return res.valid ? [] : res.errors.map((e) => `${e.loc ? `${e.loc.fileName}:${e.loc.lineNumber}` : path.basename(xmlFil)}: ${e.message.trim()}`);
}
