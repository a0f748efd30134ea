-- Playtime per platform: of every playthrough, or of one year's completions.
SELECT platform,
       count(*) AS playthroughs,
       COALESCE(sum(playtime_total), 0) AS playtime_minutes,
       round(COALESCE(sum(playtime_total), 0) / 60.0, 1) AS playtime_hours
FROM playthrough
WHERE CAST(:year AS integer) IS NULL
   OR (status = 'completed'
       AND completed_at >= make_date(CAST(:year AS integer), 1, 1)
       AND completed_at < make_date(CAST(:year AS integer) + 1, 1, 1))
GROUP BY platform
ORDER BY playtime_minutes DESC, playthroughs DESC, platform NULLS LAST
