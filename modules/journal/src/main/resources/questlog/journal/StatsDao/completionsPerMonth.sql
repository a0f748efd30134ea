SELECT to_char(completed_at, 'YYYY-MM') AS month, count(*) AS completed
FROM playthrough WHERE status = 'completed'
GROUP BY 1 ORDER BY 1
