import { CACHE_SECONDS, cachedJson, preflight, publicGet } from "@/lib/api/http-cache";
import { openApiDocument } from "@/lib/api/openapi";

export const dynamic = "force-dynamic";

/** GET /api/v1/openapi.json — the OpenAPI 3.1 description of the API (lib/api/openapi.ts). */
export const GET = publicGet(async (request) => cachedJson(request, openApiDocument, CACHE_SECONDS.document));

export const OPTIONS = preflight;
