-- One year in one statement: its completions (found through the completed_at index), with their
-- games for the highlights, and the playthroughs started in it. Columns are JSON values in the
-- response's shape.
WITH done AS (
    SELECT p.id, p.game_id, p.completed_at, p.created_at, p.rating, p.platform, p.playtime_total
    FROM playthrough p
    WHERE p.status = 'completed'
      AND p.completed_at >= make_date(:year, 1, 1)
      AND p.completed_at < make_date(:year + 1, 1, 1)
), per_game AS (
    SELECT game_id, count(*) AS completed, COALESCE(sum(playtime_total), 0) AS minutes
    FROM done
    GROUP BY game_id
), highlight AS (
    SELECT d.*, json_build_object('game_slug', g.slug, 'game_name', g.name, 'completed_at', d.completed_at,
                                  'rating', d.rating, 'platform', pf.name, 'platform_key', d.platform,
                                  'playtime_minutes', d.playtime_total,
                                  'playtime_hours', round(d.playtime_total / 60.0, 1)) AS doc
    FROM done d JOIN game g ON g.id = d.game_id LEFT JOIN platform pf ON pf.key = d.platform
)
SELECT
    (SELECT json_build_object(
                'completed', count(*),
                'games_completed', count(DISTINCT game_id),
                'started', (SELECT count(*) FROM playthrough
                            WHERE started_at >= make_date(:year, 1, 1) AND started_at < make_date(:year + 1, 1, 1)),
                'playtime_minutes', COALESCE(sum(playtime_total), 0),
                'playtime_hours', round(COALESCE(sum(playtime_total), 0) / 60.0, 1),
                'average_rating', round(avg(rating), 2))
     FROM done) AS summary,
    (SELECT json_agg(json_build_object('month', to_char(make_date(:year, m.m, 1), 'YYYY-MM'), 'completed', COALESCE(c.n, 0))
                     ORDER BY m.m)
     FROM generate_series(1, 12) AS m(m)
     LEFT JOIN (SELECT CAST(extract(month FROM completed_at) AS integer) AS m, count(*) AS n FROM done GROUP BY 1) c
            ON c.m = m.m) AS months,
    (SELECT COALESCE(json_agg(doc ORDER BY rating DESC, completed_at, created_at, id), '[]')
     FROM (SELECT * FROM highlight WHERE rating IS NOT NULL
           ORDER BY rating DESC, completed_at, created_at, id LIMIT :top) best) AS top_rated,
    (SELECT COALESCE(json_agg(json_build_object('slug', slug, 'name', name, 'completed', completed, 'games', games,
                                                'playtime_minutes', minutes, 'playtime_hours', round(minutes / 60.0, 1))
                              ORDER BY completed DESC, name, slug), '[]')
     FROM (SELECT ge.slug, ge.name, sum(pg.completed) AS completed, count(*) AS games, sum(pg.minutes) AS minutes
           FROM per_game pg
           JOIN game_genre gg ON gg.game_id = pg.game_id
           JOIN genre ge ON ge.id = gg.genre_id
           GROUP BY ge.id, ge.slug, ge.name
           ORDER BY completed DESC, ge.name, ge.slug
           LIMIT :top) t) AS top_genres,
    (SELECT COALESCE(json_agg(json_build_object('platform', pf.name, 'platform_key', p.platform, 'playthroughs', p.n,
                                                'playtime_minutes', p.minutes, 'playtime_hours', round(p.minutes / 60.0, 1))
                              ORDER BY p.minutes DESC, p.n DESC, p.platform NULLS LAST), '[]')
     FROM (SELECT platform, count(*) AS n, COALESCE(sum(playtime_total), 0) AS minutes FROM done GROUP BY platform) p
     LEFT JOIN platform pf ON pf.key = p.platform)
        AS platforms,
    (SELECT doc FROM highlight ORDER BY completed_at, created_at, id LIMIT 1) AS first_completion,
    (SELECT doc FROM highlight ORDER BY completed_at DESC, created_at DESC, id LIMIT 1) AS last_completion
