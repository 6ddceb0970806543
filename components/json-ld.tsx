// A schema.org description in a <script type="application/ld+json">. The JSON is written so that no
// text in it can end the script element or open a comment: < > & and the two JavaScript line
// separators are escaped as \u sequences, which JSON parsers read back as the same characters.

/** JSON for a script element: the same value, with nothing an HTML parser would act on. */
export function jsonForScript(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

export function JsonLd({ data }: { data: unknown }) {
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonForScript(data) }} />;
}

/** The schema.org type of a speaker: a person, or an organization (a group counts as one). */
export function speakerSchemaType(kind: string): "Person" | "Organization" {
  return kind === "person" ? "Person" : "Organization";
}

export function wikidataUrl(id: string): string {
  return `https://www.wikidata.org/wiki/${id}`;
}
