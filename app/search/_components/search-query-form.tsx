import { SearchAsYouType } from "@/components/search-as-you-type";
import { searchMessages } from "@/lib/i18n/messages/search";
import { getI18n } from "@/lib/i18n/server";
import { SEARCH_LIMITS } from "@/lib/validation/search-params";
import { LIST_PARAMS, type SearchState } from "../_lib/search-url";

export const SEARCH_FORM_ID = "search-form";

/** The id of the message about a parameter, for aria-describedby. */
export function errorId(field: string): string {
  return `search-error-${field}`;
}

type Props = { state: SearchState; invalidFields: ReadonlySet<string> };

/**
 * The search as a plain GET form: it works without JavaScript, and the address
 * holds the whole search. Active facet filters ride along as hidden fields so that
 * new words keep them; a small client leaf turns it into search-as-you-type.
 */
export async function SearchQueryForm({ state, invalidFields }: Props) {
  const tr = (await getI18n()).t(searchMessages);
  const invalid = (field: string) => invalidFields.has(field);
  const describedBy = (...ids: Array<string | false>) => ids.filter(Boolean).join(" ") || undefined;
  const sort = state.singles.sort;
  const fieldClass =
    "rounded border border-slate-500 bg-white px-3 py-2 aria-invalid:border-red-700 aria-invalid:bg-red-50";
  return (
    <form
      id={SEARCH_FORM_ID}
      action="/search"
      method="get"
      role="search"
      aria-label={tr("heading")}
      className="space-y-3"
    >
      <div className="flex gap-2">
        <label htmlFor="search-q" className="sr-only">
          {tr("queryLabel")}
        </label>
        <input
          id="search-q"
          name="q"
          type="search"
          dir="auto"
          defaultValue={state.singles.q ?? ""}
          maxLength={SEARCH_LIMITS.queryMaxLength}
          placeholder={tr("queryPlaceholder")}
          autoComplete="off"
          enterKeyHint="search"
          aria-invalid={invalid("q") || undefined}
          aria-describedby={describedBy(invalid("q") && errorId("q"))}
          className={`w-full ${fieldClass}`}
        />
        <button type="submit" className="rounded bg-slate-900 px-4 py-2 font-semibold text-white">
          {tr("submit")}
        </button>
      </div>
      {LIST_PARAMS.flatMap((name) =>
        state.lists[name].map((value) => <input key={`${name}:${value}`} type="hidden" name={name} value={value} />),
      )}
      {state.singles.limit !== undefined ? <input type="hidden" name="limit" value={state.singles.limit} /> : null}
      <div className="flex flex-wrap items-end gap-x-6 gap-y-3">
        <fieldset className="flex flex-wrap items-end gap-x-3 gap-y-2">
          <legend className="mb-1 text-sm font-semibold">{tr("dateLegend")}</legend>
          <span className="flex flex-col gap-1">
            <label htmlFor="search-from" className="text-sm">
              {tr("fromLabel")}
            </label>
            <input
              id="search-from"
              name="from"
              type="text"
              dir="ltr"
              size={11}
              maxLength={10}
              autoComplete="off"
              defaultValue={state.singles.from ?? ""}
              aria-invalid={invalid("from") || undefined}
              aria-describedby={describedBy("search-date-hint", invalid("from") && errorId("from"))}
              className={fieldClass}
            />
          </span>
          <span className="flex flex-col gap-1">
            <label htmlFor="search-to" className="text-sm">
              {tr("toLabel")}
            </label>
            <input
              id="search-to"
              name="to"
              type="text"
              dir="ltr"
              size={11}
              maxLength={10}
              autoComplete="off"
              defaultValue={state.singles.to ?? ""}
              aria-invalid={invalid("to") || undefined}
              aria-describedby={describedBy("search-date-hint", invalid("to") && errorId("to"))}
              className={fieldClass}
            />
          </span>
          <p id="search-date-hint" className="basis-full text-sm text-slate-700">
            {tr("dateHint")}
          </p>
        </fieldset>
        <span className="flex flex-col gap-1">
          <label htmlFor="search-sort" className="text-sm font-semibold">
            {tr("sortLabel")}
          </label>
          <select
            id="search-sort"
            name="sort"
            defaultValue={sort === "newest" || sort === "oldest" ? sort : "relevance"}
            aria-invalid={invalid("sort") || undefined}
            aria-describedby={describedBy(invalid("sort") && errorId("sort"))}
            className={fieldClass}
          >
            <option value="relevance">{tr("sortRelevance")}</option>
            <option value="newest">{tr("sortNewest")}</option>
            <option value="oldest">{tr("sortOldest")}</option>
          </select>
        </span>
      </div>
      <SearchAsYouType formId={SEARCH_FORM_ID} pendingLabel={tr("updating")} />
    </form>
  );
}
