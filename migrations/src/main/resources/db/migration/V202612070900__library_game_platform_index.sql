-- Every platform a game is on, its own or one of its editions', one row each: the platform filter
-- of GET /api/games and its count read this narrow table's primary key (an index-only scan)
-- instead of the union of two GIN lookups, each of which visits every matching game or edition
-- row. It is derived from game.platforms and edition.platforms, kept by the triggers below in
-- the statement that changes them, so it is never exported (docs/formats/questlog-export.md).
CREATE TABLE game_platform (
    platform text NOT NULL,
    game_id  uuid NOT NULL REFERENCES game (id) ON DELETE CASCADE,
    PRIMARY KEY (platform, game_id)
);
CREATE INDEX game_platform_game_idx ON game_platform (game_id);

-- Recomputes the rows of these games from game and edition. A game deleted in the same statement
-- (an edition's cascade) gets none: its rows go with it by the foreign key. The games' rows are
-- locked first (NO KEY UPDATE: foreign-key checks still pass), so that two transactions changing
-- editions of one game recompute one after the other, each from what the other committed.
CREATE FUNCTION game_platform_refresh(ids uuid[]) RETURNS void LANGUAGE sql AS $$
    SELECT 1 FROM game WHERE id = ANY(ids) ORDER BY id FOR NO KEY UPDATE;
    DELETE FROM game_platform gp
    WHERE gp.game_id = ANY(ids)
      AND NOT EXISTS (SELECT 1 FROM game g WHERE g.id = gp.game_id AND gp.platform = ANY(g.platforms))
      AND NOT EXISTS (SELECT 1 FROM edition e WHERE e.game_id = gp.game_id AND gp.platform = ANY(e.platforms));
    INSERT INTO game_platform (platform, game_id)
    SELECT DISTINCT p, g.id FROM game g CROSS JOIN LATERAL unnest(g.platforms) AS p
    WHERE g.id = ANY(ids) AND p IS NOT NULL
    UNION
    SELECT DISTINCT p, e.game_id FROM edition e CROSS JOIN LATERAL unnest(e.platforms) AS p
    WHERE e.game_id = ANY(ids) AND p IS NOT NULL AND EXISTS (SELECT 1 FROM game g WHERE g.id = e.game_id)
    ON CONFLICT DO NOTHING;
$$;

-- Statement-level, with transition tables: one statement per import batch, not one per row.
-- New rows only add platforms: inserted without the refresh's locks (a concurrent refresh that
-- removes the same pair waits on, or is waited for by, ON CONFLICT), so a bulk import pays one
-- insert per statement.
CREATE FUNCTION game_platform_game_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO game_platform (platform, game_id)
        SELECT DISTINCT p, n.id FROM new_rows n CROSS JOIN LATERAL unnest(n.platforms) AS p WHERE p IS NOT NULL
        ON CONFLICT DO NOTHING;
    ELSE
        PERFORM game_platform_refresh(ARRAY(SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
                                            WHERE o.platforms IS DISTINCT FROM n.platforms));
    END IF;
    RETURN NULL;
END;
$$;

CREATE FUNCTION game_platform_edition_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO game_platform (platform, game_id)
        SELECT DISTINCT p, n.game_id FROM new_rows n CROSS JOIN LATERAL unnest(n.platforms) AS p WHERE p IS NOT NULL
        ON CONFLICT DO NOTHING;
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM game_platform_refresh(ARRAY(SELECT DISTINCT game_id FROM old_rows));
    ELSE
        PERFORM game_platform_refresh(ARRAY(SELECT o.game_id FROM old_rows o JOIN new_rows n ON n.id = o.id
                                            WHERE (o.platforms, o.game_id) IS DISTINCT FROM (n.platforms, n.game_id)
                                            UNION
                                            SELECT n.game_id FROM old_rows o JOIN new_rows n ON n.id = o.id
                                            WHERE (o.platforms, o.game_id) IS DISTINCT FROM (n.platforms, n.game_id)));
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER game_platform_game_inserted AFTER INSERT ON game REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION game_platform_game_changed();
CREATE TRIGGER game_platform_game_updated AFTER UPDATE ON game REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION game_platform_game_changed();
CREATE TRIGGER game_platform_edition_inserted AFTER INSERT ON edition REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION game_platform_edition_changed();
CREATE TRIGGER game_platform_edition_updated AFTER UPDATE ON edition REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION game_platform_edition_changed();
CREATE TRIGGER game_platform_edition_deleted AFTER DELETE ON edition REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION game_platform_edition_changed();

INSERT INTO game_platform (platform, game_id)
SELECT DISTINCT p, g.id FROM game g CROSS JOIN LATERAL unnest(g.platforms) AS p WHERE p IS NOT NULL
UNION
SELECT DISTINCT p, e.game_id FROM edition e CROSS JOIN LATERAL unnest(e.platforms) AS p WHERE p IS NOT NULL;
