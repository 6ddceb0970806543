import { describe, expect, it } from "vitest";
import { TASK_MAX_BYTES, ndjsonTasks, pollSchedule } from "@/lib/search/index-admin";
import type { StatementDocument } from "@/lib/search/types";
import { FIRST_CLAIM, MAX_CLAIM, nextClaimLimit } from "./worker";

describe("claim size of the sync worker", () => {
  it("starts small, grows fourfold while claims come back full, and falls back once the outbox is shallow", () => {
    let limit = FIRST_CLAIM;
    const seen = [limit];
    for (let i = 0; i < 5; i++) {
      limit = nextClaimLimit({ limit, claimed: limit, indexed: limit, bytes: limit * 500 });
      seen.push(limit);
    }
    expect(seen).toEqual([1_000, 4_000, 16_000, MAX_CLAIM, MAX_CLAIM, MAX_CLAIM]);
    expect(nextClaimLimit({ limit: MAX_CLAIM, claimed: 3, indexed: 3, bytes: 1500 })).toBe(FIRST_CLAIM);
  });

  it("keeps a batch of long documents within the byte budget", () => {
    // 10 kB per document: at most TASK_MAX_BYTES / 10 kB documents per batch.
    const next = nextClaimLimit({ limit: 4_000, claimed: 4_000, indexed: 4_000, bytes: 4_000 * 10_000 });
    expect(next).toBe(Math.floor(TASK_MAX_BYTES / 10_000));
    // Never below the first claim, and never above a configured maximum.
    expect(nextClaimLimit({ limit: 4_000, claimed: 4_000, indexed: 4_000, bytes: 4_000 * 10_000_000 })).toBe(
      FIRST_CLAIM,
    );
    expect(nextClaimLimit({ limit: 50, claimed: 50, indexed: 50, bytes: 5_000 }, 50)).toBe(50);
  });
});

describe("Meilisearch tasks of a write", () => {
  const doc = (id: number, text: string) => ({ id, text }) as unknown as StatementDocument;

  it("cuts NDJSON tasks by document count and by bytes (UTF-8), each line one document", () => {
    const docs = Array.from({ length: 10 }, (_, i) => doc(i + 1, "ي".repeat(100)));
    const byCount = ndjsonTasks(docs, 4, 1e9);
    expect(byCount.map((t) => t.documents)).toEqual([4, 4, 2]);
    const lineBytes = Buffer.byteLength(`${JSON.stringify(docs[0])}\n`);
    const byBytes = ndjsonTasks(docs, 1_000, lineBytes * 3 + 1);
    expect(byBytes.map((t) => t.documents)).toEqual([3, 3, 3, 1]);
    for (const task of byBytes) {
      expect(Buffer.byteLength(task.body)).toBe(task.bytes);
      expect(
        task.body
          .split("\n")
          .filter(Boolean)
          .map((l) => JSON.parse(l).id),
      ).toHaveLength(task.documents);
    }
  });

  it("polls a one-document task often and a big batch rarely", () => {
    expect(pollSchedule(1)).toMatchObject({ first: 10, max: 50 });
    expect(pollSchedule(2_000)).toMatchObject({ first: 40, max: 200 });
    expect(pollSchedule(50_000)).toMatchObject({ first: 250, max: 2_000 });
    expect(pollSchedule(50_000).timeout).toBeGreaterThan(pollSchedule(1).timeout);
  });
});
