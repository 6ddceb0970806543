import type { UiLocale } from "@/lib/i18n/config";
import { curateStatementMessages } from "@/lib/i18n/messages/curate-statement";
import { translator } from "@/lib/i18n/translate";

/** The statement editor's messages in the curator's language. */
export const editorText = (locale: UiLocale) => translator(curateStatementMessages, locale);
export type EditorText = ReturnType<typeof editorText>;
