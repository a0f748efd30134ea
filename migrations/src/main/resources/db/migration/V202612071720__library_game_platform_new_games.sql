-- A statement's new games have no game_platform rows yet: a row needs its game, and no other
-- transaction sees these games before this one commits (an INSERT ... ON CONFLICT DO UPDATE's
-- updated rows are not in its insert's new_rows). Their rows go in without ON CONFLICT, whose
-- speculative insertion took twice as long: 0.27 s against 0.14 s for the 20,000 games of the
-- dataset import. The editions' rows keep ON CONFLICT: they meet their game's rows, and a
-- concurrent refresh may be deleting one. Otherwise unchanged (V202612070900__library_game_platform_index.sql).
CREATE OR REPLACE FUNCTION game_platform_game_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO game_platform (platform, game_id)
        SELECT DISTINCT p, n.id FROM new_rows n CROSS JOIN LATERAL unnest(n.platforms) AS p WHERE p IS NOT NULL;
    ELSE
        PERFORM game_platform_refresh(ARRAY(SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
                                            WHERE o.platforms IS DISTINCT FROM n.platforms));
    END IF;
    RETURN NULL;
END;
$$;
