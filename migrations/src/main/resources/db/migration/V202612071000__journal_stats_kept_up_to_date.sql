-- The all-time stats (GET /api/stats) kept up to date in each write's own transaction, instead
-- of recomputed over every playthrough on each read (README "Stats").
--
-- journal_stats_game: per game, the counts its game-level figures depend on (games played and
-- completed, the backlog, its genres' and franchise's completions), and the franchise it counts
-- for (kept here so that a playthrough deleted together with its game still finds it).
-- journal_stats_delta: insert-only signed changes per figure (dim, key): a write only appends
-- rows, so concurrent writers never wait for each other on a shared counter row; the read sums
-- them. The table is compacted (rows replaced by their sums) every few hundred writes, by
-- whichever write gets there first (an advisory lock keeps it to one at a time).
-- Figures: total/<name> (n), month/YYYY-MM (completions), platform/<key or null> (played
-- playthroughs: n, minutes), rating/<1..10> (n), genre/<id> and franchise/<id> (completions n,
-- games with a completion, minutes of completed playthroughs).
--
-- Both tables are derived: the triggers below keep them, journal_stats_rebuild() recomputes them
-- from the journal and catalog (also after a TRUNCATE), and the export leaves them out.
CREATE TABLE journal_stats_game (
    game_id            uuid PRIMARY KEY,
    franchise_id       uuid,
    playthroughs       bigint NOT NULL,
    planned            bigint NOT NULL,
    paused             bigint NOT NULL,
    completed          bigint NOT NULL,
    played             bigint NOT NULL,
    completed_minutes  bigint NOT NULL
);

CREATE TABLE journal_stats_delta (
    dim      text NOT NULL,
    key      text,
    n        bigint NOT NULL,
    games    bigint NOT NULL DEFAULT 0,
    minutes  bigint NOT NULL DEFAULT 0
);

CREATE SEQUENCE journal_stats_delta_writes;

-- The deltas of a set of signed playthrough rows (%1$s: sign, game_id, status, completed_at,
-- platform, rating, playtime_total, session_count): per-row figures directly, game-level ones
-- by comparing each game's counts before and after (kept in journal_stats_game).
CREATE FUNCTION journal_stats_playthrough_sql() RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
SELECT $sql$
WITH r AS (%1$s),
per_game AS (
    SELECT game_id,
           sum(sign) AS playthroughs,
           sum(sign) FILTER (WHERE status = 'planned') AS planned,
           sum(sign) FILTER (WHERE status = 'paused') AS paused,
           sum(sign) FILTER (WHERE status = 'completed') AS completed,
           sum(sign) FILTER (WHERE status <> 'planned') AS played,
           sum(sign * playtime_total) FILTER (WHERE status = 'completed') AS completed_minutes
    FROM r GROUP BY game_id
), changed AS (
    SELECT game_id, playthroughs, COALESCE(planned, 0) AS planned, COALESCE(paused, 0) AS paused,
           COALESCE(completed, 0) AS completed, COALESCE(played, 0) AS played,
           COALESCE(completed_minutes, 0) AS completed_minutes
    FROM per_game
), kept AS (
    -- In game order, so that two writers lock the rows of the games they share in the same order.
    INSERT INTO journal_stats_game AS s (game_id, franchise_id, playthroughs, planned, paused, completed, played,
                                         completed_minutes)
    SELECT c.game_id, g.franchise_id, c.playthroughs, c.planned, c.paused, c.completed, c.played, c.completed_minutes
    FROM changed c LEFT JOIN game g ON g.id = c.game_id
    WHERE (c.playthroughs, c.planned, c.paused, c.completed, c.played, c.completed_minutes) <> (0, 0, 0, 0, 0, 0)
    ORDER BY c.game_id
    ON CONFLICT (game_id) DO UPDATE SET
        playthroughs = s.playthroughs + excluded.playthroughs, planned = s.planned + excluded.planned,
        paused = s.paused + excluded.paused, completed = s.completed + excluded.completed,
        played = s.played + excluded.played, completed_minutes = s.completed_minutes + excluded.completed_minutes
    RETURNING s.*
), states AS (
    SELECT 1 AS sign, k.game_id, k.franchise_id, k.planned, k.paused, k.completed, k.played, k.completed_minutes
    FROM kept k
    UNION ALL
    SELECT -1, k.game_id, k.franchise_id, k.planned - c.planned, k.paused - c.paused, k.completed - c.completed,
           k.played - c.played, k.completed_minutes - c.completed_minutes
    FROM kept k JOIN changed c USING (game_id)
), deltas(dim, key, n, games, minutes) AS (
    SELECT 'total', f.key, sum(s.sign * f.v), 0, 0
    FROM states s, LATERAL (VALUES
        ('games_played', (s.played > 0)::int),
        ('games_completed', (s.completed > 0)::int),
        ('backlog', (s.planned + s.paused > 0 AND s.completed = 0)::int),
        ('backlog_planned', (s.planned > 0 AND s.completed = 0)::int),
        ('backlog_paused', (s.paused > 0 AND s.completed = 0)::int)) AS f(key, v)
    GROUP BY f.key
    UNION ALL
    SELECT 'genre', gg.genre_id::text, sum(s.sign * s.completed), sum(s.sign * (s.completed > 0)::int),
           sum(s.sign * s.completed_minutes)
    FROM states s JOIN game_genre gg ON gg.game_id = s.game_id
    GROUP BY gg.genre_id
    UNION ALL
    SELECT 'franchise', s.franchise_id::text, sum(s.sign * s.completed), sum(s.sign * (s.completed > 0)::int),
           sum(s.sign * s.completed_minutes)
    FROM states s WHERE s.franchise_id IS NOT NULL
    GROUP BY s.franchise_id
    UNION ALL
    SELECT 'total', f.key, sum(r.sign * f.v), 0, 0
    FROM r, LATERAL (VALUES ('playthroughs', 1), (r.status, 1), ('sessions', r.session_count),
                            ('playtime', COALESCE(r.playtime_total, 0))) AS f(key, v)
    GROUP BY f.key
    UNION ALL
    SELECT 'month', to_char(r.completed_at, 'YYYY-MM'), sum(r.sign), 0, 0
    FROM r WHERE r.status = 'completed' GROUP BY 2
    UNION ALL
    SELECT 'platform', r.platform, sum(r.sign), 0, sum(r.sign * COALESCE(r.playtime_total, 0))
    FROM r WHERE r.status <> 'planned' GROUP BY r.platform
    UNION ALL
    SELECT 'rating', r.rating::text, sum(r.sign), 0, 0
    FROM r WHERE r.rating IS NOT NULL GROUP BY r.rating
)
INSERT INTO journal_stats_delta (dim, key, n, games, minutes)
SELECT dim, key, n, games, minutes FROM deltas WHERE n <> 0 OR games <> 0 OR minutes <> 0
$sql$
$fn$;

