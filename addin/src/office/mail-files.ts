import { baseName, isMailFile, type LoadedMail, type MailAddress } from './port';

/** Reads dropped .eml/.msg files (drag and drop onto the pane, §10.3). The same for Outlook and the fake mailbox. */
export async function readMailFiles(files: readonly File[]): Promise<readonly LoadedMail[]> {
    const out: LoadedMail[] = [];
    for (const file of files) {
      if (!isMailFile(file.name)) {
        out.push({ ok: false, itemId: file.name, subject: file.name, error: 'Bare .eml- og .msg-filer kan importeres' });
        continue;
      }
      const bytes = new Uint8Array(await file.arrayBuffer());
      const isEml = /\.eml$/i.test(file.name);
      const headers = isEml ? parseEmlHeaders(new TextDecoder().decode(bytes.subarray(0, 64 * 1024))) : {};
      const subject = headers.subject ?? baseName(file.name);
      const from = headers.from ? parseAddress(headers.from) : null;
      out.push({
        ok: true,
        item: {
          itemId: `fil:${file.name}`,
          internetMessageId: headers['message-id'] ?? null,
          subject,
          from,
          to: headers.to ? headers.to.split(',').map(parseAddress).filter((a): a is MailAddress => a !== null) : [],
          cc: [],
          dateTimeCreated: headers.date && !Number.isNaN(Date.parse(headers.date)) ? new Date(headers.date).toISOString() : new Date(file.lastModified || Date.now()).toISOString(),
          attachments: [],
          direction: 'received',
          originalSender: null,
        },
        mime: { name: file.name, contentType: isEml ? 'message/rfc822' : 'application/vnd.ms-outlook', bytes },
        attachments: [],
      });
    }
    return out;
}

/** The top-level headers of an RFC 5322 message (unfolded, lower-case names). */
export function parseEmlHeaders(text: string): Record<string, string> {
  const end = text.search(/\r?\n\r?\n/);
  const head = (end === -1 ? text : text.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  const out: Record<string, string> = {};
  for (const line of head.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) {
      const name = line.slice(0, i).trim().toLowerCase();
      if (!(name in out)) out[name] = line.slice(i + 1).trim();
    }
  }
  return out;
}

export function parseAddress(raw: string): MailAddress | null {
  const m = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(raw);
  if (m) return { name: m[1]!.trim() || m[2]!.trim(), email: m[2]!.trim() };
  const email = raw.trim();
  return email.includes('@') ? { name: email, email } : null;
}
