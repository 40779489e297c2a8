import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { validateXML } from 'xmllint-wasm';

/**
 * manifest.xml against the patched Office manifest XSDs in ../shared/office-addin/xsd/xmllint
 * (outside the repo, present locally and in CI), with libxml2 compiled to wasm: the offline
 * structural lint (office-addin-manifest validate needs Microsoft's online service).
 */
const REPO = path.resolve(__dirname, '../../..');
const XSD_DIR = path.resolve(REPO, '../shared/office-addin/xsd/xmllint');
const MAIN = 'OfficeAppManifestV1_1.xsd';
const DEPS = ['OfficeAppBasicTypesV1_0.xsd', 'MailAppVersionOverridesV1_0.xsd', 'MailAppVersionOverridesV1_1.xsd', 'TaskPaneAppVersionOverridesV1_0.xsd', 'ContentAppVersionOverridesV1_0.xsd'];

async function lint(xml: string) {
  const file = (name: string) => ({ fileName: name, contents: readFileSync(path.join(XSD_DIR, name), 'utf8') });
  return validateXML({ xml: [{ fileName: 'manifest.xml', contents: xml }], schema: [file(MAIN)], preload: DEPS.map(file) });
}

describe('manifest.xml', () => {
  const manifest = readFileSync(path.join(REPO, 'manifest.xml'), 'utf8');

  it('finds the XSDs beside the repository', () => {
    expect(existsSync(path.join(XSD_DIR, MAIN))).toBe(true);
  });

  it('passes the structural lint', async () => {
    const result = await lint(manifest);
    expect(result.errors.map((e) => e.message)).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('the lint catches an element out of order (so a pass means something)', async () => {
    const broken = manifest.replace('<Permissions>ReadWriteMailbox</Permissions>', '').replace('<FormSettings>', '<Permissions>ReadWriteMailbox</Permissions>\n  <FormSettings>');
    const result = await lint(broken);
    expect(result.valid).toBe(false);
  });

  it('has the read-mode buttons, multi-select, pinning and a compose-mode pane', () => {
    expect(manifest).toContain('DefaultValue="Importer til sak"');
    expect(manifest).toContain('DefaultValue="Arbeidsbord"');
    expect(manifest.match(/<SupportsMultiSelect>true<\/SupportsMultiSelect>/g)).toHaveLength(2);
    expect(manifest.match(/<SupportsPinning>true<\/SupportsPinning>/g)).toHaveLength(3);
    expect(manifest).toContain('xsi:type="MessageComposeCommandSurface"');
  });
});
