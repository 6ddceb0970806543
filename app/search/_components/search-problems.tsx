import Link from "next/link";
import { localizeParameterMessage, searchMessages, type SearchMessageKey } from "@/lib/i18n/messages/search";
import { getI18n } from "@/lib/i18n/server";
import type { FieldMessage } from "@/lib/validation/zod-messages";
import { searchHref, type SearchParam, type SearchState } from "../_lib/search-url";
import { errorId } from "./search-query-form";

const FIELD_LABELS: Record<SearchParam, SearchMessageKey> = {
  q: "fieldQ",
  speaker: "fieldSpeaker",
  topic: "fieldTopic",
  lang: "fieldLang",
  kind: "fieldKind",
  year: "fieldYear",
  reviewed: "fieldReviewed",
  from: "fieldFrom",
  to: "fieldTo",
  sort: "fieldSort",
  page: "fieldPage",
  limit: "fieldLimit",
};

function isSearchParam(field: string): field is SearchParam {
  return Object.hasOwn(FIELD_LABELS, field);
}

/** Bad parameters (answered with HTTP 400): each named, with the rule, and a way out. */
export async function SearchParameterErrors({ state, errors }: { state: SearchState; errors: FieldMessage[] }) {
  const { locale, t } = await getI18n();
  const tr = t(searchMessages);
  const seen = new Set<string>();
  return (
    <section
      aria-labelledby="search-problem-heading"
      className="space-y-2 rounded-lg border border-red-700 bg-red-50 p-4"
    >
      <h2 id="search-problem-heading" className="text-lg font-semibold">
        {tr("errorHeading")}
      </h2>
      <p>{tr("errorIntro")}</p>
      <ul className="list-disc space-y-2 ps-6">
        {errors.map((error) => {
          const label = isSearchParam(error.field) ? tr(FIELD_LABELS[error.field]) : error.field;
          const message = localizeParameterMessage(error.message, locale);
          // The first message about a field carries the id the form's field points to.
          const id = seen.has(error.field) ? undefined : errorId(error.field);
          seen.add(error.field);
          return (
            <li key={`${error.field}:${error.message}`} id={id}>
              <strong>
                {label} (<code dir="ltr">{error.field}</code>)
              </strong>
              : <span lang={message.lang}>{message.text}</span>
              {isSearchParam(error.field) ? (
                <>
                  {" — "}
                  <Link
                    href={searchHref(state, { remove: error.field })}
                    prefetch={false}
                    className="underline underline-offset-4"
                  >
                    {tr("errorRemoveParameter", { field: label })}
                  </Link>
                </>
              ) : null}
            </li>
          );
        })}
      </ul>
      <p>
        <Link href="/search" className="underline underline-offset-4">
          {tr("errorStartOver")}
        </Link>
      </p>
    </section>
  );
}

/** Meilisearch down (answered with HTTP 503): say so, and point to what still works. */
export async function SearchUnavailable({ state }: { state: SearchState }) {
  const tr = (await getI18n()).t(searchMessages);
  return (
    <section
      aria-labelledby="search-problem-heading"
      className="space-y-2 rounded-lg border border-amber-700 bg-amber-50 p-4"
    >
      <h2 id="search-problem-heading" className="text-lg font-semibold">
        {tr("unavailableHeading")}
      </h2>
      <p>{tr("unavailableText")}</p>
      <ul className="list-disc space-y-1 ps-6">
        <li>
          {/* A full page load, so that the retry asks the server afresh. */}
          <a
            href={searchHref(state, { set: "page", value: state.singles.page ?? null })}
            className="underline underline-offset-4"
          >
            {tr("tryAgain")}
          </a>
        </li>
        <li>
          <Link href="/speakers" className="underline underline-offset-4">
            {tr("browseSpeakers")}
          </Link>
        </li>
        <li>
          <Link href="/topics" className="underline underline-offset-4">
            {tr("browseTopics")}
          </Link>
        </li>
        <li>
          <Link href="/" className="underline underline-offset-4">
            {tr("browseLatest")}
          </Link>
        </li>
      </ul>
    </section>
  );
}