-- Replaces the deltas by their sums (and drops the counts of games without playthroughs), unless
-- another transaction is doing it. Rows another writer locks are left for the next time.
CREATE FUNCTION journal_stats_compact() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF NOT pg_try_advisory_xact_lock(hashtext('journal_stats_compact')) THEN
        RETURN;
    END IF;
    WITH gone AS (DELETE FROM journal_stats_delta RETURNING *)
    INSERT INTO journal_stats_delta (dim, key, n, games, minutes)
    SELECT dim, key, sum(n), sum(games), sum(minutes) FROM gone GROUP BY dim, key
    HAVING sum(n) <> 0 OR sum(games) <> 0 OR sum(minutes) <> 0;
    DELETE FROM journal_stats_game WHERE game_id IN (
        SELECT game_id FROM journal_stats_game WHERE playthroughs = 0 FOR UPDATE SKIP LOCKED);
END $$;

CREATE FUNCTION journal_stats_maybe_compact() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF nextval('journal_stats_delta_writes') % 256 = 0 THEN
        PERFORM journal_stats_compact();
    END IF;
END $$;

-- Recomputes both tables from the journal and the catalog: after a TRUNCATE, and by hand if they
-- were ever in doubt (SELECT journal_stats_rebuild()).
CREATE FUNCTION journal_stats_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('journal_stats_compact'));
    DELETE FROM journal_stats_delta;
    DELETE FROM journal_stats_game;
    INSERT INTO journal_stats_delta (dim, key, n) SELECT 'total', 'games', count(*) FROM game;
    EXECUTE format(journal_stats_playthrough_sql(),
        'SELECT 1 AS sign, game_id, status, completed_at, platform, rating, playtime_total, session_count FROM playthrough');
    PERFORM journal_stats_compact();
END $$;

CREATE FUNCTION journal_stats_playthrough_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    columns text := 'game_id, status, completed_at, platform, rating, playtime_total, session_count';
    source text;
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        PERFORM journal_stats_rebuild();
        RETURN NULL;
    END IF;
    source := CASE TG_OP
        WHEN 'INSERT' THEN format('SELECT 1 AS sign, %s FROM new_rows', columns)
        WHEN 'DELETE' THEN format('SELECT -1 AS sign, %s FROM old_rows', columns)
        ELSE format('SELECT 1 AS sign, %1$s FROM new_rows UNION ALL SELECT -1, %1$s FROM old_rows', columns) END;
    -- Waits for a transaction changing these games' genres or franchise (which locks the game
    -- rows more strongly) to end, so that the statement below, with its own snapshot, sees it.
    EXECUTE format('SELECT 1 FROM game WHERE id IN (SELECT game_id FROM (%s) r) ORDER BY id FOR SHARE', source);
    EXECUTE format(journal_stats_playthrough_sql(), source);
    PERFORM journal_stats_maybe_compact();
    RETURN NULL;
END $$;

