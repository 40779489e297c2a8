/**
 * The title a mail attachment gets as a vedlegg (§10.3: "each attachment as a vedlegg with its
 * file name as a clean title"): the file name without its extension, underscores as spaces.
 * The server names imported attachments with it and the pane shows it as the suggestion the
 * user may correct, so both agree on what "the file name as a title" means.
 */
export function vedleggTittel(filnavn: string): string {
  const clean = filnavn
    .replace(/\.[A-Za-z0-9]{1,5}$/, '')
    .replace(/_+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return clean || filnavn;
}
