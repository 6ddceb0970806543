import { CACHE_SECONDS, preflight, publicGet, serialisedJson, weakEtag } from "@/lib/api/http-cache";
import { openApiDocument } from "@/lib/api/openapi";

export const dynamic = "force-dynamic";

/** GET /api/v1/openapi.json — the OpenAPI 3.1 description of the API (lib/api/openapi.ts). */
// Fixed for the life of the process: serialised and tagged once, not on every request.
const text = JSON.stringify(openApiDocument);
const document = { text, etag: weakEtag(text) };

export const GET = publicGet(async (request) => serialisedJson(request, document, CACHE_SECONDS.document));

export const OPTIONS = preflight;
