import PDFDocument from 'pdfkit';
import { strToU8, zipSync } from 'fflate';
import { trekkUtTekst } from './tekstuttrekk';

function pdf(text: string): Promise<Uint8Array> {
  return new Promise((resolve) => {
    const doc = new PDFDocument();
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.text(text);
    doc.end();
  });
}

describe('text extraction for search', () => {
  it('reads the text of a PDF', async () => {
    const text = await trekkUtTekst(await pdf('Søknad om skjenkebevilling for Kafé Øyen'), 'application/pdf', 'brev.pdf');
    expect(text).toContain('Søknad om skjenkebevilling for Kafé Øyen');
  });

  it('reads a Word document from the XML inside the zip', async () => {
    const body = '<w:document><w:body><w:p><w:r><w:t>Vedtak om </w:t></w:r><w:r><w:t>byggetillatelse</w:t></w:r></w:p><w:p><w:r><w:t>Gnr. 12 &amp; bnr. 4</w:t></w:r></w:p></w:body></w:document>';
    const docx = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': strToU8(body), 'word/styles.xml': strToU8('<w:t>Overskrift</w:t>') });
    const text = await trekkUtTekst(docx, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'vedtak.docx');
    expect(text).toContain('Vedtak om byggetillatelse');
    expect(text).toContain('Gnr. 12 & bnr. 4');
    expect(text).not.toContain('Overskrift');
  });

  it('reads a spreadsheet and an OpenDocument text', async () => {
    const xlsx = zipSync({ 'xl/sharedStrings.xml': strToU8('<sst><si><t>Tilskudd idrettslag</t></si></sst>') });
    expect(await trekkUtTekst(xlsx, 'application/octet-stream', 'liste.xlsx')).toContain('Tilskudd idrettslag');
    const odt = zipSync({ 'content.xml': strToU8('<office:text><text:p>Referat fra møtet</text:p></office:text>') });
    expect(await trekkUtTekst(odt, 'application/vnd.oasis.opendocument.text', 'referat.odt')).toContain('Referat fra møtet');
  });

  it('reads a mail: subject, addresses and body', async () => {
    const eml = 'From: Ingrid Haugen <ingrid@example.no>\r\nTo: post@kommune.no\r\nSubject: Klage på vedtak\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nJeg klager på gebyret for feiing.\r\n';
    const text = await trekkUtTekst(new TextEncoder().encode(eml), 'message/rfc822', 'klage.eml');
    expect(text).toContain('Klage på vedtak');
    expect(text).toContain('Ingrid Haugen');
    expect(text).toContain('gebyret for feiing');
  });

  it('reads plain text and HTML; other formats give nothing', async () => {
    expect(await trekkUtTekst(new TextEncoder().encode('Notat om brøyting'), 'text/plain', 'notat.txt')).toBe('Notat om brøyting');
    expect(await trekkUtTekst(new TextEncoder().encode('<p>Brev om&nbsp;<b>skolerute</b></p><script>x()</script>'), 'text/html', 'b.html')).toMatch(/Brev om\s+skolerute/);
    expect(await trekkUtTekst(new Uint8Array([0xff, 0xd8, 0xff]), 'image/jpeg', 'bilde.jpg')).toBeNull();
  });
});
