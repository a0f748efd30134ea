-- Genres by completions (all time, or in one year). A game in three genres counts for each.
SELECT ge.slug, ge.name,
       count(*) AS completed,
       count(DISTINCT p.game_id) AS games,
       COALESCE(sum(p.playtime_total), 0) AS playtime_minutes,
       round(COALESCE(sum(p.playtime_total), 0) / 60.0, 1) AS playtime_hours
FROM playthrough p
JOIN game_genre gg ON gg.game_id = p.game_id
JOIN genre ge ON ge.id = gg.genre_id
WHERE p.status = 'completed'
  AND (CAST(:year AS integer) IS NULL
       OR (p.completed_at >= make_date(CAST(:year AS integer), 1, 1)
           AND p.completed_at < make_date(CAST(:year AS integer) + 1, 1, 1)))
GROUP BY ge.id, ge.slug, ge.name
ORDER BY completed DESC, ge.name, ge.slug
LIMIT :limit
