-- Links to a merged-away statement follow its merge (issue 15): a translation or a response of a statement
-- that was merged into another is shown on that one, and a link to a merged-away statement shows the
-- statement its merges end at. The links themselves stay as curators made them, so undoing a merge needs
-- nothing else. Chains are followed at most 20 steps, as lib/db/merge-chain.ts does.

-- Where a statement's merges end: itself when not merged; NULL for no statement.
CREATE FUNCTION statement_merge_end(start_id integer) RETURNS integer LANGUAGE sql STABLE PARALLEL SAFE AS $$
  WITH RECURSIVE chain(id, merged_into_id, depth) AS (
    SELECT id, merged_into_id, 0 FROM statements WHERE id = start_id
    UNION ALL
    SELECT s.id, s.merged_into_id, c.depth + 1 FROM statements s JOIN chain c ON s.id = c.merged_into_id
     WHERE c.depth < 20)
  SELECT id FROM chain WHERE merged_into_id IS NULL LIMIT 1
$$;
--> statement-breakpoint
-- A statement and every statement whose merges end at it (statements_merged_into_idx finds them).
CREATE FUNCTION statement_merged_ids(target_id integer) RETURNS integer[] LANGUAGE sql STABLE PARALLEL SAFE AS $$
  WITH RECURSIVE here(id, depth) AS (
    SELECT target_id, 0
    UNION ALL
    SELECT s.id, h.depth + 1 FROM statements s JOIN here h ON s.merged_into_id = h.id WHERE h.depth < 20)
  SELECT array_agg(id) FROM here
$$;
