import { entityMergeRoute } from "@/lib/api/entity-routes";
import { mergeSpeakers } from "@/lib/curate/speakers";

export const dynamic = "force-dynamic";

/** POST /api/curate/speakers/:id/merge {intoId} — merges this speaker into another; its address then redirects there. */
export const POST = entityMergeRoute(mergeSpeakers);
