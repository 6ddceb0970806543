import type { SearchClient } from "@/lib/search/client";
import type pg from "pg";
import { documentFingerprints } from "@/lib/search/index-admin";
import { allDocuments } from "./documents";

export type IndexDifference = {
  missing: number[];
  extra: number[];
  stale: number[];
  postgresCount: number;
  indexCount: number;
};

/** Compares every published statement's document with what the index holds. */
export async function compareIndexWithPostgres(ctx: {
  pool: pg.Pool;
  meili: SearchClient;
  indexUid: string;
}): Promise<IndexDifference> {
  const indexed = new Map<number, string>();
  for await (const page of documentFingerprints(ctx.meili, ctx.indexUid)) {
    for (const doc of page) indexed.set(doc.id, doc.fingerprint);
  }
  const indexCount = indexed.size;
  const missing: number[] = [];
  const stale: number[] = [];
  let postgresCount = 0;
  for await (const page of allDocuments(ctx.pool, 5_000)) {
    for (const doc of page) {
      postgresCount += 1;
      const fingerprint = indexed.get(doc.id);
      if (fingerprint === undefined) missing.push(doc.id);
      else if (fingerprint !== doc.fingerprint) stale.push(doc.id);
      indexed.delete(doc.id);
    }
  }
  return { missing, extra: [...indexed.keys()].sort((a, b) => a - b), stale, postgresCount, indexCount };
}

export function isInSync(diff: IndexDifference): boolean {
  return diff.missing.length === 0 && diff.extra.length === 0 && diff.stale.length === 0;
}
