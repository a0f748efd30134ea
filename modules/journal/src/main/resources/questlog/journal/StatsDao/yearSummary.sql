-- One year: its completions (count, distinct games, playtime, mean rating) and the playthroughs
-- started in it.
WITH bounds AS (
    SELECT make_date(:year, 1, 1) AS first_day, make_date(:year + 1, 1, 1) AS next_year
), flagged AS (
    SELECT p.*,
           p.status = 'completed' AND p.completed_at >= b.first_day AND p.completed_at < b.next_year AS done,
           p.started_at >= b.first_day AND p.started_at < b.next_year AS begun
    FROM playthrough p, bounds b
)
SELECT count(*) FILTER (WHERE done) AS completed,
       count(DISTINCT game_id) FILTER (WHERE done) AS games_completed,
       count(*) FILTER (WHERE begun) AS started,
       COALESCE(sum(playtime_total) FILTER (WHERE done), 0) AS playtime_minutes,
       round(COALESCE(sum(playtime_total) FILTER (WHERE done), 0) / 60.0, 1) AS playtime_hours,
       round(avg(rating) FILTER (WHERE done), 2) AS average_rating
FROM flagged
