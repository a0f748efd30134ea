-- The longest run of consecutive calendar months with at least one completion ("gaps and
-- islands": month number minus rank is constant within a run). The latest run wins a tie.
WITH months AS (
    SELECT DISTINCT date_trunc('month', completed_at) AS month
    FROM playthrough
    WHERE status = 'completed'
), islands AS (
    SELECT month,
           CAST(extract(year FROM month) * 12 + extract(month FROM month) AS bigint)
               - row_number() OVER (ORDER BY month) AS island
    FROM months
)
SELECT CAST(count(*) AS integer) AS months,
       to_char(min(month), 'YYYY-MM') AS first_month,
       to_char(max(month), 'YYYY-MM') AS last_month
FROM islands
GROUP BY island
ORDER BY count(*) DESC, max(month) DESC
LIMIT 1
