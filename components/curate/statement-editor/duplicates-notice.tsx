import Link from "next/link";
import type { EditorText } from "./editor-text";
import type { Duplicates } from "./use-duplicate-check";

/** The likely duplicates found while typing, or that search could not be asked (drafts are still compared). */
export function DuplicatesNotice({ t, duplicates }: { t: EditorText; duplicates: Duplicates }) {
  if (duplicates.list.length === 0 && duplicates.searchAvailable) return null;
  return (
    <section aria-live="polite" className="rounded border border-amber-600 bg-amber-50 p-3">
      {duplicates.list.length > 0 ? (
        <>
          <h2 className="font-semibold">{t("duplicatesHeading")}</h2>
          <p className="text-sm">{t("duplicatesHelp")}</p>
          <ul className="mt-2 list-disc ps-5">
            {duplicates.list.map((d) => (
              <li key={d.id}>
                <Link href={d.draft ? `/curate/statements/${d.id}` : `/statements/${d.id}`} className="underline">
                  #{d.id}
                </Link>{" "}
                <bdi>{d.text.length > 160 ? `${d.text.slice(0, 160)}…` : d.text}</bdi>{" "}
                {d.draft ? `(${t("duplicateDraft")})` : null} {Math.round(d.similarity * 100)}%
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {!duplicates.searchAvailable ? <p className="text-sm">{t("searchDown")}</p> : null}
    </section>
  );
}
