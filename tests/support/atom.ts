import { XMLParser, XMLValidator } from "fast-xml-parser";

// Atom documents read back with a real XML parser (fast-xml-parser), for the
// feed tests: well-formedness first, then the elements and attributes as data.

export const ATOM_NS = "http://www.w3.org/2005/Atom";

export type ParsedEntry = {
  id: string;
  title: string;
  updated: string;
  published: string | null;
  lang: string | null;
  link: string | null;
  authors: Array<{ name: string; uri: string | null }>;
  contentType: string | null;
  content: string;
  categories: string[];
};

export type ParsedFeed = {
  namespace: string | null;
  lang: string | null;
  id: string;
  title: string;
  subtitle: string | null;
  updated: string;
  self: string | null;
  alternate: string | null;
  authors: Array<{ name: string; uri: string | null }>;
  entries: ParsedEntry[];
  /** Every element name in the document. */
  elements: Set<string>;
};

type Node = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  textNodeName: "#text",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: false,
  isArray: (name) => ["entry", "link", "author", "category"].includes(name),
});

function text(node: unknown): string {
  if (node === undefined || node === null) return "";
  if (typeof node === "string") return node;
  return String((node as Node)["#text"] ?? "");
}

function attr(node: unknown, name: string): string | null {
  if (!node || typeof node !== "object") return null;
  const value = (node as Node)[`@_${name}`];
  return typeof value === "string" ? value : null;
}

function elementNames(node: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(node)) for (const item of node) elementNames(item, into);
  else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith("@_") || key === "#text" || key === "?xml") continue;
      into.add(key);
      elementNames(value, into);
    }
  }
  return into;
}

function authorsOf(node: Node): Array<{ name: string; uri: string | null }> {
  return ((node.author as Node[] | undefined) ?? []).map((a) => ({
    name: text(a.name),
    uri: a.uri === undefined ? null : text(a.uri),
  }));
}

function linkOf(node: Node, rel: string): string | null {
  const link = ((node.link as Node[] | undefined) ?? []).find((l) => (attr(l, "rel") ?? "alternate") === rel);
  return link ? attr(link, "href") : null;
}

/** Parses an Atom feed; throws with the parser's message when the XML is not well-formed. */
export function parseAtom(xml: string): ParsedFeed {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  const document = parser.parse(xml) as Node;
  const feed = document.feed as Node;
  if (!feed) throw new Error("no <feed> root element");
  return {
    namespace: attr(feed, "xmlns"),
    lang: attr(feed, "xml:lang"),
    id: text(feed.id),
    title: text(feed.title),
    subtitle: feed.subtitle === undefined ? null : text(feed.subtitle),
    updated: text(feed.updated),
    self: linkOf(feed, "self"),
    alternate: linkOf(feed, "alternate"),
    authors: authorsOf(feed),
    entries: ((feed.entry as Node[] | undefined) ?? []).map((entry) => ({
      id: text(entry.id),
      title: text(entry.title),
      updated: text(entry.updated),
      published: entry.published === undefined ? null : text(entry.published),
      lang: attr(entry, "xml:lang"),
      link: linkOf(entry, "alternate"),
      authors: authorsOf(entry),
      contentType: attr(entry.content, "type"),
      content: text(entry.content),
      categories: ((entry.category as Node[] | undefined) ?? []).map((c) => attr(c, "term") ?? ""),
    })),
    elements: elementNames(feed, new Set(["feed"])),
  };
}

/** RFC 3339 date-time in UTC, as the feeds write it. */
export const RFC3339_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
