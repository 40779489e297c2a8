import { randomBytes } from 'node:crypto';

/** A multipart/form-data body for app.inject: fields first, then files (as the routes expect). */
export function multipart(fields: Record<string, string>, files: readonly { filnavn: string; data: Buffer; type?: string; field?: string }[]) {
  const boundary = `----arkiv${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field ?? 'fil'}"; filename="${f.filnavn.replace(/"/g, '%22')}"\r\nContent-Type: ${f.type ?? 'message/rfc822'}\r\n\r\n`));
    parts.push(f.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
