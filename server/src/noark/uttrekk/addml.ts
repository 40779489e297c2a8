import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { XmlFil } from './xml-fil';

export const ADDML_NS = 'http://www.arkivverket.no/standarder/addml';

export interface PakkeFil {
  readonly navn: string;
  readonly sha256: string;
  readonly size: number;
}

export async function sha256Fil(fil: string): Promise<{ sha256: string; size: number }> {
  const h = createHash('sha256');
  let size = 0;
  for await (const c of createReadStream(fil)) {
    h.update(c as Buffer);
    size += (c as Buffer).length;
  }
  return { sha256: h.digest('hex'), size };
}

/**
 * arkivuttrekk.xml: the package description in ADDML 8.3 as Arkivverket reads a Noark 5
 * deposit: a dataObject for the deposit with its type and version, and one dataObject per file
 * (the XML files, the schemas and every document file) with its SHA-256 checksum.
 * The document files are read from `dokumentliste` (one "path sha256 size" per line), so the
 * list never has to be in memory.
 */
export async function skrivAddml(
  til: string,
  info: {
    arkiv: { arkivskaperId: string; arkivskaperNavn: string; tittel: string };
    arkivdel: { systemId: string; tittel: string };
    periode: { fra: string; til: string };
    antallSaker: number;
    antallJournalposter: number;
    antallDokumentfiler: number;
    filer: readonly PakkeFil[];
    skjemaer: readonly string[];
    dokumentliste: string;
    naa: Date;
    /** The Noark 5 version of the deposit (an export writes v5.0). */
    versjon?: string;
  },
): Promise<PakkeFil> {
  const f = new XmlFil(path.join(til, 'arkivuttrekk.xml'));
  const prop = (navn: string, verdi: string | number) => f.aapne('property', { name: navn }).felt('value', verdi).lukk();
  const fil = async (navn: string, type: string, p: { sha256: string; size: number }) => {
    f.aapne('dataObject', { name: navn }).aapne('properties').aapne('property', { name: 'file' }).aapne('properties');
    prop('name', navn);
    prop('type', type);
    prop('size', p.size);
    f.aapne('property', { name: 'checksum' }).aapne('properties');
    prop('algorithm', 'SHA256');
    prop('value', p.sha256);
    f.lukk().lukk();
    f.lukk().lukk().lukk().lukk();
    await f.tøm();
  };
  f.aapne('addml', { xmlns: ADDML_NS, name: `Noark 5 arkivuttrekk: ${info.arkiv.tittel}` });
  f.aapne('dataset', { name: info.arkivdel.tittel });
  f.felt('description', `Arkivuttrekk av arkivdelen ${info.arkivdel.tittel} (${info.arkivdel.systemId}), ${info.periode.fra}–${info.periode.til}, laget ${info.naa.toISOString()}`);
  f.aapne('dataObjects').aapne('dataObject', { name: 'Noark 5 arkivuttrekk' });
  f.aapne('properties');
  f.aapne('property', { name: 'info' }).aapne('properties');
  f.aapne('property', { name: 'type' }).felt('value', 'Noark 5').aapne('properties');
  prop('version', info.versjon ?? 'v5.0');
  f.lukk().lukk();
  f.aapne('property', { name: 'additionalInfo' }).aapne('properties');
  prop('arkivskaperID', info.arkiv.arkivskaperId);
  prop('arkivskaperNavn', info.arkiv.arkivskaperNavn);
  prop('periode', `${info.periode.fra} ${info.periode.til}`);
  prop('antallMapper', info.antallSaker);
  prop('antallRegistreringer', info.antallJournalposter);
  prop('antallDokumentfiler', info.antallDokumentfiler);
  f.lukk().lukk();
  f.lukk().lukk().lukk(); // info's properties, info, the dataObject's properties
  f.aapne('dataObjects');
  for (const x of info.filer) await fil(x.navn, 'XML', x);
  for (const s of info.skjemaer) await fil(s, 'XSD', await sha256Fil(path.join(til, s)));
  const lines = createInterface({ input: createReadStream(info.dokumentliste), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line) continue;
    const [navn, sha256, size] = line.split(' ');
    await fil(navn!, 'Dokument', { sha256: sha256!, size: Number(size) });
  }
  return { navn: 'arkivuttrekk.xml', ...(await f.avslutt()) };
}
