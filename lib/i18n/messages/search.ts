import type { UiLocale } from "../config";
import { pluralRulesOf } from "../formatters";
import { defineMessages, type Translate } from "../translate";

/** CLDR plural categories; Arabic uses all six (0, 1, 2, 3–10, 11–99, 100…). */
export type PluralCategory = "Zero" | "One" | "Two" | "Few" | "Many" | "Other";

const CATEGORY: Record<Intl.LDMLPluralRule, PluralCategory> = {
  zero: "Zero",
  one: "One",
  two: "Two",
  few: "Few",
  many: "Many",
  other: "Other",
};

/** Zero has a wording of its own in every language ("No statements found"). */
export function pluralCategory(locale: UiLocale, count: number): PluralCategory {
  return count === 0 ? "Zero" : CATEGORY[pluralRulesOf(locale).select(count)];
}

/** tr("found" + category): messages keyed `<base>Zero` … `<base>Other` in both languages. */
export function plural<Keys extends string>(
  tr: Translate<Keys>,
  locale: UiLocale,
  base: string,
  count: number,
): string {
  return tr(`${base}${pluralCategory(locale, count)}` as Keys, { count });
}

export const searchMessages = defineMessages({
  en: {
    title: "Search",
    titleWithQuery: "“{q}” — search",
    heading: "Search statements",
    queryLabel: "Search statements",
    queryPlaceholder: "Who said what — e.g. Merkel, ميركل, hospitals",
    dateLegend: "Date said",
    fromLabel: "From",
    toLabel: "Until",
    dateHint: "A year, month or day: 2016, 2016-11 or 2016-11-19.",
    sortLabel: "Sort by",
    sortRelevance: "Relevance",
    sortNewest: "Newest first",
    sortOldest: "Oldest first",
    submit: "Search",
    updating: "Updating the results…",
    resultsHeading: "Results",
    foundZero: "No statements found",
    foundOne: "1 statement found",
    foundTwo: "{count} statements found",
    foundFew: "{count} statements found",
    foundMany: "{count} statements found",
    foundOther: "{count} statements found",
    statementsZero: "no statements",
    statementsOne: "1 statement",
    statementsTwo: "{count} statements",
    statementsFew: "{count} statements",
    statementsMany: "{count} statements",
    statementsOther: "{count} statements",
    pageOf: "Page {page} of {pages}",
    pageEmpty: "There are no results on page {page}.",
    goToLastPage: "Go to the last page ({page})",
    filtersHeading: "Filter the results",
    jumpToFilters: "Jump to the filters",
    facetSpeaker: "Speaker",
    facetTopic: "Topic",
    facetLanguage: "Language",
    facetKind: "Kind of quote",
    facetYear: "Year said",
    facetReviewed: "Fact-checks",
    reviewedYes: "Fact-checked",
    facetSelected: "(filter on — select to remove it)",
    facetShowAll: "Show all {count}",
    activeFilters: "Filters on:",
    removeFilter: "Remove the filter {label}",
    removeAllFilters: "Remove all filters",
    filterFrom: "from {date}",
    filterTo: "until {date}",
    paginationLabel: "Result pages",
    previous: "Previous",
    next: "Next",
    pageNumber: "Page {page}",
    emptyHeading: "Nothing matched your search",
    emptyIntro: "Try one of these:",
    tipFewerWords: "Use fewer words, for example",
    tipSpelling:
      "Check the spelling, or try another one: Arabic names are often written in several ways (الأسد or الاسد, مستشفى or مستشفي).",
    tipScript: "Write the name in another script: Merkel or ميركل, Steinmeier or شتاينماير.",
    tipRemoveFilters: "Remove a filter:",
    tipEmptyCollection: "There are no published statements yet.",
    errorHeading: "The search could not be run",
    errorIntro: "Please correct the address or the form:",
    errorRemoveParameter: "Search without “{field}”",
    errorStartOver: "Start a new search",
    fieldQ: "Search words",
    fieldSpeaker: "Speaker",
    fieldTopic: "Topic",
    fieldLang: "Language",
    fieldKind: "Kind of quote",
    fieldYear: "Year",
    fieldReviewed: "Fact-checked",
    fieldFrom: "Said from",
    fieldTo: "Said until",
    fieldSort: "Sort",
    fieldPage: "Page",
    fieldLimit: "Results per page",
    unavailableHeading: "Search is unavailable right now",
    unavailableText:
      "The search index cannot be reached at the moment. Speaker, topic, date and statement pages still work; please try the search again in a little while.",
    tryAgain: "Try the search again",
    browseSpeakers: "Browse the speakers",
    browseTopics: "Browse the topics",
    browseLatest: "Read the latest statements",
  },
  ar: {
    title: "البحث",
    titleWithQuery: "«{q}» — البحث",
    heading: "البحث في التصريحات",
    queryLabel: "ابحث في التصريحات",
    queryPlaceholder: "من قال ماذا — مثلاً: ميركل، Merkel، مستشفيات",
    dateLegend: "تاريخ التصريح",
    fromLabel: "من",
    toLabel: "حتى",
    dateHint: "سنة أو شهر أو يوم: 2016 أو 2016-11 أو 2016-11-19.",
    sortLabel: "الترتيب",
    sortRelevance: "الأكثر صلة",
    sortNewest: "الأحدث أولاً",
    sortOldest: "الأقدم أولاً",
    submit: "بحث",
    updating: "جارٍ تحديث النتائج…",
    resultsHeading: "النتائج",
    foundZero: "لم يُعثر على أي تصريح",
    foundOne: "عُثر على تصريح واحد",
    foundTwo: "عُثر على تصريحين",
    foundFew: "عُثر على {count} تصريحات",
    foundMany: "عُثر على {count} تصريحًا",
    foundOther: "عُثر على {count} تصريح",
    statementsZero: "لا تصريحات",
    statementsOne: "تصريح واحد",
    statementsTwo: "تصريحان",
    statementsFew: "{count} تصريحات",
    statementsMany: "{count} تصريحًا",
    statementsOther: "{count} تصريح",
    pageOf: "الصفحة {page} من {pages}",
    pageEmpty: "لا نتائج في الصفحة {page}.",
    goToLastPage: "انتقل إلى الصفحة الأخيرة ({page})",
    filtersHeading: "تصفية النتائج",
    jumpToFilters: "انتقل إلى عوامل التصفية",
    facetSpeaker: "المتحدث",
    facetTopic: "الموضوع",
    facetLanguage: "اللغة",
    facetKind: "نوع الاقتباس",
    facetYear: "سنة التصريح",
    facetReviewed: "تدقيق الحقائق",
    reviewedYes: "خضع للتدقيق",
    facetSelected: "(عامل تصفية مفعَّل — اختره لإزالته)",
    facetShowAll: "عرض الكل ({count})",
    activeFilters: "عوامل التصفية المفعَّلة:",
    removeFilter: "إزالة عامل التصفية {label}",
    removeAllFilters: "إزالة كل عوامل التصفية",
    filterFrom: "من {date}",
    filterTo: "حتى {date}",
    paginationLabel: "صفحات النتائج",
    previous: "السابقة",
    next: "التالية",
    pageNumber: "الصفحة {page}",
    emptyHeading: "لا نتائج تطابق بحثك",
    emptyIntro: "جرّب ما يلي:",
    tipFewerWords: "استخدم كلمات أقل، مثلاً",
    tipSpelling:
      "تحقّق من الإملاء أو جرّب كتابة أخرى، فالأسماء والكلمات العربية تُكتب غالبًا بأكثر من طريقة (الأسد أو الاسد، مستشفى أو مستشفي).",
    tipScript: "اكتب الاسم بحروف لغة أخرى: ميركل أو Merkel، شتاينماير أو Steinmeier.",
    tipRemoveFilters: "أزل أحد عوامل التصفية:",
    tipEmptyCollection: "لا توجد تصريحات منشورة بعد.",
    errorHeading: "تعذّر تنفيذ البحث",
    errorIntro: "يُرجى تصحيح العنوان أو النموذج:",
    errorRemoveParameter: "البحث من دون «{field}»",
    errorStartOver: "ابدأ بحثًا جديدًا",
    fieldQ: "كلمات البحث",
    fieldSpeaker: "المتحدث",
    fieldTopic: "الموضوع",
    fieldLang: "اللغة",
    fieldKind: "نوع الاقتباس",
    fieldYear: "السنة",
    fieldReviewed: "خضع للتدقيق",
    fieldFrom: "من تاريخ",
    fieldTo: "حتى تاريخ",
    fieldSort: "الترتيب",
    fieldPage: "الصفحة",
    fieldLimit: "عدد النتائج في الصفحة",
    unavailableHeading: "البحث غير متاح حاليًا",
    unavailableText:
      "يتعذّر الوصول إلى فهرس البحث في الوقت الحالي. صفحات المتحدثين والمواضيع والتواريخ والتصريحات ما زالت تعمل؛ يُرجى إعادة محاولة البحث بعد قليل.",
    tryAgain: "أعد محاولة البحث",
    browseSpeakers: "تصفّح المتحدثين",
    browseTopics: "تصفّح المواضيع",
    browseLatest: "اقرأ أحدث التصريحات",
  },
});

