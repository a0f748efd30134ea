-- The two ways of matching q that were considered, measured inside PostgreSQL on the same
-- database and queries (run by search.sh after the HTTP measurement, with the server stopped):
--
--   words    what GET /api/games runs: every folded word of q as a word prefix of the name
--            (game.search_vector @@ library_search_query(q, true), GIN index), ranked exact
--            name, then whole words, then prefixes, then by name;
--   trigram  pg_trgm word similarity of the folded q to the folded name (q <% words, GIN
--            trigram index on a stored folded name added here for it), best similarity first,
--            then by name; pg_trgm.word_similarity_threshold at its default, 0.6.
--
-- Each query runs once per candidate to warm up, then :rounds times measured; the time is the
-- statement's inside a PL/pgSQL loop (clock_timestamp), so it has no network, JDBC or JSON in it.
-- Usage: psql -v rounds=3 -f search-candidates.sql < queries.tsv (search.py's query file)
\set ON_ERROR_STOP on
\pset footer off

CREATE TEMP TABLE bench_query (n serial, q text, target text, how text);
\copy bench_query (q, target, how) FROM pstdin
SET bench.rounds = :rounds;

-- What the trigram candidate needs: the folded name stored, and a trigram index on it.
ALTER TABLE game ADD COLUMN bench_trgm_words text GENERATED ALWAYS AS (library_search_fold(name)) STORED;
CREATE INDEX bench_trgm_words_idx ON game USING gin (bench_trgm_words gin_trgm_ops);
ANALYZE game;

CREATE TEMP TABLE bench_result (candidate text, n int, round int, ms float8, top5 text[]);

CREATE FUNCTION pg_temp.words_top5(query text) RETURNS text[] LANGUAGE plpgsql AS $$
DECLARE top text[];
BEGIN
    SELECT array_agg(name) INTO top FROM (
        SELECT g.name FROM game g
        WHERE g.search_vector @@ (SELECT library_search_query(query, true))
        ORDER BY CASE WHEN g.sort_key = (SELECT library_sort_key(query, NULL))
                           OR g.sort_name IS NOT NULL AND library_sort_key(g.name, NULL) = (SELECT library_sort_key(query, NULL))
                      THEN 0
                      WHEN g.search_vector @@ (SELECT library_search_query(query, false)) THEN 1
                      ELSE 2 END, g.sort_key, g.slug
        LIMIT 5) page;
    RETURN top;
END $$;

CREATE FUNCTION pg_temp.trigram_top5(query text) RETURNS text[] LANGUAGE plpgsql AS $$
DECLARE top text[];
BEGIN
    SELECT array_agg(name) INTO top FROM (
        SELECT g.name FROM game g
        WHERE (SELECT library_search_fold(query)) <% g.bench_trgm_words
        ORDER BY word_similarity((SELECT library_search_fold(query)), g.bench_trgm_words) DESC, g.sort_key, g.slug
        LIMIT 5) page;
    RETURN top;
END $$;

DO $$
DECLARE
    r record;
    started timestamptz;
    top text[];
BEGIN
    FOR round IN 0 .. current_setting('bench.rounds')::int LOOP
        FOR r IN SELECT n, q FROM bench_query ORDER BY n LOOP
            started := clock_timestamp();
            top := pg_temp.words_top5(r.q);
            INSERT INTO bench_result VALUES ('words', r.n, round, extract(epoch FROM clock_timestamp() - started) * 1000, top);
            started := clock_timestamp();
            top := pg_temp.trigram_top5(r.q);
            INSERT INTO bench_result VALUES ('trigram', r.n, round, extract(epoch FROM clock_timestamp() - started) * 1000, top);
        END LOOP;
    END LOOP;
END $$;

\echo
\echo 'candidate | queries | intended game in the top 5 | p50 ms | p99 ms | max ms (measured rounds; round 0 was warm-up)'
SELECT candidate,
       count(DISTINCT n) AS queries,
       round(100.0 * avg((target = ANY (coalesce(top5, '{}')))::int), 1) || ' %' AS recall_top5,
       round(percentile_disc(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 2) AS p50_ms,
       round(percentile_disc(0.99) WITHIN GROUP (ORDER BY ms)::numeric, 2) AS p99_ms,
       round(max(ms)::numeric, 2) AS max_ms
FROM bench_result JOIN bench_query USING (n)
WHERE round > 0
GROUP BY candidate ORDER BY candidate DESC;

\echo 'recall by kind of query (a query may be of several kinds)'
SELECT how_kind AS kind,
       count(*) FILTER (WHERE candidate = 'words') AS queries,
       round(100.0 * avg((target = ANY (coalesce(top5, '{}')))::int) FILTER (WHERE candidate = 'words'), 1) AS words_pct,
       round(100.0 * avg((target = ANY (coalesce(top5, '{}')))::int) FILTER (WHERE candidate = 'trigram'), 1) AS trigram_pct
FROM bench_result JOIN bench_query USING (n), unnest(string_to_array(how, '+')) AS how_kind
WHERE round = 1
GROUP BY how_kind ORDER BY how_kind;

\echo 'queries whose intended game only one candidate found (first 15 of each)'
SELECT * FROM (
    SELECT 'only words' AS found_by, q, target, t.top5 AS trigram_top5
    FROM bench_query JOIN bench_result w USING (n) JOIN bench_result t USING (n)
    WHERE w.round = 1 AND t.round = 1 AND w.candidate = 'words' AND t.candidate = 'trigram'
      AND target = ANY (coalesce(w.top5, '{}')) AND NOT target = ANY (coalesce(t.top5, '{}'))
    ORDER BY n LIMIT 15) a
UNION ALL
SELECT * FROM (
    SELECT 'only trigram', q, target, w.top5
    FROM bench_query JOIN bench_result w USING (n) JOIN bench_result t USING (n)
    WHERE w.round = 1 AND t.round = 1 AND w.candidate = 'words' AND t.candidate = 'trigram'
      AND NOT target = ANY (coalesce(w.top5, '{}')) AND target = ANY (coalesce(t.top5, '{}'))
    ORDER BY n LIMIT 15) b;

\echo 'slowest queries of each candidate (median of the measured rounds)'
SELECT candidate, q, round(median_ms::numeric, 2) AS median_ms FROM (
    SELECT candidate, q, percentile_disc(0.5) WITHIN GROUP (ORDER BY ms) AS median_ms,
           row_number() OVER (PARTITION BY candidate ORDER BY percentile_disc(0.5) WITHIN GROUP (ORDER BY ms) DESC) AS rank
    FROM bench_result JOIN bench_query USING (n)
    WHERE round > 0 GROUP BY candidate, q) slow
WHERE rank <= 5 ORDER BY candidate DESC, median_ms DESC;

\echo 'plans of the first query'
SELECT q AS first_query FROM bench_query WHERE n = 1 \gset
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF)
SELECT g.name FROM game g WHERE g.search_vector @@ (SELECT library_search_query(:'first_query', true)) LIMIT 5;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF)
SELECT g.name FROM game g WHERE (SELECT library_search_fold(:'first_query')) <% g.bench_trgm_words LIMIT 5;

-- The bench database is dropped afterwards; leave the table as the app knows it meanwhile.
DROP INDEX bench_trgm_words_idx;
ALTER TABLE game DROP COLUMN bench_trgm_words;
