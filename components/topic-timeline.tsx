import Link from "next/link";
import type { Timeline } from "@/lib/db/queries/topics";
import { getI18n } from "@/lib/i18n/server";
import { topicStatementsCount, topicsMessages } from "@/lib/i18n/messages/topics";
import { parsePartialDate } from "@/lib/validation/partial-date";

const WIDTH = 600;
const BARS_HEIGHT = 120;
const LABEL_HEIGHT = 18;

/**
 * Statements on a topic per month (all in one year) or per year: a bar chart
 * drawn in SVG for the eye, and the same counts as a list — the text
 * alternative, with links to the statements of each period.
 */
export async function TopicTimeline({ timeline, topicSlug }: { timeline: Timeline; topicSlug: string }) {
  const { locale, t, formatDate } = await getI18n();
  const tr = t(topicsMessages);
  const count = (n: number) => topicStatementsCount(tr, locale, n);
  if (timeline.granularity === "none") {
    return <p className="text-slate-700">{timeline.undated > 0 ? tr("timelineNoDates") : null}</p>;
  }
  const { buckets } = timeline;
  const first = buckets[0]!;
  const last = buckets[buckets.length - 1]!;
  const caption =
    timeline.granularity === "month"
      ? tr("timelinePerMonth", { year: String(timeline.year) })
      : tr("timelinePerYear", { first: String(first.year), last: String(last.year) });
  const max = Math.max(1, ...buckets.map((b) => b.count));
  const slot = WIDTH / buckets.length;
  const barWidth = Math.max(1, slot * 0.75);
  const nonEmpty = buckets.filter((b) => b.count > 0);
  const searchHref = (iso: string) =>
    `/search?topic=${encodeURIComponent(topicSlug)}&${iso.length === 4 ? `year=${iso}` : `from=${iso}&to=${iso}`}&sort=oldest`;
  // Label every bar of a month chart; on a year chart, the first, the last and every decade in between.
  const labelled = (i: number, year: number) =>
    timeline.granularity === "month" ||
    i === 0 ||
    i === buckets.length - 1 ||
    (year % 10 === 0 && i > 2 && i < buckets.length - 3 && slot * 10 >= 40);

  return (
    <figure className="space-y-3">
      <figcaption className="font-semibold">{caption}</figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${BARS_HEIGHT + LABEL_HEIGHT}`}
        className="h-auto w-full max-w-2xl rounded border border-slate-200 bg-white"
        aria-hidden="true"
        focusable="false"
        direction="ltr"
      >
        <line x1={0} x2={WIDTH} y1={BARS_HEIGHT} y2={BARS_HEIGHT} stroke="#94a3b8" strokeWidth={1} />
        {buckets.map((bucket, i) => {
          const height = bucket.count === 0 ? 0 : Math.max(2, (bucket.count / max) * (BARS_HEIGHT - 8));
          const x = i * slot + (slot - barWidth) / 2;
          return (
            <g key={bucket.iso}>
              {height > 0 ? (
                <rect x={x} y={BARS_HEIGHT - height} width={barWidth} height={height} fill="#334155" />
              ) : null}
              {labelled(i, bucket.year) ? (
                <text x={i * slot + slot / 2} y={BARS_HEIGHT + 14} fontSize={11} textAnchor="middle" fill="#334155">
                  {bucket.month ?? bucket.year}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <details open={nonEmpty.length <= 12} className="space-y-1">
        <summary className="cursor-pointer underline">{tr("timelineListLabel")}</summary>
        <ol className="mt-2 grid gap-1 sm:grid-cols-2 md:grid-cols-3">
          {nonEmpty.map((bucket) => (
            <li key={bucket.iso}>
              <Link href={searchHref(bucket.iso)} className="underline">
                {formatDate(parsePartialDate(bucket.iso)!)}
              </Link>
              : {count(bucket.count)}
            </li>
          ))}
        </ol>
      </details>
      {timeline.granularity === "month" && timeline.yearOnly > 0 ? (
        <p className="text-slate-700">
          {tr("timelineYearOnly", { year: String(timeline.year), statements: count(timeline.yearOnly) })}
        </p>
      ) : null}
      {timeline.undated > 0 ? (
        <p className="text-slate-700">{tr("timelineUndated", { statements: count(timeline.undated) })}</p>
      ) : null}
    </figure>
  );
}
