// Date expressions in the three languages, resolved against the publication day.
// Rules: yesterday = published − 1, today = published, tomorrow = published + 1; a bare weekday is the
// latest such weekday on or before the publication day (reported statements lie in the past); a day+month
// without a year takes the publication year, or the previous year if that would fall after publication.
import type { Lang } from "./types";

export interface DayDate {
  y: number;
  m: number;
  d: number;
}

export function parseIsoDay(s: string): DayDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(s);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (!isValidDay(y, mo, d)) return null;
  return { y, m: mo, d };
}

export function isValidDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || y < 1) return false;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

const toUtc = (x: DayDate): number => Date.UTC(x.y, x.m - 1, x.d);
const fromUtc = (t: number): DayDate => {
  const dt = new Date(t);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
};
export const formatDay = (x: DayDate): string =>
  `${String(x.y).padStart(4, "0")}-${String(x.m).padStart(2, "0")}-${String(x.d).padStart(2, "0")}`;
const addDays = (x: DayDate, n: number): DayDate => fromUtc(toUtc(x) + n * 86400000);

/** Latest day with the given weekday (0 = Sunday) on or before `ref`. */
export function lastWeekday(ref: DayDate, weekday: number): DayDate {
  const cur = new Date(toUtc(ref)).getUTCDay();
  return addDays(ref, -((cur - weekday + 7) % 7));
}

const AR_MONTHS: [string, number][] = [
  ["كانون الثاني", 1],
  ["شباط", 2],
  ["آذار", 3],
  ["اذار", 3],
  ["نيسان", 4],
  ["أيار", 5],
  ["ايار", 5],
  ["حزيران", 6],
  ["تموز", 7],
  ["آب", 8],
  ["اب", 8],
  ["أيلول", 9],
  ["ايلول", 9],
  ["تشرين الأول", 10],
  ["تشرين أول", 10],
  ["تشرين الاول", 10],
  ["تشرين الثاني", 11],
  ["تشرين ثاني", 11],
  ["كانون الأول", 12],
  ["كانون أول", 12],
  ["كانون الاول", 12],
  ["كانون ثاني", 1],
  ["يناير", 1],
  ["فبراير", 2],
  ["مارس", 3],
  ["أبريل", 4],
  ["إبريل", 4],
  ["ابريل", 4],
  ["مايو", 5],
  ["يونيو", 6],
  ["يونيه", 6],
  ["يوليو", 7],
  ["يوليه", 7],
  ["أغسطس", 8],
  ["اغسطس", 8],
  ["سبتمبر", 9],
  ["أكتوبر", 10],
  ["اكتوبر", 10],
  ["نوفمبر", 11],
  ["ديسمبر", 12],
];
const DE_MONTHS: [string, number][] = [
  ["Januar", 1],
  ["Jänner", 1],
  ["Jan.", 1],
  ["Februar", 2],
  ["Feb.", 2],
  ["März", 3],
  ["April", 4],
  ["Apr.", 4],
  ["Mai", 5],
  ["Juni", 6],
  ["Juli", 7],
  ["August", 8],
  ["Aug.", 8],
  ["September", 9],
  ["Sept.", 9],
  ["Sep.", 9],
  ["Oktober", 10],
  ["Okt.", 10],
  ["November", 11],
  ["Nov.", 11],
  ["Dezember", 12],
  ["Dez.", 12],
];
const EN_MONTHS: [string, number][] = [
  ["January", 1],
  ["Jan.", 1],
  ["February", 2],
  ["Feb.", 2],
  ["March", 3],
  ["April", 4],
  ["Apr.", 4],
  ["May", 5],
  ["June", 6],
  ["July", 7],
  ["August", 8],
  ["Aug.", 8],
  ["September", 9],
  ["Sept.", 9],
  ["Sep.", 9],
  ["October", 10],
  ["Oct.", 10],
  ["November", 11],
  ["Nov.", 11],
  ["December", 12],
  ["Dec.", 12],
];

