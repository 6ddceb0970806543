import type { ActivityBucket, SpeakerActivity } from "@/lib/db/queries/speakers";
import { getI18n } from "@/lib/i18n/server";
import { countOf, speakerMessages } from "@/lib/i18n/messages/speakers";

type Props = {
  activity: SpeakerActivity;
  /** The speaker's name as shown on the page, for the chart's summary. */
  name: string;
  /** Id of the heading that names the chart's section. */
  headingId: string;
};

const WIDTH = 640;
const HEIGHT = 220;
const MARGIN_X = 44;
const MARGIN_TOP = 18;
const MARGIN_BOTTOM = 36;
const PLOT_WIDTH = WIDTH - 2 * MARGIN_X;
const PLOT_HEIGHT = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM;
/** At most this many period labels under the bars, by unit (month names are long). */
const MAX_LABELS = { month: 5, year: 12, decade: 8 } as const;

/** The smallest 1, 2 or 5 × 10ⁿ at or above n: a round top for the scale. */
function roundUp(n: number): number {
  if (n <= 1) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(n));
  for (const step of [1, 2, 5, 10]) if (step * magnitude >= n) return step * magnitude;
  return 10 * magnitude;
}

/**
 * Statements per month (or year, or decade) as a server-rendered SVG bar chart:
 * role="img" with a summary for screen readers, and the figures as a table in a
 * <details> for anyone who wants them as text. Time runs in the reading
 * direction: right to left in the Arabic interface.
 */
export async function SpeakerActivityChart({ activity, name, headingId }: Props) {
  const { locale, dir, t, formatDate, formatNumber } = await getI18n();
  const tr = t(speakerMessages);
  const { buckets, peak, unit } = activity;
  const label = (bucket: ActivityBucket) =>
    unit === "decade" ? `${formatDate(bucket.from)}–${formatDate(bucket.to)}` : formatDate(bucket.from);
  const first = buckets[0];
  const last = buckets[buckets.length - 1];
  const notes = [
    activity.yearOnly > 0
      ? tr("activityYearOnly", { statements: countOf(tr, locale, "statements", activity.yearOnly) })
      : null,
    activity.undated > 0
      ? tr("activityUndated", { statements: countOf(tr, locale, "statements", activity.undated) })
      : null,
  ].filter((note): note is string => note !== null);

  if (!peak || !first || !last) {
    return (
      <div className="space-y-1">
        <p>{tr("activityNone")}</p>
        {notes.map((note) => (
          <p key={note} className="text-sm text-slate-700">
            {note}
          </p>
        ))}
      </div>
    );
  }

  const summary = tr(`activitySummary_${unit}`, {
    name,
    from: label(first),
    to: label(last),
    total: activity.charted,
    peak: label(peak),
    peakCount: peak.count,
  });
  const top = roundUp(peak.count);
  const band = PLOT_WIDTH / buckets.length;
  const barWidth = Math.max(1, Math.min(band * 0.8, 56));
  const rtl = dir === "rtl";
  // Positions are computed left to right, then mirrored for right-to-left reading.
  const place = (x: number, width = 0) => (rtl ? WIDTH - x - width : x);
  const labelStep = Math.ceil(buckets.length / MAX_LABELS[unit]);
  const showValues = buckets.length <= 24;
  const baseline = MARGIN_TOP + PLOT_HEIGHT;
  // Whole numbers only on the scale: statements are counted, not measured.
  const gridValues = Number.isInteger(top / 2) ? [0, top / 2, top] : [0, top];
  const axisX = rtl ? WIDTH - MARGIN_X + 6 : MARGIN_X - 6;

  return (
    <figure className="space-y-2" aria-labelledby={headingId}>
      <svg
        role="img"
        aria-label={summary}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        className="h-auto w-full max-w-3xl rounded border border-slate-200 bg-white"
        focusable="false"
        fontSize="12"
      >
        {gridValues.map((value) => {
          const y = baseline - (value / top) * PLOT_HEIGHT;
          return (
            <g key={value}>
              <line
                x1={MARGIN_X}
                x2={WIDTH - MARGIN_X}
                y1={y}
                y2={y}
                stroke={value === 0 ? "#475569" : "#e2e8f0"}
                strokeWidth="1"
              />
              <text x={axisX} y={y + 4} textAnchor={rtl ? "start" : "end"} fill="#334155">
                {formatNumber(value)}
              </text>
            </g>
          );
        })}
        {buckets.map((bucket, i) => {
          const height = (bucket.count / top) * PLOT_HEIGHT;
          const center = place(MARGIN_X + (i + 0.5) * band);
          return (
            <g key={bucket.key}>
              {bucket.count > 0 ? (
                <rect
                  x={place(MARGIN_X + i * band + (band - barWidth) / 2, barWidth)}
                  y={baseline - height}
                  width={barWidth}
                  height={height}
                  fill="#1d4ed8"
                />
              ) : null}
              {showValues && bucket.count > 0 ? (
                <text x={center} y={baseline - height - 4} textAnchor="middle" fill="#0f172a">
                  {formatNumber(bucket.count)}
                </text>
              ) : null}
              {i % labelStep === 0 ? (
                <text x={center} y={HEIGHT - 12} textAnchor="middle" fill="#334155">
                  {label(bucket)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      {notes.map((note) => (
        <p key={note} className="text-sm text-slate-700">
          {note}
        </p>
      ))}
      <details className="text-sm">
        <summary className="cursor-pointer underline underline-offset-4">{tr("activityTable")}</summary>
        <table className="mt-2 border-collapse">
          <caption className="py-1 text-start font-semibold">{tr(`activityCaption_${unit}`)}</caption>
          <thead>
            <tr>
              <th scope="col" className="border border-slate-300 px-3 py-1 text-start">
                {tr(`activityPeriod_${unit}`)}
              </th>
              <th scope="col" className="border border-slate-300 px-3 py-1 text-end">
                {tr("activityCount")}
              </th>
            </tr>
          </thead>
          <tbody>
            {buckets.map((bucket) => (
              <tr key={bucket.key}>
                <th scope="row" className="border border-slate-300 px-3 py-1 text-start font-normal">
                  {label(bucket)}
                </th>
                <td className="border border-slate-300 px-3 py-1 text-end tabular-nums">
                  {formatNumber(bucket.count)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
