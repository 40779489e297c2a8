import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * What a served page may load: its own scripts and Office.js from Microsoft's CDN (the task pane),
 * inline styles (Fluent UI writes its styles at run time; the public journal has one <style>),
 * and blob: for a document the pane opens in a new tab. Nothing else, no plugins from elsewhere.
 * No frame-ancestors: Outlook on the web shows the task pane in a frame.
 */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self' https://appsforoffice.microsoft.com",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'self' blob:",
  "frame-src 'self' blob:",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/** A stored document is data, never a page of this site: no scripts, no plugins, its own origin. */
export const DOCUMENT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox";

/** Types a browser would run or render as active content if it opened them from this origin. */
const ACTIVE = /^(text\/html|application\/xhtml\+xml|image\/svg\+xml|text\/xml|application\/xml|text\/javascript|application\/javascript|application\/ecmascript|text\/ecmascript|multipart\/x-mixed-replace)\b|\+xml\b/i;

/** The content type a stored document is served with: active types as plain bytes. */
export function downloadType(format: string): string {
  return ACTIVE.test(format) ? 'application/octet-stream' : format;
}

/** nosniff on every answer, and a Content-Security-Policy on every page that has none of its own. */
export const securityHeadersPlugin = fp(async (app: FastifyInstance) => {
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    const type = String(reply.getHeader('content-type') ?? '');
    if (type.startsWith('text/html') && !reply.hasHeader('content-security-policy')) reply.header('content-security-policy', PAGE_CSP);
    return payload;
  });
});
