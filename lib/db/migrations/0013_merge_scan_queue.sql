-- The merge candidate finder reads a queue instead of a cursor over statement ids (0012's job_cursors):
-- a cursor passes a statement whose transaction commits after a higher id was read, a draft published
-- later, and a statement whose words change. Triggers queue each public statement when it is written
-- or its words, date or status change; the job empties the queue (lib/curate/merge-candidates.ts).
DROP TABLE "job_cursors";
--> statement-breakpoint
-- No foreign key: checking one locks each new statement row (FOR KEY SHARE), which made every later
-- read of those rows slower (the import's search sync took 35 s more for 120k statements). The job
-- skips and removes the id of a statement deleted meanwhile.
CREATE TABLE "merge_scan_queue" (
	"statement_id" integer PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE FUNCTION queue_merge_scan_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO merge_scan_queue (statement_id)
    SELECT id FROM new_rows WHERE status IN ('published', 'retracted') ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION queue_merge_scan_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO merge_scan_queue (statement_id)
    SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
     WHERE n.status IN ('published', 'retracted')
       AND (n.text_key IS DISTINCT FROM o.text_key OR n.status IS DISTINCT FROM o.status
            OR n.said_on IS DISTINCT FROM o.said_on OR n.speaker_id IS DISTINCT FROM o.speaker_id)
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER statements_merge_scan_insert AFTER INSERT ON statements REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION queue_merge_scan_inserted();
--> statement-breakpoint
CREATE TRIGGER statements_merge_scan_update AFTER UPDATE ON statements REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION queue_merge_scan_updated();
--> statement-breakpoint
-- What is public now is compared once (a site migrated from before 0012 has never been scanned).
INSERT INTO merge_scan_queue (statement_id) SELECT id FROM statements WHERE status IN ('published', 'retracted');
