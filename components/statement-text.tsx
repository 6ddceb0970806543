import { languageDirection, isSupportedLanguage } from "@/lib/languages";
import { splitByRanges } from "@/lib/search/highlight";

export type StatementKind = "direct" | "indirect" | "mixed";

type Props = {
  text: string;
  language: string;
  kind: StatementKind;
  highlight?: Array<[number, number]>;
  className?: string;
};

/**
 * A statement's words, always as React text (never injected HTML), in their own
 * language and direction. Direct quotes get the quotation marks of their
 * language. <bdi> isolates the text so that bidi control characters in it cannot
 * reorder the page around it.
 */
export function StatementText({ text, language, kind, highlight = [], className }: Props) {
  const dir = isSupportedLanguage(language) ? languageDirection(language) : "auto";
  const [open, close] = language === "ar" ? ["«", "»"] : language === "de" ? ["„", "“"] : ["“", "”"];
  const segments = splitByRanges(text, highlight);
  // A quote whose text already carries its quotation marks is not quoted twice.
  const quoted = kind === "direct" && !/^\s*[«“„"‹‚']/.test(text);
  return (
    <blockquote lang={language} dir={dir} className={className}>
      <bdi>
        {quoted ? open : null}
        {segments.map((segment, i) =>
          segment.match ? <mark key={i}>{segment.text}</mark> : <span key={i}>{segment.text}</span>,
        )}
        {quoted ? close : null}
      </bdi>
    </blockquote>
  );
}
