SELECT r.rating, count(p.id) AS count
FROM generate_series(1, 10) AS r(rating)
LEFT JOIN playthrough p ON p.rating = r.rating
GROUP BY r.rating ORDER BY r.rating
