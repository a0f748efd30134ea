-- Franchises by completions (all time, or in one year).
SELECT f.slug, f.name,
       count(*) AS completed,
       count(DISTINCT p.game_id) AS games,
       COALESCE(sum(p.playtime_total), 0) AS playtime_minutes,
       round(COALESCE(sum(p.playtime_total), 0) / 60.0, 1) AS playtime_hours
FROM playthrough p
JOIN game g ON g.id = p.game_id
JOIN franchise f ON f.id = g.franchise_id
WHERE p.status = 'completed'
  AND (CAST(:year AS integer) IS NULL
       OR (p.completed_at >= make_date(CAST(:year AS integer), 1, 1)
           AND p.completed_at < make_date(CAST(:year AS integer) + 1, 1, 1)))
GROUP BY f.id, f.slug, f.name
ORDER BY completed DESC, f.name, f.slug
LIMIT :limit
