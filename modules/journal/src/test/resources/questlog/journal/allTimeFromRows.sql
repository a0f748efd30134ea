-- Every all-time figure in one statement (one round trip, two passes over playthrough): per game
-- first (totals, backlog, genres, franchises), then one grouping-sets pass for the per-row groups
-- (completion months, platforms, ratings). Each column is a JSON value in the response's shape.
-- The definitions (README "Stats"): a game is played when one of its playthroughs is not planned;
-- platforms (grouped by key, shown with their display name) count played playthroughs only; ratings count every rated playthrough; the backlog
-- is the games with a planned or paused playthrough and no completed one.
WITH per_game AS (
    SELECT game_id,
           count(*) AS playthroughs,
           count(*) FILTER (WHERE status = 'planned') AS planned,
           count(*) FILTER (WHERE status = 'playing') AS playing,
           count(*) FILTER (WHERE status = 'paused') AS paused,
           count(*) FILTER (WHERE status = 'completed') AS completed,
           count(*) FILTER (WHERE status = 'abandoned') AS abandoned,
           count(*) FILTER (WHERE status <> 'planned') AS played,
           sum(session_count) AS sessions,
           COALESCE(sum(playtime_total), 0) AS playtime,
           COALESCE(sum(playtime_total) FILTER (WHERE status = 'completed'), 0) AS completed_playtime
    FROM playthrough
    GROUP BY game_id
), grouped AS (
    SELECT GROUPING(month) AS by_month, GROUPING(platform, played) AS by_platform, GROUPING(rating) AS by_rating,
           month, platform, played, rating, count(*) AS n, COALESCE(sum(playtime_total), 0) AS minutes
    FROM (SELECT CASE WHEN status = 'completed' THEN to_char(completed_at, 'YYYY-MM') END AS month,
                 platform, status <> 'planned' AS played, rating, playtime_total
          FROM playthrough) p
    GROUP BY GROUPING SETS ((month), (platform, played), (rating))
), months AS (
    SELECT month, n FROM grouped WHERE by_month = 0 AND month IS NOT NULL
), islands AS (
    SELECT month, n,
           CAST(substr(month, 1, 4) AS integer) * 12 + CAST(substr(month, 6, 2) AS integer)
               - row_number() OVER (ORDER BY month) AS island
    FROM months
), groups_top AS (
    SELECT 'genre' AS kind, ge.slug, ge.name, sum(pg.completed) AS completed, count(*) AS games,
           sum(pg.completed_playtime) AS minutes
    FROM per_game pg
    JOIN game_genre gg ON gg.game_id = pg.game_id
    JOIN genre ge ON ge.id = gg.genre_id
    WHERE pg.completed > 0
    GROUP BY ge.id, ge.slug, ge.name
    UNION ALL
    SELECT 'franchise', f.slug, f.name, sum(pg.completed), count(*), sum(pg.completed_playtime)
    FROM per_game pg
    JOIN game g ON g.id = pg.game_id
    JOIN franchise f ON f.id = g.franchise_id
    WHERE pg.completed > 0
    GROUP BY f.id, f.slug, f.name
), ranked AS (
    SELECT *, row_number() OVER (PARTITION BY kind ORDER BY completed DESC, name, slug) AS place FROM groups_top
)
SELECT
    (SELECT json_build_object(
                'games', (SELECT count(*) FROM game),
                'games_played', count(*) FILTER (WHERE played > 0),
                'games_completed', count(*) FILTER (WHERE completed > 0),
                'playthroughs', COALESCE(sum(playthroughs), 0),
                'planned', COALESCE(sum(planned), 0),
                'playing', COALESCE(sum(playing), 0),
                'paused', COALESCE(sum(paused), 0),
                'completed', COALESCE(sum(completed), 0),
                'abandoned', COALESCE(sum(abandoned), 0),
                'sessions', COALESCE(sum(sessions), 0),
                'playtime_minutes', COALESCE(sum(playtime), 0),
                'playtime_hours', round(COALESCE(sum(playtime), 0) / 60.0, 1),
                'backlog', count(*) FILTER (WHERE planned + paused > 0 AND completed = 0),
                'backlog_planned', count(*) FILTER (WHERE planned > 0 AND completed = 0),
                'backlog_paused', count(*) FILTER (WHERE paused > 0 AND completed = 0))
     FROM per_game) AS totals,
    (SELECT COALESCE(json_agg(json_build_object('year', year, 'completed', n) ORDER BY year), '[]')
     FROM (SELECT CAST(substr(month, 1, 4) AS integer) AS year, sum(n) AS n FROM months GROUP BY 1) y) AS per_year,
    (SELECT COALESCE(json_agg(json_build_object('month', month, 'completed', n) ORDER BY month), '[]')
     FROM months) AS per_month,
    (SELECT COALESCE(json_agg(json_build_object('platform', pf.name, 'platform_key', g.platform, 'playthroughs', g.n,
                                                'playtime_minutes', g.minutes, 'playtime_hours', round(g.minutes / 60.0, 1))
                              ORDER BY g.minutes DESC, g.n DESC, g.platform NULLS LAST), '[]')
     FROM grouped g LEFT JOIN platform pf ON pf.key = g.platform
     WHERE g.by_platform = 0 AND g.played) AS platforms,
    (SELECT json_agg(json_build_object('rating', r.rating, 'count', COALESCE(g.n, 0)) ORDER BY r.rating)
     FROM generate_series(1, 10) AS r(rating)
     LEFT JOIN grouped g ON g.by_rating = 0 AND g.rating = r.rating) AS rating_distribution,
    (SELECT json_build_object('count', COALESCE(sum(n), 0),
                              'average', round(sum(n * rating) / NULLIF(sum(n), 0), 2))
     FROM grouped WHERE by_rating = 0 AND rating IS NOT NULL) AS ratings,
    (SELECT COALESCE(json_agg(json_build_object('slug', slug, 'name', name, 'completed', completed, 'games', games,
                                                'playtime_minutes', minutes, 'playtime_hours', round(minutes / 60.0, 1))
                              ORDER BY place), '[]')
     FROM ranked WHERE kind = 'genre' AND place <= :top) AS top_genres,
    (SELECT COALESCE(json_agg(json_build_object('slug', slug, 'name', name, 'completed', completed, 'games', games,
                                                'playtime_minutes', minutes, 'playtime_hours', round(minutes / 60.0, 1))
                              ORDER BY place), '[]')
     FROM ranked WHERE kind = 'franchise' AND place <= :top) AS top_franchises,
    (SELECT COALESCE((SELECT json_build_object('months', count(*), 'first_month', min(month), 'last_month', max(month))
                      FROM islands GROUP BY island ORDER BY count(*) DESC, max(month) DESC LIMIT 1),
                     json_build_object('months', 0, 'first_month', NULL, 'last_month', NULL))) AS longest_streak
