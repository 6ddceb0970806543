// Name normalisation for matching speakers, aliases and topics across spelling variants.
// Arabic folding is the search module's (same folding on both sides of every comparison);
// Latin script is lower-cased and stripped of diacritics here.
import { foldArabic, normalizeToken } from "@/lib/text/arabic";

// Folding the same words again and again (قال, the, a name) dominated extraction time on Arabic;
// a bounded cache of short tokens keeps it to a look-up. Derived data only: dropped when full.
const FOLD_CACHE_MAX = 50_000;
const foldCache = [new Map<string, string>(), new Map<string, string>()] as const;

/** Folds one token; `stripClitics` also removes و/ف/ب/ك/ل and the article (for matching, not display). */
export function foldToken(token: string, stripClitics = true): string {
  if (token.length > 40) return foldUncached(token, stripClitics);
  const cache = foldCache[stripClitics ? 1 : 0];
  let folded = cache.get(token);
  if (folded === undefined) {
    if (cache.size >= FOLD_CACHE_MAX) cache.clear();
    folded = foldUncached(token, stripClitics);
    cache.set(token, folded);
  }
  return folded;
}

function foldUncached(token: string, stripClitics: boolean): string {
  if (/[\u0600-\u06FF]/u.test(token)) return stripClitics ? normalizeToken(token) : foldArabic(token);
  return token.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/ß/gu, "ss");
}

/** Token list of a name or phrase, folded for comparison. */
export function nameTokens(text: string, stripClitics = true): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}\p{M}\u0640]+/gu)) {
    const t = foldToken(m[0], stripClitics);
    if (t) out.push(t);
  }
  return out;
}
