-- How many games the library holds, kept by the writes, so that an unfiltered page of
-- GET /api/games tells its total without counting 20,000 index entries on every request.
--
-- game_count_delta: insert-only signed changes (a statement's inserted or deleted games), summed
-- by the read. A write only appends a row, so concurrent writers (an import beside a create)
-- never wait for each other on one counter row. Every 64 writing statements the rows are
-- replaced by their sum, by whichever write gets there first (an advisory lock keeps it to one
-- at a time; rows of transactions still open are left for the next time). Derived: the
-- triggers keep it, game_count_rebuild() recomputes it (also after a TRUNCATE), and the export
-- leaves it out.
CREATE TABLE game_count_delta (
    n bigint NOT NULL
);

CREATE SEQUENCE game_count_delta_writes;

CREATE FUNCTION game_count_compact() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF NOT pg_try_advisory_xact_lock(hashtext('game_count_compact')) THEN
        RETURN;
    END IF;
    WITH gone AS (DELETE FROM game_count_delta RETURNING n)
    INSERT INTO game_count_delta (n) SELECT sum(n) FROM gone HAVING sum(n) <> 0;
END $$;

CREATE FUNCTION game_count_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('game_count_compact'));
    DELETE FROM game_count_delta;
    INSERT INTO game_count_delta (n) SELECT count(*) FROM game HAVING count(*) <> 0;
END $$;

CREATE FUNCTION game_count_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed bigint;
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        PERFORM game_count_rebuild();
        RETURN NULL;
    ELSIF TG_OP = 'INSERT' THEN
        SELECT count(*) INTO changed FROM new_rows;
    ELSE
        SELECT -count(*) INTO changed FROM old_rows;
    END IF;
    IF changed <> 0 THEN
        INSERT INTO game_count_delta (n) VALUES (changed);
        IF nextval('game_count_delta_writes') % 64 = 0 THEN
            PERFORM game_count_compact();
        END IF;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER game_count_game_inserted AFTER INSERT ON game REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION game_count_changed();
CREATE TRIGGER game_count_game_deleted AFTER DELETE ON game REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION game_count_changed();
CREATE TRIGGER game_count_game_truncated AFTER TRUNCATE ON game
    FOR EACH STATEMENT EXECUTE FUNCTION game_count_changed();

SELECT game_count_rebuild();
