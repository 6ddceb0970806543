import { entityMergeRoute } from "@/lib/api/entity-routes";
import { mergeTopics } from "@/lib/curate/topics";

export const dynamic = "force-dynamic";

/** POST /api/curate/topics/:id/merge {intoId} — merges this topic into another; its address then redirects there. */
export const POST = entityMergeRoute(mergeTopics);
