export const SLUG_MAX_LENGTH = 80;
export const SLUG_FALLBACK = "item";

// Latin letters that carry no Unicode decomposition, so NFD alone would not
// reduce them to ASCII (Straße → strasse, Łódź → lodz).
const LATIN_LETTERS_WITHOUT_DECOMPOSITION: Record<string, string> = {
  ß: "ss",
  ẞ: "ss",
  æ: "ae",
  œ: "oe",
  ø: "o",
  đ: "d",
  ð: "d",
  ħ: "h",
  ı: "i",
  ł: "l",
  þ: "th",
  ŧ: "t",
};
const SPECIAL_LATIN = new RegExp(`[${Object.keys(LATIN_LETTERS_WITHOUT_DECOMPOSITION).join("")}]`, "gu");

/**
 * A URL slug that keeps letters and digits of every script (Arabic names stay
 * Arabic), lowercases, strips Latin diacritics (Médecins → medecins) and joins
 * words with single hyphens. At most 80 characters; never empty ("item").
 */
export function slugify(name: string): string {
  const words = name
    // NFKC folds compatibility forms: ligatures (ﬁ), full-width letters, Arabic presentation forms.
    .normalize("NFKC")
    .toLowerCase()
    // Decompose only Latin letters: NFD on everything would also split e.g. Japanese が into か + mark.
    .replace(/\p{Script=Latin}/gu, (letter) => letter.normalize("NFD"))
    // Diacritics, Arabic harakat and other marks; the slug keeps base letters only.
    .replace(/\p{M}/gu, "")
    // After decomposition, so that ǣ (æ + macron) is caught too.
    .replace(SPECIAL_LATIN, (letter) => LATIN_LETTERS_WITHOUT_DECOMPOSITION[letter] ?? letter)
    // Arabic tatweel is a letter to Unicode but only stretches words visually.
    .replace(/\u0640/g, "")
    // Apostrophes join a word rather than split it: O'Brien → obrien.
    .replace(/['’ʼ]/g, "")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== "");

  const slug = truncateWords(words, SLUG_MAX_LENGTH);
  return slug === "" ? SLUG_FALLBACK : slug;
}

/** Joins words with hyphens within `max` code points, cutting at a word boundary when one is near. */
function truncateWords(words: string[], max: number): string {
  const chars = Array.from(words.join("-"));
  if (chars.length <= max) return chars.join("");
  const cut = chars.slice(0, max);
  // Whole words read better than a chopped one, unless that would lose a lot.
  const lastHyphen = cut.lastIndexOf("-");
  const kept = chars[max] === "-" ? cut : lastHyphen >= max / 2 ? cut.slice(0, lastHyphen) : cut;
  return kept.join("").replace(/-+$/, "");
}

const UNIQUE_SLUG_MAX_ATTEMPTS = 100_000;

/**
 * `base` (slugified first) if free, otherwise base-2, base-3, … — shortening
 * the base so the result stays within SLUG_MAX_LENGTH. Throws rather than loop
 * forever if `taken` never says no.
 */
export function uniqueSlug(base: string, taken: (slug: string) => boolean): string {
  const root = slugify(base);
  if (!taken(root)) return root;
  const chars = Array.from(root);
  for (let n = 2; n <= UNIQUE_SLUG_MAX_ATTEMPTS; n += 1) {
    const suffix = `-${n}`;
    const room = SLUG_MAX_LENGTH - suffix.length;
    const head = chars.length > room ? chars.slice(0, room).join("").replace(/-+$/, "") : root;
    const candidate = `${head}${suffix}`;
    if (!taken(candidate)) return candidate;
  }
  throw new Error(`uniqueSlug: no free slug for "${root}" after ${UNIQUE_SLUG_MAX_ATTEMPTS} attempts`);
}
