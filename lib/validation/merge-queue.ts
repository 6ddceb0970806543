import { z } from "zod";
import { zodIssuesToMessages, type FieldMessage } from "./zod-messages";

// The curators' merge queue (issue 15): which list (pairs still to judge, or
// those already judged) and which page. The API route and the queue page read
// their parameters here, so both accept and refuse the same values.

export const MERGE_QUEUE_STATUSES = ["pending", "decided"] as const;
export type MergeQueueStatus = (typeof MERGE_QUEUE_STATUSES)[number];
export const MERGE_QUEUE_PAGE_SIZE = 20;
export const MERGE_QUEUE_MAX_PAGE = 10_000;

const PAGE_MESSAGE = `must be a whole number from 1 to ${MERGE_QUEUE_MAX_PAGE}`;

export const mergeQueueParamsSchema = z.object({
  status: z
    .enum(MERGE_QUEUE_STATUSES, { error: `must be one of: ${MERGE_QUEUE_STATUSES.join(", ")}` })
    .default("pending"),
  page: z
    .string()
    .regex(/^[1-9]\d{0,4}$/, PAGE_MESSAGE)
    .transform(Number)
    .refine((page) => page <= MERGE_QUEUE_MAX_PAGE, PAGE_MESSAGE)
    .default(1),
});

export type MergeQueueParams = z.infer<typeof mergeQueueParamsSchema>;

/** status and page from a query (a repeated parameter counts by its first value). */
export function parseMergeQueueParams(
  read: (name: "status" | "page") => string | undefined,
): { ok: true; value: MergeQueueParams } | { ok: false; problems: FieldMessage[] } {
  const parsed = mergeQueueParamsSchema.safeParse({ status: read("status"), page: read("page") });
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problems: zodIssuesToMessages(parsed.error) };
}

/** The limit and offset of a page of the queue. */
export function mergeQueueWindow(page: number): { limit: number; offset: number } {
  return { limit: MERGE_QUEUE_PAGE_SIZE, offset: (page - 1) * MERGE_QUEUE_PAGE_SIZE };
}
