-- A game's genres kept with its counts in journal_stats_game, as its franchise already is, so that
-- the stats stay right whichever of a deleted game's cascades is counted first.
--
-- Deleting a game deletes its playthroughs and its genre links by two foreign-key cascades, and
-- the statement triggers of both tables then see both deletions done. The playthroughs' trigger
-- found the game's genres by joining game_genre, gone by then; the links' trigger found the game's
-- completions in journal_stats_game, which the playthroughs' trigger may already have zeroed. The
-- cascades run in the order of their internal triggers' names (RI_ConstraintTrigger_a_<oid>,
-- compared as text), so on a database whose OIDs had the playthroughs' cascade first, every game
-- deleted with a completion left it counted in its genres' figures (StatsKeptUpToDateTest caught
-- it once by chance, and now forces each order).
--
-- Now journal_stats_game.genre_ids says which genres a game's figures are counted in. The
-- playthroughs' trigger counts a game's change in those genres; the links' trigger moves the
-- game's figures between the genres it had (genre_ids) and the genres it has (game_genre), and
-- records the latter. Either order then counts each genre once: a game's figures leave a genre
-- either with its links (its counts still there) or with its playthroughs (its genres still
-- listed), and the other trigger finds nothing left to move.
ALTER TABLE journal_stats_game ADD COLUMN genre_ids uuid[] NOT NULL DEFAULT '{}';

-- The genres a game is linked to now, in id order (the order genre_ids is compared in).
CREATE FUNCTION journal_stats_genres_of(game uuid) RETURNS uuid[] LANGUAGE sql STABLE AS $$
    SELECT COALESCE(array_agg(genre_id ORDER BY genre_id), '{}') FROM game_genre WHERE game_id = game
$$;

-- The deltas of a set of signed playthrough rows (%1$s: sign, game_id, status, completed_at,
-- platform, rating, playtime_total, session_count): per-row figures directly, game-level ones
-- by comparing each game's counts before and after (kept in journal_stats_game, with the
-- franchise and the genres they count in).
CREATE OR REPLACE FUNCTION journal_stats_playthrough_sql() RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
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
    INSERT INTO journal_stats_game AS s (game_id, franchise_id, genre_ids, playthroughs, planned, paused, completed,
                                         played, completed_minutes)
    SELECT c.game_id, g.franchise_id, COALESCE(gx.ids, '{}'), c.playthroughs, c.planned, c.paused,
           c.completed, c.played, c.completed_minutes
    FROM changed c LEFT JOIN game g ON g.id = c.game_id
    -- The genres of all the statement's games in one pass (a bulk import adds thousands), in id
    -- order as journal_stats_genres_of gives them.
    LEFT JOIN (SELECT gg.game_id, array_agg(gg.genre_id ORDER BY gg.genre_id) AS ids
               FROM game_genre gg WHERE gg.game_id IN (SELECT game_id FROM changed)
               GROUP BY gg.game_id) gx ON gx.game_id = c.game_id
    WHERE (c.playthroughs, c.planned, c.paused, c.completed, c.played, c.completed_minutes) <> (0, 0, 0, 0, 0, 0)
    ORDER BY c.game_id
    ON CONFLICT (game_id) DO UPDATE SET
        playthroughs = s.playthroughs + excluded.playthroughs, planned = s.planned + excluded.planned,
        paused = s.paused + excluded.paused, completed = s.completed + excluded.completed,
        played = s.played + excluded.played, completed_minutes = s.completed_minutes + excluded.completed_minutes
    RETURNING s.*
), states AS (
    SELECT 1 AS sign, k.game_id, k.franchise_id, k.genre_ids, k.planned, k.paused, k.completed, k.played,
           k.completed_minutes
    FROM kept k
    UNION ALL
    SELECT -1, k.game_id, k.franchise_id, k.genre_ids, k.planned - c.planned, k.paused - c.paused,
           k.completed - c.completed, k.played - c.played, k.completed_minutes - c.completed_minutes
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
    SELECT 'genre', gx.genre_id::text, sum(s.sign * s.completed), sum(s.sign * (s.completed > 0)::int),
           sum(s.sign * s.completed_minutes)
    FROM states s, unnest(s.genre_ids) AS gx(genre_id)
    GROUP BY gx.genre_id
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

-- Genre links changed: each game's figures leave the genres it no longer has and join the ones
-- it now has, compared with the genres they were counted in (genre_ids), which are then updated.
CREATE OR REPLACE FUNCTION journal_stats_game_genre_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    source text;
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        PERFORM journal_stats_rebuild();
        RETURN NULL;
    END IF;
    source := CASE TG_OP
        WHEN 'INSERT' THEN 'SELECT game_id FROM new_rows'
        WHEN 'DELETE' THEN 'SELECT game_id FROM old_rows'
        ELSE 'SELECT game_id FROM new_rows UNION SELECT game_id FROM old_rows' END;
    -- Waits for a transaction changing these games' playthroughs (which share-locks the game rows
    -- while it counts them) to end, so that the counts read below include its changes.
    EXECUTE format('SELECT 1 FROM game WHERE id IN (%s) ORDER BY id FOR NO KEY UPDATE', source);
    EXECUTE format($sql$
        WITH moved AS (
            SELECT s.game_id, s.genre_ids AS before, journal_stats_genres_of(s.game_id) AS after,
                   s.completed, s.completed_minutes
            FROM journal_stats_game s
            WHERE s.game_id IN (%s)
        ), recorded AS (
            UPDATE journal_stats_game s SET genre_ids = m.after
            FROM moved m
            WHERE s.game_id = m.game_id AND s.genre_ids <> m.after
        )
        INSERT INTO journal_stats_delta (dim, key, n, games, minutes)
        SELECT 'genre', d.genre_id::text, sum(d.sign * m.completed), sum(d.sign), sum(d.sign * m.completed_minutes)
        FROM moved m,
             LATERAL (SELECT 1, g FROM unnest(m.after) AS g WHERE g <> ALL (m.before)
                      UNION ALL
                      SELECT -1, g FROM unnest(m.before) AS g WHERE g <> ALL (m.after)) AS d(sign, genre_id)
        WHERE m.completed > 0
        GROUP BY d.genre_id
    $sql$, source);
    PERFORM journal_stats_maybe_compact();
    RETURN NULL;
END $$;

-- Recounted from the rows: a database where a game was deleted with its playthroughs' cascade first
-- still counts that game's completions in its genres, and the recount also fills genre_ids.
SELECT journal_stats_rebuild();
