-- Totals over the journal, plus the backlog: games with a planned or paused playthrough and no
-- completed one. Aggregated per game first (one hash aggregate), then over games.
WITH per_game AS (
    SELECT game_id,
           count(*) AS playthroughs,
           count(*) FILTER (WHERE status = 'planned') AS planned,
           count(*) FILTER (WHERE status = 'playing') AS playing,
           count(*) FILTER (WHERE status = 'paused') AS paused,
           count(*) FILTER (WHERE status = 'completed') AS completed,
           count(*) FILTER (WHERE status = 'abandoned') AS abandoned,
           sum(session_count) AS sessions,
           COALESCE(sum(playtime_total), 0) AS playtime
    FROM playthrough
    GROUP BY game_id
)
SELECT (SELECT count(*) FROM game) AS games,
       count(*) AS games_played,
       count(*) FILTER (WHERE completed > 0) AS games_completed,
       COALESCE(sum(playthroughs), 0) AS playthroughs,
       COALESCE(sum(planned), 0) AS planned,
       COALESCE(sum(playing), 0) AS playing,
       COALESCE(sum(paused), 0) AS paused,
       COALESCE(sum(completed), 0) AS completed,
       COALESCE(sum(abandoned), 0) AS abandoned,
       COALESCE(sum(sessions), 0) AS sessions,
       COALESCE(sum(playtime), 0) AS playtime_minutes,
       round(COALESCE(sum(playtime), 0) / 60.0, 1) AS playtime_hours,
       count(*) FILTER (WHERE planned + paused > 0 AND completed = 0) AS backlog
FROM per_game
