import type { MailAddress } from './parsed-mail';

const PREFIX = /^\s*((re|sv|aw|fw|fwd|vs|wg|tr|rv)\s*(\[\d+\])?\s*:\s*)+/i;
const FORWARD_PREFIX = /^\s*((re|sv|aw)\s*:\s*)*(fw|fwd|vs|wg|tr|rv)\s*:/i;

/** The subject without reply/forward prefixes (Re:, SV:, Fwd:, VS: ...), as a journalpost title. */
export function cleanSubject(subject: string): string {
  return subject.replace(PREFIX, '').replace(/\s+/g, ' ').trim();
}

export const isForwardSubject = (subject: string) => FORWARD_PREFIX.test(subject);

// Outlook (no/en), Gmail and Apple Mail forward/quote markers.
const MARKERS = [
  /^-{2,}\s*(original message|opprinnelig melding|videresendt melding|forwarded message|videresendt e-post)\s*-{2,}\s*$/im,
  /^begin forwarded message:\s*$/im,
  /^videresendt melding:\s*$/im,
];
const FROM_LINE = /^\s*>*\s*\**(from|fra|von)\**\s*:\s*\**\s*(.+?)\s*$/gim;

/** Parses "Name <addr>", "addr", "Name [mailto:addr]" or `"Name" <addr>`. */
export function parseAddressLine(line: string): MailAddress | null {
  const clean = line.replace(/\*+/g, '').trim();
  const angle = /^(.*?)[<[](?:mailto:)?([^\s<>[\]]+@[^\s<>[\]]+)[>\]]/.exec(clean);
  if (angle) {
    const navn = angle[1]!.replace(/^["'\s]+|["'\s]+$/g, '').trim();
    return { navn: navn || null, epost: angle[2]!.toLowerCase() };
  }
  const bare = /([^\s<>"]+@[^\s<>"]+\.[a-z]{2,})/i.exec(clean);
  return bare ? { navn: null, epost: bare[1]!.toLowerCase() } : null;
}

/**
 * The original sender of a forwarded mail (manual §10.3: the forwarder is not the sender).
 * In a chain of forwards the deepest quoted From line is the original.
 */
export function originalSenderFromBody(subject: string, text: string): MailAddress | null {
  const marked = MARKERS.some((m) => m.test(text));
  if (!marked && !isForwardSubject(subject)) return null;
  let last: MailAddress | null = null;
  for (const m of text.matchAll(FROM_LINE)) {
    const a = parseAddressLine(m[2]!);
    if (a) last = a;
  }
  return last;
}

/** Their reference (Noark: deres referanse) when the sender wrote one: "Vår ref: 24/1234". */
export function referenceFrom(text: string, subject: string): string | null {
  const m = /\b(?:vår|var|our)\s+ref(?:eranse)?\.?\s*(?:nr\.?)?\s*[:.]?\s*([A-Za-z0-9][A-Za-z0-9/\-_.]{1,40}[A-Za-z0-9])/i.exec(`${subject}\n${text}`);
  return m ? m[1]! : null;
}
