DROP INDEX "statements_said_on_idx";--> statement-breakpoint
CREATE INDEX "statements_said_on_id_idx" ON "statements" USING btree ("said_on","id");--> statement-breakpoint
CREATE INDEX "statements_published_said_on_idx" ON "statements" USING btree ("said_on","said_on_precision") WHERE "statements"."status" = 'published';