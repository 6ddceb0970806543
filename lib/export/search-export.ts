import "server-only";
import { apiFailure, badRequest } from "@/lib/api/responses";
import { getPool } from "@/lib/db/client";
import { openResultIds } from "@/lib/search/result-ids";
import { parseSearchParams } from "@/lib/validation/search-params";
import { readParameter } from "@/lib/validation/query-params";
import type { FieldMessage } from "@/lib/validation/zod-messages";
import { CSV_CONTENT_TYPE, statementCsvHeader, statementCsvRecord } from "./csv";
import { JSONL_CONTENT_TYPE, importFormatJsonLine } from "./jsonl";
import { EXPORT_FORMAT_PARAMETER, EXPORT_LIMITS, type ExportFormat } from "./limits";
import { loadExportStatements } from "./statements";

// A whole search result as a download: the same parameters and filters as
// GET /api/v1/search (parsed by the same function), every page of it up to
// EXPORT_LIMITS.maxStatements, streamed a few thousand statements at a time so
// that neither the server nor the reader holds it all at once.

/** Headers of an export that browsers may read from a cross-origin response. */
export const EXPORT_EXPOSED_HEADERS = [
  "Content-Disposition",
  "X-Total-Count",
  "X-Export-Count",
  "X-Export-Truncated",
  "X-Export-Limit",
];

export type ExportRequest = {
  params: URLSearchParams;
  /** The site's address, for each statement's URL in the CSV. */
  origin: string;
  now?: Date;
  /** At most this many statements (EXPORT_LIMITS.maxStatements unless a test says otherwise). */
  cap?: number;
  /** Called once when the export is over: answered without a body, read to the end, failed or cancelled. */
  onDone?: () => void;
};

/** `page` and `limit` select one page of a search; an export is every page, so they are ignored. */
function searchParamsOf(params: URLSearchParams): URLSearchParams {
  const copy = new URLSearchParams(params);
  for (const name of ["page", "limit", "format"]) copy.delete(name);
  return copy;
}

function fileName(format: ExportFormat, now: Date): string {
  return `statements-${now.toISOString().slice(0, 10)}.${format}`;
}

/**
 * GET /search/export?format=csv|jsonl&q=…&speaker=…: 400 naming each bad
 * parameter, 503 when search is unavailable (decided before the body starts),
 * otherwise 200 with the file as an attachment. X-Total-Count is the size of
 * the whole result, X-Export-Count what the file holds; X-Export-Truncated is
 * "true" when the result was larger than X-Export-Limit.
 */
export async function exportSearchResult(request: ExportRequest): Promise<Response> {
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    request.onDone?.();
  };
  try {
    const response = await streamSearchResult(request, finish);
    if (!response.body) finish();
    return response;
  } catch (error) {
    finish();
    throw error;
  }
}

async function streamSearchResult(
  { params, origin, now = new Date(), cap = EXPORT_LIMITS.maxStatements }: ExportRequest,
  finish: () => void,
): Promise<Response> {
  const errors: FieldMessage[] = [];
  const format = readParameter(params, "format", EXPORT_FORMAT_PARAMETER, errors) ?? "csv";
  const parsed = parseSearchParams(searchParamsOf(params));
  if (!parsed.ok) errors.push(...parsed.errors);
  if (!parsed.ok || errors.length > 0) {
    finish();
    return badRequest(errors);
  }

  const statementUrl = (id: number) => new URL(`/statements/${id}`, origin).toString();
  const pool = getPool();
  let result: Awaited<ReturnType<typeof openResultIds>>;
  let chunks: AsyncGenerator<string, void, undefined>;
  let first: IteratorResult<string, void>;
  try {
    result = await openResultIds(parsed.query, { cap });
    const pages = result.pages;
    chunks = (async function* () {
      if (format === "csv") yield statementCsvHeader();
      for await (const ids of pages) {
        for (let i = 0; i < ids.length; i += EXPORT_LIMITS.batchSize) {
          const statements = await loadExportStatements(pool, ids.slice(i, i + EXPORT_LIMITS.batchSize));
          yield statements
            .map((s) => (format === "csv" ? statementCsvRecord(s, statementUrl) : importFormatJsonLine(s)))
            .join("");
        }
      }
    })();
    // The first statements are read before answering, so that Postgres being
    // down is a 503 too rather than an empty download.
    first = await chunks.next();
    if (format === "csv" && !first.done) {
      const batch = await chunks.next();
      if (!batch.done) first = { done: false, value: first.value + batch.value };
    }
  } catch (error) {
    finish();
    return apiFailure(error);
  }

  const encoder = new TextEncoder();
  let head: IteratorResult<string, void> | null = first;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        // Enqueue something (or close) on every pull: a pull that adds nothing is not repeated.
        for (;;) {
          const next = head ?? (await chunks.next());
          head = null;
          if (next.done) {
            controller.close();
            finish();
            return;
          }
          if (next.value !== "") {
            controller.enqueue(encoder.encode(next.value));
            return;
          }
        }
      } catch (error) {
        // The status line is long gone: the reader sees a cut-off download.
        console.error("export: stopped part-way", error);
        controller.error(error);
        finish();
      }
    },
    async cancel() {
      finish();
      await chunks.return(undefined);
    },
  });

  const truncated = result.total > result.count;
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": format === "csv" ? CSV_CONTENT_TYPE : JSONL_CONTENT_TYPE,
      "Content-Disposition": `attachment; filename="${fileName(format, now)}"`,
      "Cache-Control": "no-store",
      "Access-Control-Allow-Origin": "*",
      "Access-Control-Expose-Headers": EXPORT_EXPOSED_HEADERS.join(", "),
      "X-Content-Type-Options": "nosniff",
      "X-Total-Count": String(result.total),
      "X-Export-Count": String(result.count),
      "X-Export-Limit": String(cap),
      "X-Export-Truncated": truncated ? "true" : "false",
    },
  });
}
