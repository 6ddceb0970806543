import { notFound } from "next/navigation";
import { parseId } from "@/lib/api/responses";
import { getPublicStatement, type PublicStatement } from "@/lib/db/queries/statements";

export type StatementPageProps = { params: Promise<{ id: string }> };

/** The public statement of a page's address (from the page cache), or the 404 page. The statement page and its card share it. */
export async function loadPublicStatement(props: StatementPageProps): Promise<PublicStatement> {
  const id = parseId((await props.params).id);
  if (typeof id !== "number") notFound();
  const statement = await getPublicStatement(id);
  if (!statement) notFound();
  return statement;
}
