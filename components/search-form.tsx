/** A plain GET form: search works without JavaScript, and the URL holds the query. */
export function SearchForm({ defaultValue = "" }: { defaultValue?: string }) {
  return (
    <form action="/search" method="get" role="search" className="flex gap-2">
      <label htmlFor="search-q" className="sr-only">
        Search statements
      </label>
      <input
        id="search-q"
        name="q"
        type="search"
        dir="auto"
        defaultValue={defaultValue}
        maxLength={300}
        placeholder="Who said what — e.g. Merkel, ميركل, hospitals"
        className="w-full rounded border border-slate-400 px-3 py-2"
      />
      <button type="submit" className="rounded bg-slate-900 px-4 py-2 font-semibold text-white">
        Search
      </button>
    </form>
  );
}
