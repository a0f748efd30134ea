SELECT CAST(extract(year FROM completed_at) AS integer) AS year, count(*) AS completed
FROM playthrough WHERE status = 'completed'
GROUP BY 1 ORDER BY 1
