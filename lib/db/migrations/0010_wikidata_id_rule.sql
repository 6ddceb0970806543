-- One rule for a Wikidata id, the curators' and the importer's (lib/validation/import-line.ts):
-- Q, no leading zero, at most 12 digits. Ids the old check let in are mended where they name an
-- item (Q0567 is Q567) and cleared where they cannot (Q0, 13 digits or more).
ALTER TABLE "speakers" DROP CONSTRAINT "speakers_wikidata_check";--> statement-breakpoint
UPDATE "speakers" SET "wikidata_id" = 'Q' || ltrim(substr("wikidata_id", 2), '0') WHERE "wikidata_id" ~ '^Q0+[1-9][0-9]*$';--> statement-breakpoint
UPDATE "speakers" SET "wikidata_id" = NULL WHERE "wikidata_id" !~ '^Q[1-9][0-9]{0,11}$';--> statement-breakpoint
CREATE INDEX "speakers_wikidata_idx" ON "speakers" USING btree ("wikidata_id") WHERE "speakers"."wikidata_id" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "speakers" ADD CONSTRAINT "speakers_wikidata_check" CHECK ("speakers"."wikidata_id" IS NULL OR "speakers"."wikidata_id" ~ '^Q[1-9][0-9]{0,11}$');
