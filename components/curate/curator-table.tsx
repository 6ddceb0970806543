import type { ReactNode } from "react";

export type Column = { label: string; align?: "start" | "end" };

/** A curator list's table: column headers, then the rows the page renders (cells `px-2 py-2`, rows `border-b border-slate-200`). */
export function CuratorTable({
  caption,
  columns,
  children,
}: {
  caption?: string;
  columns: Column[];
  children: ReactNode;
}) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-sm">
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        <thead>
          <tr className="border-b border-slate-300">
            {columns.map((column) => (
              <th
                key={column.label}
                scope="col"
                className={`px-2 py-2 ${column.align === "end" ? "text-end" : "text-start"}`}
              >
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
