import type { NextRequest } from "next/server";
import { workAsyncStorage } from "next/dist/server/app-render/work-async-storage.external";
import { workUnitAsyncStorage } from "next/dist/server/app-render/work-unit-async-storage.external";
import { createRequestStoreForAPI } from "next/dist/server/async-storage/request-store";
import { createWorkStore } from "next/dist/server/async-storage/work-store";

/**
 * Runs a route handler inside Next's request scope, as the App Router does: what next/headers
 * (the reader's language, cookies) and next-auth's getServerSession read. A test file that uses
 * it imports "next/dist/server/node-environment-baseline" first.
 */
export async function inRequestScope<T>(request: NextRequest, page: string, work: () => Promise<T>): Promise<T> {
  const workStore = createWorkStore({
    page,
    renderOpts: { experimental: {} },
    buildId: "test",
    previouslyRevalidatedTags: [],
  } as unknown as Parameters<typeof createWorkStore>[0]);
  workStore.forceDynamic = true;
  const requestStore = createRequestStoreForAPI(
    request as unknown as Parameters<typeof createRequestStoreForAPI>[0],
    request.nextUrl as unknown as Parameters<typeof createRequestStoreForAPI>[1],
    { tags: [], expirationsByCacheKind: new Map() } as unknown as Parameters<typeof createRequestStoreForAPI>[2],
    undefined,
    undefined as unknown as Parameters<typeof createRequestStoreForAPI>[4],
    undefined,
  );
  return workUnitAsyncStorage.run(requestStore, () => workAsyncStorage.run(workStore, work));
}
