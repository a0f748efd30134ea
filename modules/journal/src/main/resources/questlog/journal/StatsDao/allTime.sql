-- Every all-time figure in one statement, from the figures the write transactions keep
-- (journal_stats_delta, see its migration): a sum per figure over a few thousand rows, whatever
-- the size of the journal. Each column but months is a JSON value in the response's shape. The definitions
-- (README "Stats"): a game is played when one of its playthroughs is not planned; platforms
-- (grouped by key, shown with their display name) count played playthroughs only; ratings count
-- every rated playthrough; the backlog is the games with a planned or paused playthrough and no
-- completed one. The completions per month come as plain text, from which CompletionMonths
-- makes per_month and per_year and LongestStreak finds the longest streak: as JSON objects and
-- in SQL, those three took more than half of the statement's time. The statement that computes
-- the figures from the rows themselves is kept beside the tests (allTimeFromRows.sql), which
-- check that both agree.
WITH figures AS (
    -- Sums that stay bigint (journal_stats_sum, see its migration): sum() would keep a numeric
    -- per group, and the sorts and comparisons below are on integers.
    SELECT dim, key, journal_stats_sum(n) AS n, journal_stats_sum(games) AS games,
           journal_stats_sum(minutes) AS minutes
    FROM journal_stats_delta
    GROUP BY dim, key
), total AS (
    SELECT COALESCE(sum(n) FILTER (WHERE key = 'games'), 0) AS games,
           COALESCE(sum(n) FILTER (WHERE key = 'games_played'), 0) AS games_played,
           COALESCE(sum(n) FILTER (WHERE key = 'games_completed'), 0) AS games_completed,
           COALESCE(sum(n) FILTER (WHERE key = 'playthroughs'), 0) AS playthroughs,
           COALESCE(sum(n) FILTER (WHERE key = 'planned'), 0) AS planned,
           COALESCE(sum(n) FILTER (WHERE key = 'playing'), 0) AS playing,
           COALESCE(sum(n) FILTER (WHERE key = 'paused'), 0) AS paused,
           COALESCE(sum(n) FILTER (WHERE key = 'completed'), 0) AS completed,
           COALESCE(sum(n) FILTER (WHERE key = 'abandoned'), 0) AS abandoned,
           COALESCE(sum(n) FILTER (WHERE key = 'sessions'), 0) AS sessions,
           COALESCE(sum(n) FILTER (WHERE key = 'playtime'), 0) AS playtime,
           COALESCE(sum(n) FILTER (WHERE key = 'backlog'), 0) AS backlog,
           COALESCE(sum(n) FILTER (WHERE key = 'backlog_planned'), 0) AS backlog_planned,
           COALESCE(sum(n) FILTER (WHERE key = 'backlog_paused'), 0) AS backlog_paused
    FROM figures WHERE dim = 'total'
), months AS (
    -- An imported completion may have no date: it counts as a completion, in no month.
    SELECT key AS month, n FROM figures WHERE dim = 'month' AND key IS NOT NULL AND n > 0
), cutoff AS (
    -- The completions of the top-th group of each kind (none when there are fewer groups): only
    -- groups with as many can make the top. A top-N sort of each kind, not a sort of every group.
    SELECT 'genre' AS dim,
           (SELECT n FROM figures WHERE dim = 'genre' AND games > 0 ORDER BY n DESC OFFSET :top - 1 LIMIT 1) AS n
    UNION ALL
    SELECT 'franchise',
           (SELECT n FROM figures WHERE dim = 'franchise' AND games > 0 ORDER BY n DESC OFFSET :top - 1 LIMIT 1)
), groups AS (
    SELECT f.* FROM figures f JOIN cutoff c ON c.dim = f.dim
    WHERE f.games > 0 AND f.n >= COALESCE(c.n, 0)
), groups_top AS (
    SELECT 'genre' AS kind, ge.slug, ge.name, f.n AS completed, f.games, f.minutes
    FROM groups f JOIN genre ge ON ge.id = CAST(f.key AS uuid)
    WHERE f.dim = 'genre'
    UNION ALL
    SELECT 'franchise', fr.slug, fr.name, f.n, f.games, f.minutes
    FROM groups f JOIN franchise fr ON fr.id = CAST(f.key AS uuid)
    WHERE f.dim = 'franchise'
), ranked AS (
    SELECT *, row_number() OVER (PARTITION BY kind ORDER BY completed DESC, name, slug) AS place FROM groups_top
), rated AS (
    SELECT CAST(key AS integer) AS rating, n FROM figures WHERE dim = 'rating' AND n > 0
)
SELECT
    (SELECT json_build_object(
                'games', games, 'games_played', games_played, 'games_completed', games_completed,
                'playthroughs', playthroughs, 'planned', planned, 'playing', playing, 'paused', paused,
                'completed', completed, 'abandoned', abandoned, 'sessions', sessions,
                'playtime_minutes', playtime, 'playtime_hours', round(playtime / 60.0, 1),
                'backlog', backlog, 'backlog_planned', backlog_planned, 'backlog_paused', backlog_paused)
     FROM total) AS totals,
    -- Not JSON: 'YYYY-MM n' pairs by month, comma-separated (CompletionMonths reads them).
    (SELECT string_agg(month || ' ' || n, ',' ORDER BY month) FROM months) AS months,
    (SELECT COALESCE(json_agg(json_build_object('platform', pf.name, 'platform_key', f.key, 'playthroughs', f.n,
                                                'playtime_minutes', f.minutes, 'playtime_hours', round(f.minutes / 60.0, 1))
                              ORDER BY f.minutes DESC, f.n DESC, f.key NULLS LAST), '[]')
     FROM figures f LEFT JOIN platform pf ON pf.key = f.key
     WHERE f.dim = 'platform' AND f.n > 0) AS platforms,
    (SELECT json_agg(json_build_object('rating', r.rating, 'count', COALESCE(x.n, 0)) ORDER BY r.rating)
     FROM generate_series(1, 10) AS r(rating)
     LEFT JOIN rated x ON x.rating = r.rating) AS rating_distribution,
    (SELECT json_build_object('count', COALESCE(sum(n), 0),
                              'average', round(sum(n * rating) / NULLIF(sum(n), 0), 2))
     FROM rated) AS ratings,
    (SELECT COALESCE(json_agg(json_build_object('slug', slug, 'name', name, 'completed', completed, 'games', games,
                                                'playtime_minutes', minutes, 'playtime_hours', round(minutes / 60.0, 1))
                              ORDER BY place), '[]')
     FROM ranked WHERE kind = 'genre' AND place <= :top) AS top_genres,
    (SELECT COALESCE(json_agg(json_build_object('slug', slug, 'name', name, 'completed', completed, 'games', games,
                                                'playtime_minutes', minutes, 'playtime_hours', round(minutes / 60.0, 1))
                              ORDER BY place), '[]')
     FROM ranked WHERE kind = 'franchise' AND place <= :top) AS top_franchises
