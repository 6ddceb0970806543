"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { requestJson } from "@/components/forms";

// The statement's fact-check reviews in the workspace: the list with a remove button each, and a
// form that adds one (POST /api/curate/statements/:id/reviews). The server checks every field and
// names the one at fault; its messages are shown beside the form.

export type CuratorReview = {
  id: number;
  rating: string;
  reviewerName: string;
  url: string;
  reviewedOn: string;
  scale: string | null;
};

export type StatementReviewsLabels = {
  heading: string;
  none: string;
  remove: string;
  add: string;
  rating: string;
  ratingHint: string;
  ratingValue: string;
  worstRating: string;
  bestRating: string;
  reviewerName: string;
  reviewerUrl: string;
  url: string;
  reviewedOn: string;
  reviewedOnHint: string;
  networkFailed: string;
  requestFailed: string;
};

type Fields = {
  rating: string;
  ratingValue: string;
  worstRating: string;
  bestRating: string;
  reviewerName: string;
  reviewerUrl: string;
  url: string;
  reviewedOn: string;
};

const EMPTY: Fields = {
  rating: "",
  ratingValue: "",
  worstRating: "",
  bestRating: "",
  reviewerName: "",
  reviewerUrl: "",
  url: "",
  reviewedOn: "",
};

/** A number field as the API takes it: blank is none, anything else is sent as typed and checked by the server. */
function numberOrNull(value: string): number | string | null {
  const trimmed = value.trim();
  if (trimmed === "") return null;
  const number = Number(trimmed);
  return Number.isFinite(number) ? number : trimmed;
}

export function StatementReviews({
  statementId,
  version,
  reviews,
  labels,
}: {
  statementId: number;
  version: number;
  reviews: CuratorReview[];
  labels: StatementReviewsLabels;
}) {
  const router = useRouter();
  const id = useId();
  const [fields, setFields] = useState<Fields>(EMPTY);
  const [problems, setProblems] = useState<string[]>([]);
  const text = { networkFailed: labels.networkFailed, requestFailed: labels.requestFailed };
  const field = (
    name: keyof Fields,
    label: string,
    options: { type?: string; hint?: string; required?: boolean; dir?: "ltr" | "auto" } = {},
  ) => (
    <div>
      <label htmlFor={`${id}-${name}`} className="block text-sm font-semibold">
        {label}
      </label>
      {options.hint ? (
        <p id={`${id}-${name}-hint`} className="text-xs text-slate-700">
          {options.hint}
        </p>
      ) : null}
      <input
        id={`${id}-${name}`}
        name={name}
        type={options.type ?? "text"}
        required={options.required}
        dir={options.dir ?? "auto"}
        aria-describedby={options.hint ? `${id}-${name}-hint` : undefined}
        value={fields[name]}
        onChange={(event) => setFields({ ...fields, [name]: event.target.value })}
        className="w-full rounded border border-slate-400 px-2 py-1"
      />
    </div>
  );

  return (
    <section aria-labelledby={`${id}-heading`} className="space-y-3 rounded border border-slate-300 p-4">
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        {labels.heading}
      </h2>
      {reviews.length === 0 ? (
        <p>{labels.none}</p>
      ) : (
        <ul className="space-y-2">
          {reviews.map((review) => (
            <li key={review.id} className="flex flex-wrap items-baseline gap-x-3" data-testid="curator-review">
              <strong>
                <bdi>{review.rating}</bdi>
              </strong>
              {review.scale ? <span>{review.scale}</span> : null}
              <bdi>{review.reviewerName}</bdi>
              <span>{review.reviewedOn}</span>
              <a href={review.url} rel="noopener noreferrer nofollow ugc" className="break-all underline" dir="ltr">
                {review.url}
              </a>
              <button
                type="button"
                className="underline"
                onClick={async () => {
                  const result = await requestJson(
                    `/api/curate/statements/${statementId}/reviews`,
                    "DELETE",
                    { version, reviewId: review.id },
                    text,
                  );
                  setProblems(result.ok ? [] : [result.message]);
                  if (result.ok) router.refresh();
                }}
              >
                {labels.remove}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="grid gap-3 sm:grid-cols-2"
        onSubmit={async (event) => {
          event.preventDefault();
          const review = {
            rating: fields.rating,
            ratingValue: numberOrNull(fields.ratingValue),
            worstRating: numberOrNull(fields.worstRating),
            bestRating: numberOrNull(fields.bestRating),
            reviewer: { name: fields.reviewerName, url: fields.reviewerUrl.trim() || null },
            url: fields.url,
            reviewedOn: fields.reviewedOn,
          };
          const result = await requestJson(
            `/api/curate/statements/${statementId}/reviews`,
            "POST",
            { version, review },
            text,
          );
          if (!result.ok) {
            setProblems(
              result.problems.length > 0
                ? result.problems.map((p) => `${p.field.replace(/^review\./, "")}: ${p.message}`)
                : [result.message],
            );
            return;
          }
          setProblems([]);
          setFields(EMPTY);
          router.refresh();
        }}
      >
        {field("rating", labels.rating, { hint: labels.ratingHint, required: true })}
        {field("reviewerName", labels.reviewerName, { required: true })}
        {field("url", labels.url, { type: "url", required: true, dir: "ltr" })}
        {field("reviewerUrl", labels.reviewerUrl, { type: "url", dir: "ltr" })}
        {field("reviewedOn", labels.reviewedOn, { hint: labels.reviewedOnHint, required: true, dir: "ltr" })}
        {field("ratingValue", labels.ratingValue, { dir: "ltr" })}
        {field("worstRating", labels.worstRating, { dir: "ltr" })}
        {field("bestRating", labels.bestRating, { dir: "ltr" })}
        {problems.length > 0 ? (
          <ul role="alert" className="list-disc ps-6 text-red-800 sm:col-span-2">
            {problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        ) : null}
        <div className="sm:col-span-2">
          <button type="submit" className="rounded bg-slate-900 px-4 py-2 font-semibold text-white">
            {labels.add}
          </button>
        </div>
      </form>
    </section>
  );
}
