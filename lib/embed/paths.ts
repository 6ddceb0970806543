// The embeddable card of a statement (/statements/:id/embed): the one page other sites may frame.
// proxy.ts (the CSP's frame-ancestors), next.config.js (X-Frame-Options; it repeats this pattern,
// being plain JavaScript) and the root layout (no site header or footer) all ask this module.

const EMBED_PATH = /^\/statements\/[^/]+\/embed\/?$/;

export function isEmbedPath(pathname: string): boolean {
  return EMBED_PATH.test(pathname);
}

export function embedPath(statementId: number): string {
  return `/statements/${statementId}/embed`;
}

/** The iframe's size when the consumer asks for none: a card of a few lines of text. */
export const EMBED_SIZE = { width: 560, height: 340, minWidth: 200, minHeight: 150 } as const;

/** An attribute value: & < > " ' escaped, so that no text can leave the attribute. */
function attribute(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** The HTML a page pastes to show the card: an iframe, every value escaped. */
export function embedIframe(src: string, title: string, size: { width: number; height: number }): string {
  return `<iframe src="${attribute(src)}" width="${size.width}" height="${size.height}" title="${attribute(title)}" style="border:0;max-width:100%" loading="lazy" referrerpolicy="strict-origin-when-cross-origin"></iframe>`;
}
