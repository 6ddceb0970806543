import { notFound } from "next/navigation";
import { parseId } from "@/lib/api/responses";
import { findMergedStatementTarget } from "@/lib/db/queries/redirects";
import { getPublicStatement, type PublicStatement } from "@/lib/db/queries/statements";
import { redirectTo } from "@/lib/http/redirect";

export type StatementPageProps = { params: Promise<{ id: string }> };

/**
 * The public statement of a page's address (from the page cache), or the 404 page. The address of a
 * statement merged into another redirects to that one (`suffix`: the rest of the path, e.g. "/embed").
 * The statement page and its card share it.
 */
export async function loadPublicStatement(props: StatementPageProps, suffix = ""): Promise<PublicStatement> {
  const id = parseId((await props.params).id);
  if (typeof id !== "number") notFound();
  const statement = await getPublicStatement(id);
  if (statement) return statement;
  const target = await findMergedStatementTarget(id);
  if (target !== null) redirectTo(`/statements/${target}${suffix}`);
  notFound();
}
