import { diffWords } from "@/lib/text/word-diff";

// One revision's changes as a table: field, before, after. Long texts show a
// word diff; every value is rendered as text.

function asText(value: unknown): string {
  if (value === null || value === undefined || value === "") return "";
  if (Array.isArray(value)) return value.map(asText).join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

export function RevisionChanges({
  changes,
  labels,
}: {
  changes: Record<string, [unknown, unknown]>;
  labels: { field: string; before: string; after: string; empty: string };
}) {
  const entries = Object.entries(changes);
  if (entries.length === 0) return null;
  return (
    <table className="mt-2 w-full table-fixed border-collapse text-sm">
      <thead>
        <tr className="text-start">
          <th scope="col" className="w-32 border-b border-slate-300 text-start">
            {labels.field}
          </th>
          <th scope="col" className="border-b border-slate-300 text-start">
            {labels.before}
          </th>
          <th scope="col" className="border-b border-slate-300 text-start">
            {labels.after}
          </th>
        </tr>
      </thead>
      <tbody>
        {entries.map(([field, [before, after]]) => {
          const a = asText(before);
          const b = asText(after);
          const wordy = typeof before === "string" && typeof after === "string" && (a.length > 40 || b.length > 40);
          return (
            <tr key={field} className="align-top">
              <th scope="row" className="border-b border-slate-200 py-1 text-start font-normal">
                {field}
              </th>
              {wordy ? (
                <td colSpan={2} className="border-b border-slate-200 py-1" dir="auto">
                  <bdi>
                    {diffWords(a, b).map((part, i) =>
                      part.kind === "same" ? (
                        <span key={i}>{part.text}</span>
                      ) : part.kind === "removed" ? (
                        <del key={i} className="bg-red-100">
                          {part.text}
                        </del>
                      ) : (
                        <ins key={i} className="bg-green-100">
                          {part.text}
                        </ins>
                      ),
                    )}
                  </bdi>
                </td>
              ) : (
                <>
                  <td className="border-b border-slate-200 py-1" dir="auto">
                    {a ? (
                      <del className="bg-red-50 no-underline">
                        <bdi>{a}</bdi>
                      </del>
                    ) : (
                      <span className="text-slate-600">{labels.empty}</span>
                    )}
                  </td>
                  <td className="border-b border-slate-200 py-1" dir="auto">
                    {b ? (
                      <ins className="bg-green-50 no-underline">
                        <bdi>{b}</bdi>
                      </ins>
                    ) : (
                      <span className="text-slate-600">{labels.empty}</span>
                    )}
                  </td>
                </>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