-- A genre linked or unlinked moves the game's whole contribution (whatever it is now).
CREATE FUNCTION journal_stats_game_genre_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    source text;
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        PERFORM journal_stats_rebuild();
        RETURN NULL;
    END IF;
    source := CASE TG_OP
        WHEN 'INSERT' THEN 'SELECT 1 AS sign, game_id, genre_id FROM new_rows'
        WHEN 'DELETE' THEN 'SELECT -1 AS sign, game_id, genre_id FROM old_rows'
        ELSE 'SELECT 1 AS sign, game_id, genre_id FROM new_rows UNION ALL SELECT -1, game_id, genre_id FROM old_rows' END;
    -- Waits for a transaction changing these games' playthroughs (which share-locks the game rows
    -- while it counts them) to end, so that the counts read below include its changes.
    EXECUTE format('SELECT 1 FROM game WHERE id IN (SELECT game_id FROM (%s) r) ORDER BY id FOR NO KEY UPDATE', source);
    EXECUTE format($sql$
        INSERT INTO journal_stats_delta (dim, key, n, games, minutes)
        SELECT 'genre', r.genre_id::text, sum(r.sign * s.completed), sum(r.sign * (s.completed > 0)::int),
               sum(r.sign * s.completed_minutes)
        FROM (%s) r JOIN journal_stats_game s ON s.game_id = r.game_id
        WHERE s.completed > 0
        GROUP BY r.genre_id
        HAVING sum(r.sign * s.completed) <> 0 OR sum(r.sign * (s.completed > 0)::int) <> 0
    $sql$, source);
    PERFORM journal_stats_maybe_compact();
    RETURN NULL;
END $$;

-- Games counted; a game's franchise changed (or cleared by its franchise's removal) moves its
-- contribution; a game deleted leaves its counts to its playthroughs' own deletion.
CREATE FUNCTION journal_stats_game_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        PERFORM journal_stats_rebuild();
        RETURN NULL;
    ELSIF TG_OP = 'INSERT' THEN
        INSERT INTO journal_stats_delta (dim, key, n) SELECT 'total', 'games', count(*) FROM new_rows;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO journal_stats_delta (dim, key, n) SELECT 'total', 'games', -count(*) FROM old_rows;
    ELSE
        WITH moved AS (
            UPDATE journal_stats_game s SET franchise_id = n.franchise_id
            FROM new_rows n JOIN old_rows o ON o.id = n.id
            WHERE s.game_id = n.id AND n.franchise_id IS DISTINCT FROM o.franchise_id
            RETURNING s.*, o.franchise_id AS old_franchise_id
        )
        INSERT INTO journal_stats_delta (dim, key, n, games, minutes)
        SELECT 'franchise', f.franchise_id::text, sum(f.sign * m.completed), sum(f.sign * (m.completed > 0)::int),
               sum(f.sign * m.completed_minutes)
        FROM moved m, LATERAL (VALUES (1, m.franchise_id), (-1, m.old_franchise_id)) AS f(sign, franchise_id)
        WHERE f.franchise_id IS NOT NULL AND m.completed > 0
        GROUP BY f.franchise_id;
    END IF;
    PERFORM journal_stats_maybe_compact();
    RETURN NULL;
END $$;

CREATE TRIGGER journal_stats_playthrough_inserted AFTER INSERT ON playthrough
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION journal_stats_playthrough_changed();
CREATE TRIGGER journal_stats_playthrough_updated
    AFTER UPDATE ON playthrough
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION journal_stats_playthrough_changed();
CREATE TRIGGER journal_stats_playthrough_deleted AFTER DELETE ON playthrough
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION journal_stats_playthrough_changed();
CREATE TRIGGER journal_stats_playthrough_truncated AFTER TRUNCATE ON playthrough
    FOR EACH STATEMENT EXECUTE FUNCTION journal_stats_playthrough_changed();

CREATE TRIGGER journal_stats_game_genre_inserted AFTER INSERT ON game_genre
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION journal_stats_game_genre_changed();
CREATE TRIGGER journal_stats_game_genre_updated AFTER UPDATE ON game_genre
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION journal_stats_game_genre_changed();
CREATE TRIGGER journal_stats_game_genre_deleted AFTER DELETE ON game_genre
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION journal_stats_game_genre_changed();
CREATE TRIGGER journal_stats_game_genre_truncated AFTER TRUNCATE ON game_genre
    FOR EACH STATEMENT EXECUTE FUNCTION journal_stats_game_genre_changed();

CREATE TRIGGER journal_stats_game_inserted AFTER INSERT ON game
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION journal_stats_game_changed();
CREATE TRIGGER journal_stats_game_updated AFTER UPDATE ON game
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION journal_stats_game_changed();
CREATE TRIGGER journal_stats_game_deleted AFTER DELETE ON game
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION journal_stats_game_changed();
CREATE TRIGGER journal_stats_game_truncated AFTER TRUNCATE ON game
    FOR EACH STATEMENT EXECUTE FUNCTION journal_stats_game_changed();

SELECT journal_stats_rebuild();