export type SearchMessageKey = keyof (typeof searchMessages)["en"];

/**
 * The parameter parser's messages are English and precise ("from: must be a
 * date written YYYY, YYYY-MM or YYYY-MM-DD, got \"yesterday\""); Arabic readers
 * get the same rule in Arabic. Unknown shapes fall back to the English text.
 */
export function localizeParameterMessage(message: string, locale: UiLocale): { text: string; lang: UiLocale } {
  if (locale === "en") return { text: message, lang: "en" };
  const rules: Array<[RegExp, (m: RegExpMatchArray) => string]> = [
    [/^must be given once$/, () => "يجب أن يُذكر مرة واحدة فقط"],
    [/^must be at most (\d+) characters$/, (m) => `يجب ألا يتجاوز ${m[1]} حرفًا`],
    [/^at most (\d+) values$/, (m) => `يُقبل ${m[1]} قيمة على الأكثر`],
    [/^(".*") is longer than (\d+) characters$/, (m) => `القيمة ${m[1]} أطول من ${m[2]} حرفًا`],
    [/^(".*") is not a supported language \((.*)\)$/, (m) => `${m[1]} ليست لغة مدعومة (${m[2]})`],
    [/^(".*") is not one of (.*)$/, (m) => `${m[1]} ليست من القيم المقبولة: ${m[2]}`],
    [/^(".*") is not a year written YYYY$/, (m) => `${m[1]} ليست سنة مكتوبة بالشكل YYYY`],
    [
      /^must be a date written YYYY, YYYY-MM or YYYY-MM-DD, got (".*")$/,
      (m) => `يجب أن يكون تاريخًا مكتوبًا بالشكل YYYY أو YYYY-MM أو YYYY-MM-DD، والمكتوب ${m[1]}`,
    ],
    [/^(".*") is not a real date$/, (m) => `${m[1]} ليس تاريخًا صحيحًا في التقويم`],
    [/^(".*") is outside the years (\d+)–(\d+)$/, (m) => `${m[1]} خارج نطاق السنوات ${m[2]}–${m[3]}`],
    [/^must not be before from$/, () => "يجب ألا يسبق تاريخَ البداية"],
    [
      /^must be a whole number from (\d+) to (\d+), got (".*")$/,
      (m) => `يجب أن يكون عددًا صحيحًا من ${m[1]} إلى ${m[2]}، والمكتوب ${m[3]}`,
    ],
  ];
  for (const [pattern, render] of rules) {
    const match = message.match(pattern);
    if (match) return { text: render(match), lang: "ar" };
  }
  return { text: message, lang: "en" };
}
