import { defineMessages } from "../translate";

// The site-wide and per-topic Atom feeds (the speaker's feed titles are in
// speakers.ts), and the search page's download links.

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
  },
});
