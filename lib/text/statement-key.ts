import { createHash } from "node:crypto";
import { foldArabic } from "./arabic";

// Two wordings are "the same text" for the importer when they have the same words in the same order
// after folding case, Arabic letter variants and marks, and dropping punctuation, quotation marks and
// spacing: «قال إنّ …» and "قال ان ..." are one statement printed twice.
const WORD = /[\p{L}\p{N}]+/gu;

/** The words of a text as compared for identity: folded, lower-case, joined by single spaces. */
export function normalizedWords(text: string): string {
  return (foldArabic(text.normalize("NFKC")).toLowerCase().match(WORD) ?? []).join(" ");
}

/** A short key of normalizedWords(text), stored with each statement (an index cannot hold 10,000 characters). */
export function statementTextKey(text: string): string {
  return createHash("sha256").update(normalizedWords(text)).digest("base64url").slice(0, 32);
}
