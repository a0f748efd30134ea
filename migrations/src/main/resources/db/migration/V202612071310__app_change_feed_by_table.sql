-- A transaction may ask the change feed for whole tables: with the setting questlog.changes_by_table
-- 'on' (set_config(..., true), for its own transaction), questlog_notify_change() notifies the
-- table's name without working out the keys of the rows a statement touched. A bulk load sets it
-- (BulkLoad): nothing else is connected to listen for keys, and its statements touch thousands of
-- rows, past the 7,000 bytes of keys one notification holds, so it would notify the whole table
-- anyway; working the keys out first cost the 20,000-game dataset's import 0.43 s of PostgreSQL's
-- time. Otherwise unchanged (V202612070600__app_change_feed_keys.sql).
CREATE OR REPLACE FUNCTION questlog_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    rows_seen bigint;
    missing bigint;
    keys text;
BEGIN
    IF TG_NARGS = 0 OR TG_OP = 'TRUNCATE' OR current_setting('questlog.changes_by_table', true) = 'on' THEN
        PERFORM pg_notify('questlog_changes', TG_TABLE_NAME);
        RETURN NULL;
    END IF;
    EXECUTE format('SELECT count(*), count(*) FILTER (WHERE k IS NULL), string_agg(DISTINCT d || '':'' || k, '','') '
                   'FROM (%s) AS t(d, k)', TG_ARGV[0])
        INTO rows_seen, missing, keys;
    IF rows_seen = 0 THEN
        RETURN NULL;
    END IF;
    IF missing > 0 OR keys IS NULL OR octet_length(keys) > 7000 THEN
        PERFORM pg_notify('questlog_changes', TG_TABLE_NAME);
    ELSE
        PERFORM pg_notify('questlog_changes', TG_TABLE_NAME || '|' || keys);
    END IF;
    RETURN NULL;
END $$;
