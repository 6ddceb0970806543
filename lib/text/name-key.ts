import { normalizeForSearch } from "@/lib/text/arabic";
import { slugify } from "./slug";

/**
 * The key under which a name or alias is looked up: Arabic folded as search
 * folds it, Latin lowercased without diacritics or punctuation. "Mr. Makin",
 * "mr makin" and «أنجيلا ميركل» / «انجيلا ميركل» each give one key.
 */
export function nameKey(name: string): string {
  return slugify(normalizeForSearch(name));
}
