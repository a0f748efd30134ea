-- Finer keys for game changes, so that a games listing page is dropped only by a change that can
-- alter it. Instead of one c:listing, a game change now says what of it games listings look at:
-- c:rows (a game came or went: every page and total), c:name (name, slug or sort name: the name
-- and relevance orders and the search), c:year, c:platforms, c:franchise, c:created (the filter
-- or order on that column). Without any, a changed game matters only to the listing pages that
-- show it (and to the order by update time). The other keys are as before (g: the game, its
-- children; l: the lists that show it).
DO $$
DECLARE
    shown text := 'SELECT ''g'', r.slug FROM %1$s r
                   UNION ALL SELECT ''g'', c.slug FROM %1$s r JOIN game c ON c.parent_game_id = r.id
                   UNION ALL SELECT ''l'', l.slug FROM %1$s r JOIN list_entry e ON e.game_id = r.id JOIN list l ON l.id = e.list_id';
    changed text := 'SELECT ''c'', x.k FROM old_rows o JOIN new_rows n ON n.id = o.id
        CROSS JOIN LATERAL (VALUES
            (CASE WHEN (o.name, o.slug, o.sort_name) IS DISTINCT FROM (n.name, n.slug, n.sort_name) THEN ''name'' END),
            (CASE WHEN o.original_release_year IS DISTINCT FROM n.original_release_year THEN ''year'' END),
            (CASE WHEN o.platforms IS DISTINCT FROM n.platforms THEN ''platforms'' END),
            (CASE WHEN o.franchise_id IS DISTINCT FROM n.franchise_id THEN ''franchise'' END),
            (CASE WHEN o.created_at IS DISTINCT FROM n.created_at THEN ''created'' END)) AS x(k)
        WHERE x.k IS NOT NULL';
BEGIN
    DROP TRIGGER game_inserted ON game;
    DROP TRIGGER game_updated ON game;
    DROP TRIGGER game_deleted ON game;
    EXECUTE format('CREATE TRIGGER game_inserted AFTER INSERT ON game REFERENCING NEW TABLE AS new_rows '
                   'FOR EACH STATEMENT EXECUTE FUNCTION questlog_notify_change(%L)',
                   format(shown || ' UNION ALL SELECT ''c'', ''rows'' FROM %1$s r', 'new_rows'));
    EXECUTE format('CREATE TRIGGER game_updated AFTER UPDATE ON game REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows '
                   'FOR EACH STATEMENT EXECUTE FUNCTION questlog_notify_change(%L)',
                   format(shown || ' UNION ALL ' || changed, '(SELECT * FROM old_rows UNION ALL SELECT * FROM new_rows)'));
    EXECUTE format('CREATE TRIGGER game_deleted AFTER DELETE ON game REFERENCING OLD TABLE AS old_rows '
                   'FOR EACH STATEMENT EXECUTE FUNCTION questlog_notify_change(%L)',
                   format(shown || ' UNION ALL SELECT ''c'', ''rows'' FROM %1$s r', 'old_rows'));
END $$;
