import type { FieldMessage } from "@/lib/validation/zod-messages";
import { quoteForMessage } from "@/lib/validation/zod-messages";
import { EMBED_SIZE, embedIframe, embedPath } from "./paths";

// oEmbed 1.0 (https://oembed.com/) for statements: a consumer that knows only a statement's address
// gets a "rich" answer whose html is an iframe of the statement's card. The answer's fields are
// built here; app/api/oembed/route.ts reads the request and the statement.

export type OEmbedRich = {
  version: "1.0";
  type: "rich";
  title: string;
  author_name: string;
  author_url: string;
  provider_name: string;
  provider_url: string;
  cache_age: number;
  html: string;
  width: number;
  height: number;
};

/** What the card and the statement page call a statement: its speaker and the start of its words. */
export function statementTitle(statement: { text: string; speaker: { name: string } }): string {
  const chars = Array.from(statement.text.replace(/\s+/g, " ").trim());
  return `${statement.speaker.name}: ${chars.length > 60 ? `${chars.slice(0, 60).join("")}…` : chars.join("")}`;
}

/**
 * The id of the statement a URL names on this site (/statements/15, with or without a trailing
 * slash or /embed; any query or fragment), or null for any other address. Only this site's host
 * counts; http and https are both taken, a proxy may change the scheme.
 */
export function statementIdOfUrl(raw: string, siteOrigin: string): number | null {
  if (!URL.canParse(raw)) return null;
  const url = new URL(raw);
  const site = new URL(siteOrigin);
  if ((url.protocol !== "http:" && url.protocol !== "https:") || url.host !== site.host || url.username || url.password)
    return null;
  const match = /^\/statements\/([1-9][0-9]{0,9})(?:\/embed)?\/?$/.exec(url.pathname);
  if (!match || Number(match[1]) > 2_147_483_647) return null;
  return Number(match[1]);
}

export type OEmbedRequest = { url: string; maxwidth: number | null; maxheight: number | null };

/** The consumer's request: `url` required, `maxwidth`/`maxheight` positive whole numbers when given. */
export function parseOEmbedParams(
  params: URLSearchParams,
): { ok: true; value: OEmbedRequest } | { ok: false; errors: FieldMessage[] } {
  const errors: FieldMessage[] = [];
  const url = params.get("url")?.trim() ?? "";
  if (url === "") errors.push({ field: "url", message: "is required: the address of a statement on this site" });
  const bound = (name: "maxwidth" | "maxheight") => {
    const value = params.get(name);
    if (value === null || value === "") return null;
    if (!/^[1-9][0-9]{0,4}$/.test(value)) {
      errors.push({
        field: name,
        message: `must be a whole number of pixels from 1 to 99999, got ${quoteForMessage(value)}`,
      });
      return null;
    }
    return Number(value);
  };
  const maxwidth = bound("maxwidth");
  const maxheight = bound("maxheight");
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: { url, maxwidth, maxheight } };
}

/** The card's size within the consumer's bounds (oEmbed: the answer must not exceed them). */
export function embedSize(request: Pick<OEmbedRequest, "maxwidth" | "maxheight">): { width: number; height: number } {
  return {
    width: Math.min(EMBED_SIZE.width, request.maxwidth ?? Infinity),
    height: Math.min(EMBED_SIZE.height, request.maxheight ?? Infinity),
  };
}

type EmbeddedStatement = { id: number; text: string; speaker: { name: string; slug: string } };

export function oembedRich(
  statement: EmbeddedStatement,
  options: { base: string; siteName: string; size: { width: number; height: number } },
): OEmbedRich {
  const title = statementTitle(statement);
  return {
    version: "1.0",
    type: "rich",
    title,
    author_name: statement.speaker.name,
    author_url: `${options.base}/speakers/${encodeURIComponent(statement.speaker.slug)}`,
    provider_name: options.siteName,
    provider_url: `${options.base}/`,
    cache_age: 3600,
    html: embedIframe(`${options.base}${embedPath(statement.id)}`, title, options.size),
    width: options.size.width,
    height: options.size.height,
  };
}
