import { readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { sql } from 'kysely';
import { type Database } from '../db/database';
import { createTestDatabase } from '../test/db';
import { ARKIVSTRUKTUR_MAPPING, type ElementMapping } from './arkivstruktur.mapping';

// The official v5.0 schema, kept beside the code (server/src/noark/xsd/SOURCES.md).
const XSD = path.resolve(__dirname, 'xsd/v5.0/arkivstruktur.xsd');

type Node = Record<string, unknown>;
const asArray = (v: unknown): Node[] => (v === undefined ? [] : Array.isArray(v) ? (v as Node[]) : [v as Node]);

/** Element names declared (directly, in sequences/choices, or in an extension) by each named complexType. */
function complexTypeElements(): Map<string, string[]> {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', removeNSPrefix: true });
  const doc = parser.parse(readFileSync(XSD, 'utf8')) as { schema: Node };
  const collect = (node: Node, out: string[]) => {
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('@')) continue;
      for (const child of asArray(value)) {
        if (typeof child !== 'object' || child === null) continue;
        if (key === 'element') out.push(String(child['@name'] ?? child['@ref']).replace(/^.*:/, ''));
        else collect(child, out);
      }
    }
    return out;
  };
  return new Map(asArray(doc.schema.complexType).map((t) => [String(t['@name']), collect(t, [])]));
}

describe('Noark 5 arkivstruktur export maps onto the schema without loss', () => {
  const types = complexTypeElements();
  let database: Database;
  let columns: Map<string, Set<string>>;
  beforeAll(async () => {
    database = await createTestDatabase({ poolSize: 1 });
    const rows = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns where table_schema = 'public'`.execute(database.db.withoutPlugins());
    columns = new Map();
    for (const r of rows.rows) {
      if (!columns.has(r.table_name)) columns.set(r.table_name, new Set());
      columns.get(r.table_name)!.add(r.column_name);
    }
  });
  afterAll(() => database.close());

  it('reads the official schema', () => {
    expect(types.get('journalpost')).toEqual(expect.arrayContaining(['journalaar', 'journalsekvensnummer', 'journalposttype', 'avskrivning']));
    expect(types.size).toBeGreaterThanOrEqual(25);
  });

  it.each(Object.keys(ARKIVSTRUKTUR_MAPPING))('%s: every element in the XSD is mapped, and nothing else is', (type) => {
    const declared = types.get(type);
    expect(declared).toBeDefined();
    expect(Object.keys(ARKIVSTRUKTUR_MAPPING[type]!.elements).sort()).toEqual([...new Set(declared)].sort());
  });

  it.each(Object.keys(ARKIVSTRUKTUR_MAPPING))('%s: every column, relation and child table it names exists', (type) => {
    const { table, elements } = ARKIVSTRUKTUR_MAPPING[type]!;
    const has = (t: string, c?: string) => columns.has(t) && (c === undefined || columns.get(t)!.has(c));
    expect(has(table)).toBe(true);
    const missing = Object.entries(elements as Record<string, ElementMapping>).filter(([, m]) => {
      if (typeof m === 'string') return !has(table, m);
      if ('ref' in m) return !has(...(m.ref.split('.') as [string, string]));
      if ('child' in m) return !has(m.child);
      return !has(table, 'noark_tillegg');
    });
    expect(missing).toEqual([]);
  });

  it('covers the record types a sak/arkiv export carries', () => {
    for (const t of ['arkiv', 'arkivskaper', 'arkivdel', 'klassifikasjonssystem', 'klasse', 'mappe', 'saksmappe', 'registrering', 'journalpost', 'korrespondansepart', 'dokumentbeskrivelse', 'dokumentobjekt', 'merknad', 'kryssreferanse', 'skjerming']) {
      expect(ARKIVSTRUKTUR_MAPPING).toHaveProperty(t);
    }
  });
});
