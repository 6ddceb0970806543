-- Tells every app instance which public pages a committed change touches (LISTEN page_changes),
-- so each can drop exactly those pages from its cache (lib/cache/page-cache.ts). The payload is a
-- space-separated list of tags: s:<statement id>, p:<speaker id>, t:<topic id>, y:<year said, or ->,
-- and "statements", "speakers", "topics" for pages that list any of them; "*" when a change touches
-- more than a bulk write's worth (an import batch, a restore): then every cached page goes.
-- Triggers, not application code: imports, restores, merges and curators' saves all pass here.
CREATE FUNCTION notify_page_changes(tags text[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  payload text;
BEGIN
  SELECT string_agg(DISTINCT tag, ' ') INTO payload FROM unnest(tags) AS tag WHERE tag IS NOT NULL;
  IF payload IS NULL THEN
    RETURN;
  END IF;
  IF length(payload) > 7000 THEN
    payload := '*';
  END IF;
  PERFORM pg_notify('page_changes', payload);
END;
$$;
--> statement-breakpoint
-- The pages a set of changed statements appears on: their own, their speakers', their topics', the
-- years they were said in, and the statements that show them (responses, translations).
CREATE FUNCTION statement_page_tags(ids int[], speaker_ids int[], years text[], linked_ids int[]) RETURNS text[] LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN cardinality(ids) > 200 THEN ARRAY['*'] ELSE ARRAY(
    SELECT 's:' || unnest(ids || linked_ids)
    UNION SELECT 'p:' || unnest(speaker_ids)
    UNION SELECT 'y:' || unnest(years)
    UNION SELECT 't:' || topic_id FROM statement_topics WHERE statement_id = ANY(ids)
    UNION SELECT 's:' || responds_to_id FROM statement_responses WHERE statement_id = ANY(ids)
    UNION SELECT 's:' || statement_id FROM statement_responses WHERE responds_to_id = ANY(ids)
    UNION SELECT 's:' || id FROM statements WHERE translation_of_id = ANY(ids)
    UNION SELECT 'statements'
  ) END
$$;
--> statement-breakpoint
CREATE FUNCTION page_changes_statements() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids int[] := '{}';
  speaker_ids int[] := '{}';
  years text[] := '{}';
  linked int[] := '{}';
BEGIN
  -- Drafts are not public: a change that leaves a statement a draft touches no public page.
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    SELECT ids || coalesce(array_agg(id), '{}'), speaker_ids || coalesce(array_agg(speaker_id), '{}'),
           years || coalesce(array_agg(coalesce(extract(year FROM said_on)::int::text, '-')), '{}'),
           linked || coalesce(array_agg(translation_of_id) FILTER (WHERE translation_of_id IS NOT NULL), '{}')
      INTO ids, speaker_ids, years, linked
      FROM new_rows WHERE status <> 'draft';
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    SELECT ids || coalesce(array_agg(id), '{}'), speaker_ids || coalesce(array_agg(speaker_id), '{}'),
           years || coalesce(array_agg(coalesce(extract(year FROM said_on)::int::text, '-')), '{}'),
           linked || coalesce(array_agg(translation_of_id) FILTER (WHERE translation_of_id IS NOT NULL), '{}')
      INTO ids, speaker_ids, years, linked
      FROM old_rows WHERE status <> 'draft';
  END IF;
  IF cardinality(ids) > 0 THEN
    PERFORM notify_page_changes(statement_page_tags(ids, speaker_ids, years, linked));
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER statements_page_changes_insert AFTER INSERT ON statements REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION page_changes_statements();
--> statement-breakpoint
CREATE TRIGGER statements_page_changes_update AFTER UPDATE ON statements REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION page_changes_statements();
--> statement-breakpoint
CREATE TRIGGER statements_page_changes_delete AFTER DELETE ON statements REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION page_changes_statements();
--> statement-breakpoint
-- Link tables: the statement's page, and the topic's (statement_topics) or the other statement's (responses).
CREATE FUNCTION page_changes_links() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  tags text[] := '{}';
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    EXECUTE format('SELECT array_agg(t) FROM (SELECT %s AS r FROM new_rows) x, unnest(r) AS t', TG_ARGV[0]) INTO tags;
  ELSE
    EXECUTE format('SELECT array_agg(t) FROM (SELECT %s AS r FROM old_rows) x, unnest(r) AS t', TG_ARGV[0]) INTO tags;
  END IF;
  IF cardinality(tags) > 400 THEN
    tags := ARRAY['*'];
  END IF;
  PERFORM notify_page_changes(coalesce(tags, '{}'));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER statement_topics_page_changes_insert AFTER INSERT ON statement_topics REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION page_changes_links($$ARRAY['s:' || statement_id, 't:' || topic_id, 'statements']$$);
--> statement-breakpoint
CREATE TRIGGER statement_topics_page_changes_delete AFTER DELETE ON statement_topics REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
  EXECUTE FUNCTION page_changes_links($$ARRAY['s:' || statement_id, 't:' || topic_id, 'statements']$$);
--> statement-breakpoint
CREATE TRIGGER statement_sources_page_changes_insert AFTER INSERT ON statement_sources REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION page_changes_links($$ARRAY['s:' || statement_id]$$);
--> statement-breakpoint
CREATE TRIGGER statement_sources_page_changes_delete AFTER DELETE ON statement_sources REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
  EXECUTE FUNCTION page_changes_links($$ARRAY['s:' || statement_id]$$);
--> statement-breakpoint
CREATE TRIGGER statement_responses_page_changes_insert AFTER INSERT ON statement_responses REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION page_changes_links($$ARRAY['s:' || statement_id, 's:' || responds_to_id]$$);
--> statement-breakpoint
CREATE TRIGGER statement_responses_page_changes_delete AFTER DELETE ON statement_responses REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
  EXECUTE FUNCTION page_changes_links($$ARRAY['s:' || statement_id, 's:' || responds_to_id]$$);
--> statement-breakpoint
-- Speakers and topics: their own pages, and every page that names any of them.
CREATE TRIGGER speakers_page_changes_insert AFTER INSERT ON speakers REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION page_changes_links($$ARRAY['p:' || id, 'speakers']$$);
--> statement-breakpoint
CREATE TRIGGER speakers_page_changes_update AFTER UPDATE ON speakers REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION page_changes_links($$ARRAY['p:' || id, 'speakers']$$);
--> statement-breakpoint
CREATE TRIGGER speakers_page_changes_delete AFTER DELETE ON speakers REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
  EXECUTE FUNCTION page_changes_links($$ARRAY['p:' || id, 'speakers']$$);
--> statement-breakpoint
CREATE TRIGGER speaker_names_page_changes_insert AFTER INSERT ON speaker_names REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION page_changes_links($$ARRAY['p:' || speaker_id, 'speakers']$$);
--> statement-breakpoint
CREATE TRIGGER speaker_names_page_changes_delete AFTER DELETE ON speaker_names REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
  EXECUTE FUNCTION page_changes_links($$ARRAY['p:' || speaker_id, 'speakers']$$);
--> statement-breakpoint
CREATE TRIGGER topics_page_changes_insert AFTER INSERT ON topics REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION page_changes_links($$ARRAY['t:' || id, 'topics']$$);
--> statement-breakpoint
CREATE TRIGGER topics_page_changes_update AFTER UPDATE ON topics REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION page_changes_links($$ARRAY['t:' || id, 'topics']$$);
--> statement-breakpoint
CREATE TRIGGER topics_page_changes_delete AFTER DELETE ON topics REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
  EXECUTE FUNCTION page_changes_links($$ARRAY['t:' || id, 'topics']$$);
--> statement-breakpoint
-- A source's title or outlet shows on the pages of the statements that cite it.
CREATE FUNCTION page_changes_sources() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM notify_page_changes(ARRAY(SELECT 's:' || ss.statement_id FROM statement_sources ss JOIN new_rows n ON n.id = ss.source_id LIMIT 401));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER sources_page_changes_update AFTER UPDATE ON sources REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION page_changes_sources();
