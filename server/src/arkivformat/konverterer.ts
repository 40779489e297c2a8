import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderPdf } from '../mail/body-pdf';

/** A conversion that cannot succeed by trying again (an unsupported format, a broken file). */
export class KonverteringsFeil extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'KonverteringsFeil';
  }
}

/** LibreOffice's PDF export filter per kind of document; SelectPdfVersion 2 is PDF/A-2b. */
const OFFICE: Readonly<Record<string, 'writer' | 'calc' | 'impress'>> = {
  doc: 'writer', docx: 'writer', odt: 'writer', rtf: 'writer', txt: 'writer', html: 'writer', htm: 'writer', wpd: 'writer',
  xls: 'calc', xlsx: 'calc', ods: 'calc', csv: 'calc',
  ppt: 'impress', pptx: 'impress', odp: 'impress',
};
const MIME_EXT: Readonly<Record<string, string>> = {
  'application/msword': 'doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/rtf': 'rtf',
  'text/plain': 'txt',
  'text/html': 'html',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.oasis.opendocument.spreadsheet': 'ods',
  'text/csv': 'csv',
  'application/vnd.ms-powerpoint': 'ppt',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
  'application/vnd.oasis.opendocument.presentation': 'odp',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'application/pdf': 'pdf',
};

/** The kind of a stored file by its name's ending, else its media type. */
export function filtype(filnavn: string, format: string): string | undefined {
  const ext = /\.([A-Za-z0-9]{1,5})$/.exec(filnavn)?.[1]?.toLowerCase();
  if (ext && (OFFICE[ext] || ['png', 'jpg', 'jpeg', 'pdf'].includes(ext))) return ext === 'jpeg' ? 'jpg' : ext;
  return MIME_EXT[format.split(';')[0]!.trim().toLowerCase()];
}

/** True when the PDF declares PDF/A conformance in its XMP metadata (pdfaid:part). */
export function erPdfA(bytes: Uint8Array): boolean {
  return /pdfaid:part\s*(=\s*["']|>\s*)[123]/.test(Buffer.from(bytes).toString('latin1'));
}

/** The LibreOffice program: ARKIV_SOFFICE, else `soffice` on PATH; null when there is none. */
export function finnSoffice(env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  const candidate = env.ARKIV_SOFFICE || 'soffice';
  return new Promise((resolve) => {
    execFile(candidate, ['--version'], { timeout: 30_000, encoding: 'utf8' }, (err, stdout) => resolve(!err && /LibreOffice/.test(stdout) ? candidate : null));
  });
}

let funnet: Promise<string | null> | undefined;
/** finnSoffice, asked once per process. */
export const finnSofficeEnGang = () => (funnet ??= finnSoffice());

export interface Konverterer {
  /** Whether office documents can be converted here (LibreOffice found). Images and PDF/A need no program. */
  readonly soffice: string | null;
  /** The archive variant (PDF/A-2b) of a file, or a KonverteringsFeil. */
  tilPdfA(input: Uint8Array, filnavn: string, format: string, tittel: string): Promise<Uint8Array>;
}

/**
 * Converts documents to PDF/A-2b: office documents with LibreOffice headless (one process per
 * file, its own profile folder, killed at the timeout), PNG and JPEG by drawing them on an A4
 * page with the server's PDF/A writer, and a PDF that already is PDF/A kept as it is.
 */
export function lagKonverterer(opts: { soffice: string | null; timeoutMs: number }): Konverterer {
  return {
    soffice: opts.soffice,
    async tilPdfA(input, filnavn, format, tittel) {
      const type = filtype(filnavn, format);
      if (type === 'pdf') {
        if (erPdfA(input)) return input;
        throw new KonverteringsFeil('PDF-filen er ikke PDF/A; arkivet må få en PDF/A-versjon fra avsender eller saksbehandler', true);
      }
      if (type === 'png' || type === 'jpg') {
        try {
          return await renderPdf(tittel, [{ bilder: [{ mimeType: type === 'png' ? 'image/png' : 'image/jpeg', data: input }] }]);
        } catch (err) {
          throw new KonverteringsFeil(`bildet kan ikke leses: ${(err as Error).message}`, true);
        }
      }
      const kind = type ? OFFICE[type] : undefined;
      if (!type || !kind) throw new KonverteringsFeil(`formatet ${format} (${filnavn}) har ingen konvertering til arkivformat`, true);
      if (!opts.soffice) throw new KonverteringsFeil('LibreOffice er ikke installert på serveren (arkivformat utilgjengelig)', false);
      return libreOffice(opts.soffice, input, type, kind, opts.timeoutMs);
    },
  };
}

async function libreOffice(soffice: string, input: Uint8Array, ext: string, kind: string, timeoutMs: number): Promise<Uint8Array> {
  const dir = await mkdtemp(path.join(tmpdir(), 'arkivformat-'));
  try {
    const inn = path.join(dir, `dokument.${ext}`);
    const ut = path.join(dir, 'ut');
    await writeFile(inn, input);
    const filter = `pdf:${kind}_pdf_Export:${JSON.stringify({ SelectPdfVersion: { type: 'long', value: '2' } })}`;
    const args = ['--headless', '--norestore', '--nolockcheck', '--nodefault', `-env:UserInstallation=${pathToFileURL(path.join(dir, 'profil')).href}`, '--convert-to', filter, '--outdir', ut, inn];
    const { code, output, timedOut } = await run(soffice, args, timeoutMs);
    if (timedOut) throw new KonverteringsFeil(`LibreOffice brukte mer enn ${Math.round(timeoutMs / 1000)} s`, false);
    const files = await readdir(ut).catch(() => [] as string[]);
    const pdf = files.find((f) => f.endsWith('.pdf'));
    if (code !== 0 || !pdf) throw new KonverteringsFeil(`LibreOffice kunne ikke konvertere filen (kode ${code}): ${output.trim().slice(0, 300) || 'ingen utdata'}`, code === 0);
    return new Uint8Array(await readFile(path.join(ut, pdf)));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function run(cmd: string, args: string[], timeoutMs: number): Promise<{ code: number | null; output: string; timedOut: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let timedOut = false;
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      // The whole process group: soffice starts soffice.bin beside itself.
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ code: -1, output: err.message, timedOut });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output, timedOut });
    });
  });
}
