import { entityItemRoutes } from "@/lib/api/entity-routes";
import { deleteTopic, getTopicRecord, topicStatementCount, updateTopic } from "@/lib/curate/topics";

export const dynamic = "force-dynamic";

const routes = entityItemRoutes({
  key: "topic",
  get: getTopicRecord,
  statementCount: topicStatementCount,
  update: updateTopic,
  remove: deleteTopic,
});

/** GET /api/curate/topics/:id — the record as the edit form loads it, with its statement count. */
export const GET = routes.GET;
/** PUT /api/curate/topics/:id — saves names and parent; `version` must be the one loaded (409 otherwise); a loop is a 400 on parentId. */
export const PUT = routes.PUT;
/** DELETE /api/curate/topics/:id — admins only, and only a topic no statement uses (409 otherwise). */
export const DELETE = routes.DELETE;