const WEEKDAYS: Record<Lang, [string, number][]> = {
  ar: [
    ["الأحد", 0],
    ["الاحد", 0],
    ["الاثنين", 1],
    ["الإثنين", 1],
    ["الثلاثاء", 2],
    ["الأربعاء", 3],
    ["الاربعاء", 3],
    ["الخميس", 4],
    ["الجمعة", 5],
    ["السبت", 6],
  ],
  de: [
    ["Sonntag", 0],
    ["Montag", 1],
    ["Dienstag", 2],
    ["Mittwoch", 3],
    ["Donnerstag", 4],
    ["Freitag", 5],
    ["Samstag", 6],
    ["Sonnabend", 6],
  ],
  en: [
    ["Sunday", 0],
    ["Monday", 1],
    ["Tuesday", 2],
    ["Wednesday", 3],
    ["Thursday", 4],
    ["Friday", 5],
    ["Saturday", 6],
  ],
};

const RELATIVE: Record<Lang, [string, number][]> = {
  ar: [
    ["أمس الأول", -2],
    ["أول أمس", -2],
    ["أمس", -1],
    ["امس", -1],
    ["البارحة", -1],
    ["اليوم", 0],
    ["غداً", 1],
    ["غدا", 1],
  ],
  de: [
    ["vorgestern", -2],
    ["gestern", -1],
    ["heute", 0],
    ["übermorgen", 2],
    ["morgen", 1],
  ],
  en: [
    ["the day before yesterday", -2],
    ["yesterday", -1],
    ["today", 0],
    ["tomorrow", 1],
  ],
};

const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
const alt = (xs: [string, number][]): string =>
  [...xs]
    .sort((a, b) => b[0].length - a[0].length)
    .map(([w]) => esc(w))
    .join("|");

// Arabic words may carry و/ف/ب/ل prefixes; Latin words need plain boundaries. A boundary is any
// non-letter: the Arabic comma and question mark lie inside the Arabic block ("، الخميس،").
const AR_L = "(?<![\\p{L}\\p{M}])(?:و|ف|ب)?";
const AR_R = "(?![\\p{L}\\p{M}])";
const LAT_L = "(?<![\\p{L}\\p{N}])";
const LAT_R = "(?![\\p{L}])";

const digits = (s: string): number => Number(s.replace(/[٠-٩]/gu, (c) => String(c.charCodeAt(0) - 0x0660)));

interface DatePatterns {
  absolute: RegExp[];
  relative: RegExp;
  weekday: RegExp;
  months: Map<string, number>;
}

function buildPatterns(lang: Lang): DatePatterns {
  const monthList = lang === "ar" ? AR_MONTHS : lang === "de" ? DE_MONTHS : EN_MONTHS;
  const months = new Map(monthList.map(([w, n]) => [w.toLowerCase(), n]));
  const M = alt(monthList);
  const D = "[0-9٠-٩]{1,2}";
  const Y = "[0-9٠-٩]{4}";
  if (lang === "ar") {
    return {
      absolute: [new RegExp(`(${D})\\s*(?:من\\s+)?(?:شهر\\s+)?(${M})${AR_R}(?:\\s*(?:عام|سنة)?\\s*(${Y}))?`, "gu")],
      relative: new RegExp(`${AR_L}(${alt(RELATIVE.ar)})${AR_R}`, "gu"),
      weekday: new RegExp(`${AR_L}(?:يوم\\s+)?(${alt(WEEKDAYS.ar)})${AR_R}(?!\\s+(?:المقبل|القادم))`, "gu"),
      months,
    };
  }
  if (lang === "de") {
    return {
      absolute: [new RegExp(`${LAT_L}(${D})\\.\\s*(${M})(?:${LAT_R}|(?<=\\.))(?:\\s+(${Y}))?`, "gu")],
      relative: new RegExp(`${LAT_L}(${alt(RELATIVE.de)})${LAT_R}`, "gu"),
      weekday: new RegExp(`${LAT_L}(?<!(?:kommenden|nächsten)\\s+)(${alt(WEEKDAYS.de)})${LAT_R}`, "gu"),
      months,
    };
  }
  return {
    absolute: [
      new RegExp(`${LAT_L}(${D})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${M})(?:${LAT_R}|(?<=\\.))(?:,?\\s+(${Y}))?`, "gu"),
      new RegExp(`${LAT_L}(${M})(?:${LAT_R}|(?<=\\.))\\s+(${D})(?:st|nd|rd|th)?${LAT_R}(?:,?\\s+(${Y}))?`, "gu"),
    ],
    relative: new RegExp(`${LAT_L}(${alt(RELATIVE.en)})${LAT_R}`, "giu"),
    weekday: new RegExp(`${LAT_L}(?<!(?:next|coming)\\s+)(${alt(WEEKDAYS.en)})${LAT_R}`, "gu"),
    months,
  };
}

