import { defineMessages } from "../translate";

// The site-wide, per-topic and per-search Atom feeds (the speaker's feed titles
// are in speakers.ts), and the search page's download and follow links.

export const feedMessages = defineMessages({
  en: {
    siteFeedTitle: "Latest statements — {site}",
    siteFeedSubtitle: "The latest published statements, newest first.",
    topicFeedTitle: "Statements on {topic}",
    topicFeedSubtitle: "The latest published statements on {topic}, newest first.",
    downloadLabel: "Download these results:",
    downloadCsv: "CSV",
    downloadCsvTitle: "CSV for spreadsheets (UTF-8), every result",
    downloadJsonl: "JSON Lines",
    downloadJsonlTitle: "JSON Lines in the import format, every result",
    downloadCapped: "Downloads hold the first {limit} of the {total} results.",
    followSearch: "Follow this search",
    followSearchTitle: "An Atom feed of the newest statements this search finds, for a feed reader",
    searchFeedTitle: "Statements matching “{q}” — {site}",
    searchFeedTitleAll: "Statements found by a search — {site}",
    searchFeedSubtitle: "The newest published statements this search finds, newest first.",
  },
  ar: {
    siteFeedTitle: "أحدث التصريحات — {site}",
    siteFeedSubtitle: "أحدث ما نُشر من تصريحات، الأحدث أولاً.",
    topicFeedTitle: "تصريحات حول {topic}",
    topicFeedSubtitle: "أحدث ما نُشر من تصريحات حول {topic}، الأحدث أولاً.",
    downloadLabel: "تنزيل هذه النتائج:",
    downloadCsv: "CSV",
    downloadCsvTitle: "ملف CSV لجداول البيانات (UTF-8)، بكل النتائج",
    downloadJsonl: "JSON Lines",
    downloadJsonlTitle: "JSON Lines بصيغة الاستيراد، بكل النتائج",
    downloadCapped: "تحتوي الملفات على أول {limit} من أصل {total} نتيجة.",
    followSearch: "تابِع هذا البحث",
    followSearchTitle: "موجز Atom بأحدث التصريحات التي يجدها هذا البحث، لقارئ الموجزات",
    searchFeedTitle: "تصريحات تطابق «{q}» — {site}",
    searchFeedTitleAll: "تصريحات وجدها بحث — {site}",
    searchFeedSubtitle: "أحدث ما نُشر من تصريحات يجدها هذا البحث، الأحدث أولاً.",
  },
});
