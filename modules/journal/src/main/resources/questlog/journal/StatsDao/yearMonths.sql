-- Completions in each of the twelve months of one year, zeros included.
SELECT to_char(make_date(:year, m, 1), 'YYYY-MM') AS month, count(p.id) AS completed
FROM generate_series(1, 12) AS m
LEFT JOIN playthrough p
       ON p.status = 'completed'
      AND p.completed_at >= make_date(:year, m, 1)
      AND p.completed_at < CAST(make_date(:year, m, 1) + interval '1 month' AS date)
GROUP BY m
ORDER BY m
