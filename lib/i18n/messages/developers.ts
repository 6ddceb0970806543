import { defineMessages } from "../translate";

// The API page for developers (/developers). The API's own description comes
// from its OpenAPI document (lib/api/openapi.ts), which is written in English.
export const developersMessages = defineMessages({
  en: {
    footerLink: "JSON API for developers",
    title: "JSON API for developers",
    intro: "Read the collection as JSON: every statement, speaker, topic and date, with search. No key is needed.",
    englishOnly: "",
    documentLink: "The OpenAPI 3.1 document (JSON)",
  },
  ar: {
    footerLink: "واجهة JSON للمطوّرين",
    title: "واجهة JSON للمطوّرين",
    intro: "اقرأ المجموعة بصيغة JSON: كل التصريحات والمتحدثين والمواضيع والتواريخ، مع البحث. لا حاجة إلى مفتاح.",
    englishOnly: "وصف الواجهة أدناه بالإنكليزية.",
    documentLink: "وثيقة OpenAPI 3.1 (JSON)",
  },
});
