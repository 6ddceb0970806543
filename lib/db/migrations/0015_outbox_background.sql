-- Curators' changes reach search before bulk work: the worker claims rows that are not background first
-- (lib/sync/worker.ts). Imports write their rows as background; so does the re-indexing a migration asks
-- for. Without it, 0012's re-indexing of every published statement (a million rows on a large site) made
-- each save wait behind all of them: the 1M bench's saved statement was not searchable within 30 s.
DROP INDEX "outbox_pending_idx";--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "background" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "outbox_claim_idx" ON "outbox" USING btree ("background","id") WHERE "outbox"."done_at" IS NULL;--> statement-breakpoint
-- What is pending when this runs is 0012's re-indexing (migrations run before the app serves).
UPDATE "outbox" SET "background" = true WHERE "done_at" IS NULL;
