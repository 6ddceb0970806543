import "server-only";
import type pg from "pg";
import { NextResponse } from "next/server";
import { parseIdParam, parseIntoId, type CurateUser, type MergeResult } from "@/lib/curate/entities";
import { NotFoundError } from "@/lib/errors";
import { getPool, type Queryable } from "@/lib/db/client";
import { curatorRoute, readJsonBody } from "./curator-route";

// The handlers of /api/curate/speakers/:id and /api/curate/topics/:id (and their
// /merge), which differ only in the service they call and the key of the record.

type Params = { id: string };
const NO_STORE = { "Cache-Control": "no-store" };

type EntityService<R> = {
  /** The record's key in the answers: { speaker: … } or { topic: … }. */
  key: "speaker" | "topic";
  get: (db: Queryable, id: number) => Promise<R | null>;
  statementCount: (db: Queryable, id: number) => Promise<number>;
  update: (pool: pg.Pool, request: { id: number; input: Record<string, unknown>; user: CurateUser }) => Promise<R>;
  remove: (pool: pg.Pool, request: { id: number; user: CurateUser }) => Promise<{ id: number; slug: string }>;
};

/**
 * GET: the record as the edit form loads it, with its statement count.
 * PUT: saves an edit; `version` must be the one loaded (409 with the stored record otherwise).
 * DELETE: admins only, and only a record no statement uses (409 "in_use" otherwise).
 */
export function entityItemRoutes<R>(service: EntityService<R>) {
  return {
    GET: curatorRoute<Params>("editor", async ({ params }) => {
      const id = parseIdParam(params.id);
      const pool = getPool();
      const record = await service.get(pool, id);
      if (!record) throw new NotFoundError(`No ${service.key} has this id.`);
      return NextResponse.json(
        { [service.key]: record, statementCount: await service.statementCount(pool, id) },
        { headers: NO_STORE },
      );
    }),
    PUT: curatorRoute<Params>("editor", async ({ request, params, user }) => {
      const id = parseIdParam(params.id);
      const record = await service.update(getPool(), { id, input: await readJsonBody(request), user });
      return NextResponse.json({ [service.key]: record }, { headers: NO_STORE });
    }),
    DELETE: curatorRoute<Params>("admin", async ({ params, user }) => {
      const id = parseIdParam(params.id);
      const deleted = await service.remove(getPool(), { id, user });
      return NextResponse.json({ deleted }, { headers: NO_STORE });
    }),
  };
}

/** POST {intoId}: merges this record into another; its address then redirects there. */
export function entityMergeRoute<R>(
  merge: (pool: pg.Pool, request: { fromId: number; intoId: number; user: CurateUser }) => Promise<MergeResult<R>>,
) {
  return curatorRoute<Params>("editor", async ({ request, params, user }) => {
    const fromId = parseIdParam(params.id);
    const intoId = parseIntoId(await readJsonBody(request));
    const result = await merge(getPool(), { fromId, intoId, user });
    return NextResponse.json(result, { headers: NO_STORE });
  });
}
