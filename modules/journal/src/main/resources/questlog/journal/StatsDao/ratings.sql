SELECT count(rating) AS count, round(avg(rating), 2) AS average FROM playthrough
