import { entityItemRoutes } from "@/lib/api/entity-routes";
import { deleteSpeaker, getSpeakerRecord, speakerStatementCount, updateSpeaker } from "@/lib/curate/speakers";

export const dynamic = "force-dynamic";

const routes = entityItemRoutes({
  key: "speaker",
  get: getSpeakerRecord,
  statementCount: speakerStatementCount,
  update: updateSpeaker,
  remove: deleteSpeaker,
});

/** GET /api/curate/speakers/:id — the record as the edit form loads it, with its statement count. */
export const GET = routes.GET;
/** PUT /api/curate/speakers/:id — saves an edit; `version` must be the one loaded (409 with the stored record otherwise). */
export const PUT = routes.PUT;
/** DELETE /api/curate/speakers/:id — admins only, and only a speaker without statements (409 otherwise). */
export const DELETE = routes.DELETE;
