// Atom 1.0 (RFC 4287) documents, built as text with every value escaped here:
// callers pass plain strings (statement text, names, titles) and never markup,
// so hostile text can only ever appear as character data. Generic on purpose:
// the speaker, topic and site feeds all build their documents with it.

export const ATOM_CONTENT_TYPE = "application/atom+xml; charset=utf-8";

export type AtomPerson = { name: string; uri?: string; email?: string };

export type AtomLink = {
  href: string;
  rel?: "alternate" | "self" | "related" | "via" | "enclosure";
  type?: string;
  hreflang?: string;
  title?: string;
};

export type AtomCategory = { term: string; label?: string; scheme?: string };

export type AtomText = { value: string; lang?: string };

export type AtomEntry = {
  /** A permanent, universally unique IRI (an absolute URL or a tag: URI). */
  id: string;
  title: string | AtomText;
  updated: Date | string;
  published?: Date | string;
  /** The entry's language (xml:lang on <entry>). */
  lang?: string;
  /** The entry's page (rel="alternate"). */
  link: string;
  links?: AtomLink[];
  authors?: AtomPerson[];
  /** Plain text content (type="text"): shown by feed readers as text, never as markup. */
  content?: string;
  summary?: string;
  categories?: AtomCategory[];
};

export type AtomFeed = {
  id: string;
  title: string;
  subtitle?: string;
  /** Defaults to the latest entry's `updated`, or `fallbackUpdated` when there is no entry. */
  updated?: Date | string;
  fallbackUpdated?: Date | string;
  /** The feed's language (xml:lang on <feed>). */
  lang?: string;
  /** The feed's own address (rel="self"); required by the spec's recommendations. */
  self: string;
  /** The page the feed is about (rel="alternate"). */
  alternate?: string;
  links?: AtomLink[];
  authors?: AtomPerson[];
  generator?: { name: string; uri?: string; version?: string };
  rights?: string;
  entries: AtomEntry[];
};

// Characters XML 1.0 does not allow at all (C0 controls other than tab, line
// feed and carriage return; lone surrogates; U+FFFE and U+FFFF). They cannot be
// escaped either, so they are dropped; everything else is kept as written,
// including bidi controls, which are ordinary characters to XML.
const NOT_XML_CHARS =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text as XML character data or an attribute value: & < > " ' escaped, characters XML forbids removed. */
export function escapeXml(value: string): string {
  return value
    .replace(NOT_XML_CHARS, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** RFC 3339 date-time in UTC, as Atom requires. Throws RangeError on an invalid date. */
export function atomDate(value: Date | string): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`atomDate: ${JSON.stringify(String(value))} is not a date`);
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

function latest(dates: Array<Date | string>): Date | null {
  let best: Date | null = null;
  for (const value of dates) {
    const date = value instanceof Date ? value : new Date(value);
    if (!Number.isNaN(date.getTime()) && (best === null || date > best)) best = date;
  }
  return best;
}

function attributes(values: Record<string, string | undefined>): string {
  return Object.entries(values)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeXml(value)}"`)
    .join("");
}

function element(name: string, text: string, attrs: Record<string, string | undefined> = {}): string {
  return `<${name}${attributes(attrs)}>${escapeXml(text)}</${name}>`;
}

function textElement(name: string, text: string | AtomText): string {
  return typeof text === "string"
    ? element(name, text, { type: "text" })
    : element(name, text.value, { type: "text", "xml:lang": text.lang });
}

function person(tag: "author" | "contributor", value: AtomPerson): string {
  const parts = [
    element("name", value.name),
    value.uri ? element("uri", value.uri) : "",
    value.email ? element("email", value.email) : "",
  ];
  return `<${tag}>${parts.join("")}</${tag}>`;
}

function link(value: AtomLink): string {
  return `<link${attributes({ rel: value.rel, type: value.type, hreflang: value.hreflang, title: value.title, href: value.href })}/>`;
}

function category(value: AtomCategory): string {
  return `<category${attributes({ term: value.term, scheme: value.scheme, label: value.label })}/>`;
}

function entry(value: AtomEntry, indent: string): string {
  const lines = [
    element("id", value.id),
    textElement("title", value.title),
    element("updated", atomDate(value.updated)),
    value.published !== undefined ? element("published", atomDate(value.published)) : "",
    ...(value.authors ?? []).map((a) => person("author", a)),
    link({ rel: "alternate", type: "text/html", href: value.link }),
    ...(value.links ?? []).map(link),
    ...(value.categories ?? []).map(category),
    value.summary !== undefined ? element("summary", value.summary, { type: "text" }) : "",
    value.content !== undefined ? element("content", value.content, { type: "text" }) : "",
  ].filter(Boolean);
  return `${indent}<entry${attributes({ "xml:lang": value.lang })}>\n${lines.map((line) => `${indent}  ${line}`).join("\n")}\n${indent}</entry>`;
}

/**
 * A complete Atom 1.0 document. Feed-level `updated` is the latest entry's
 * unless given. An entry without authors relies on the feed's authors, so a
 * feed must have authors unless every entry has its own (RFC 4287 §4.1.1).
 */
export function buildAtomFeed(feed: AtomFeed): string {
  const missingAuthor = (feed.authors ?? []).length === 0 && feed.entries.some((e) => (e.authors ?? []).length === 0);
  if (missingAuthor) throw new Error("buildAtomFeed: an entry has no author and the feed has none either");
  const updated = feed.updated ?? latest(feed.entries.map((e) => e.updated)) ?? feed.fallbackUpdated;
  if (updated === undefined)
    throw new Error("buildAtomFeed: the feed has no entries, so it needs `updated` or `fallbackUpdated`");
  const head = [
    element("id", feed.id),
    element("title", feed.title, { type: "text" }),
    feed.subtitle !== undefined ? element("subtitle", feed.subtitle, { type: "text" }) : "",
    element("updated", atomDate(updated)),
    link({ rel: "self", type: "application/atom+xml", href: feed.self }),
    feed.alternate !== undefined ? link({ rel: "alternate", type: "text/html", href: feed.alternate }) : "",
    ...(feed.links ?? []).map(link),
    ...(feed.authors ?? []).map((a) => person("author", a)),
    feed.generator
      ? element("generator", feed.generator.name, { uri: feed.generator.uri, version: feed.generator.version })
      : "",
    feed.rights !== undefined ? element("rights", feed.rights, { type: "text" }) : "",
  ].filter(Boolean);
  return [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<feed xmlns="http://www.w3.org/2005/Atom"${attributes({ "xml:lang": feed.lang })}>`,
    ...head.map((line) => `  ${line}`),
    ...feed.entries.map((e) => entry(e, "  ")),
    `</feed>`,
    "",
  ].join("\n");
}

/** A short single-line title from a longer text: whitespace collapsed, cut at a word boundary near `max` characters. */
export function excerpt(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const chars = Array.from(flat);
  if (chars.length <= max) return flat;
  const cut = chars.slice(0, max).join("");
  const space = cut.lastIndexOf(" ");
  return `${(space >= max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:،؛]+$/u, "")}…`;
}

/** Joins a base origin (https://example.org) and a path that is already percent-encoded. */
export function absoluteUrl(origin: string, path: string): string {
  return new URL(path, origin.endsWith("/") ? origin : `${origin}/`).toString();
}
