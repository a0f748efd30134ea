-- Completions of one year with their game: the best rated (order 'best', rated ones only), the
-- first or the last (order 'first' / 'last'). Ties fall back to creation, then id.
SELECT g.slug AS game_slug, g.name AS game_name, p.completed_at, CAST(p.rating AS integer) AS rating, p.platform,
       p.playtime_total AS playtime_minutes, round(p.playtime_total / 60.0, 1) AS playtime_hours
FROM playthrough p
JOIN game g ON g.id = p.game_id
WHERE p.status = 'completed'
  AND p.completed_at >= make_date(:year, 1, 1)
  AND p.completed_at < make_date(:year + 1, 1, 1)
  AND (:order <> 'best' OR p.rating IS NOT NULL)
ORDER BY CASE WHEN :order = 'best' THEN p.rating END DESC,
         CASE WHEN :order = 'last' THEN p.completed_at END DESC,
         CASE WHEN :order <> 'last' THEN p.completed_at END ASC,
         CASE WHEN :order = 'last' THEN p.created_at END DESC,
         CASE WHEN :order <> 'last' THEN p.created_at END ASC,
         p.id
LIMIT :limit