const PATTERNS: Record<Lang, DatePatterns> = {
  ar: buildPatterns("ar"),
  de: buildPatterns("de"),
  en: buildPatterns("en"),
};

export interface FoundDate {
  start: number;
  end: number;
  surface: string;
  /** YYYY-MM-DD, or null when there is no publication day to resolve against. */
  date: string | null;
}

/** First date expression in text[from,to), resolved; absolute dates win over relative words. */
export function findDate(
  text: string,
  lang: Lang,
  from: number,
  to: number,
  published: DayDate | null,
): FoundDate | null {
  if (to <= from) return null;
  const region = text.slice(from, to);
  const p = PATTERNS[lang];
  for (const re of p.absolute) {
    re.lastIndex = 0;
    for (const m of region.matchAll(re)) {
      const en2 = lang === "en" && re === p.absolute[1];
      const dayStr = en2 ? m[2] : m[1];
      const monStr = en2 ? m[1] : m[2];
      const d = digits(dayStr ?? "0");
      const mo = p.months.get((monStr ?? "").toLowerCase()) ?? 0;
      let y = m[3] ? digits(m[3]) : published ? published.y : 0;
      if (!m[3] && published && y > 0 && toUtc({ y, m: mo, d }) > toUtc(published)) y -= 1;
      const s = from + (m.index ?? 0);
      const surface = m[0];
      if (y > 0 && isValidDay(y, mo, d))
        return { start: s, end: s + surface.length, surface, date: formatDay({ y, m: mo, d }) };
      if (!published && isValidDay(2000, mo, d)) return { start: s, end: s + surface.length, surface, date: null };
    }
  }
  const rel = firstMatch(p.relative, region);
  const wd = firstMatch(p.weekday, region);
  // "اليوم الأربعاء", "اليوم (الخميس)" name the day: an article published two days later still means that Wednesday.
  const todayNamed =
    lang === "ar" &&
    rel &&
    wd &&
    rel[1] === "اليوم" &&
    /^\s*\(?\s*$/u.test(region.slice(rel.index + rel[0].length, wd.index));
  const pick =
    rel && !todayNamed && (!wd || rel.index <= wd.index)
      ? { m: rel, kind: "rel" as const }
      : wd
        ? { m: wd, kind: "wd" as const }
        : null;
  if (!pick) return null;
  const word = pick.m[1] ?? "";
  const s = from + pick.m.index + pick.m[0].indexOf(word);
  let date: string | null = null;
  if (published) {
    if (pick.kind === "rel") {
      const off = RELATIVE[lang].find(([w]) => w.toLowerCase() === word.toLowerCase())?.[1] ?? 0;
      date = formatDay(addDays(published, off));
    } else {
      const wdn = WEEKDAYS[lang].find(([w]) => w === word)?.[1] ?? 0;
      date = formatDay(lastWeekday(published, wdn));
    }
  }
  return { start: s, end: s + word.length, surface: word, date };
}

function firstMatch(re: RegExp, s: string): (RegExpExecArray & { index: number }) | null {
  re.lastIndex = 0;
  const m = re.exec(s);
  re.lastIndex = 0;
  return m as (RegExpExecArray & { index: number }) | null;
}
