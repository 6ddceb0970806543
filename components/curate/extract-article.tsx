import { memo, type ReactNode } from "react";

export type ArticleMark = {
  n: number;
  start: number;
  end: number;
  state: "pending" | "accepted" | "rejected" | "saved";
};

type Props = {
  text: string;
  language: string;
  /** The accessible name of mark n's number (a link to its proposal). */
  markLabel: (n: number) => string;
  marks: ArticleMark[];
  /** The id of the heading that names the (scrollable, focusable) article region. */
  labelledBy: string;
};

const STYLE: Record<ArticleMark["state"], string> = {
  pending: "bg-amber-100 text-slate-950",
  accepted: "bg-green-100 text-slate-950",
  rejected: "bg-slate-100 text-slate-700 line-through",
  saved: "bg-sky-100 text-slate-950",
};

/**
 * The article with each proposal's words marked and numbered. Everything is
 * React text: markup, scripts or bidi controls pasted with the article stay
 * inert characters. The number of a mark links to its proposal.
 */
export const ExtractArticle = memo(function ExtractArticle({ text, language, marks, markLabel, labelledBy }: Props) {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const mark of [...marks].sort((a, b) => a.start - b.start || b.end - a.end)) {
    const start = Math.max(mark.start, at);
    const end = Math.min(mark.end, text.length);
    if (end <= start) continue; // inside an earlier mark: its proposal is still listed below
    if (start > at) parts.push(text.slice(at, start));
    parts.push(
      <mark key={mark.n} id={`extract-mark-${mark.n}`} className={`rounded px-0.5 ${STYLE[mark.state]}`}>
        <a
          href={`#extract-proposal-${mark.n}`}
          aria-label={markLabel(mark.n)}
          className="me-1 inline-block rounded bg-slate-800 px-1 text-xs font-bold text-white no-underline"
          dir="ltr"
        >
          {mark.n}
        </a>
        {text.slice(start, end)}
      </mark>,
    );
    at = end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return (
    <div
      role="region"
      aria-labelledby={labelledBy}
      tabIndex={0}
      lang={language}
      dir={language === "ar" ? "rtl" : "ltr"}
      className="max-h-[32rem] overflow-auto whitespace-pre-wrap rounded border border-slate-300 p-3 leading-8"
    >
      {parts}
    </div>
  );
});
