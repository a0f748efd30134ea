-- GET /api/games?q= matches words the way people type them, and sort=name orders names the way
-- people read them (README, "Search"). Both keys are computed here, from name and sort_name, as
-- generated columns: every write path (the API, both imports, IGDB) gets them without knowing
-- about them. They replace game.search_text, which the application had to fill on each write.
--
-- The folding rules (library_search_fold), in order:
--   1. the symbols ©, ® and ™ vanish ("Pokémon™" is "pokemon", not "pokemon tm");
--   2. unaccent: accents and ligatures go, compatibility forms become plain letters
--      ("Ōkami" → "Okami", "Œuvre" → "OEuvre", "Ⅶ" → "VII", "Ｆｕｌｌ" → "Full");
--   3. lower case (Unicode rules where the server has ICU, else ASCII letters only);
--   4. apostrophes vanish inside a word: "Baldur's" → "baldurs" ('’`´ʹʻʼ′);
--   5. every other run of punctuation, symbols, emoji or white space is one word break:
--      "NieR:Automata" → "nier automata", "Half-Life 2" → "half life 2".
-- Letters of other scripts are kept as they are ("ファイナルファンタジー" stays one word).
-- The search vector also holds each space-separated chunk with its inner punctuation dropped
-- (library_search_compounds), so "nierautomata", "halflife" and "stalker" (S.T.A.L.K.E.R.) match
-- too. sort_name's words are searchable as well: it is the place for an alternative spelling.
--
-- The functions are schema-qualified (public) throughout, so that restoring a dump, which runs
-- with an empty search_path, can still compute the generated columns.

-- unaccent ships with PostgreSQL (contrib) and is a trusted extension, so the database owner may
-- create it.
CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public;

-- Name order: ICU's root collation with numbers compared by value ("Mega Man 2" before "Mega Man
-- 10"), case and accents not counted ("ks-level2"; the key is folded anyway). A PostgreSQL built
-- without ICU gets a copy of "C" instead: the same folded keys in code-point order, so numbers
-- compare digit by digit and letters of other scripts sort by code point.
DO $$
BEGIN
    CREATE COLLATION public.library_name (provider = icu, locale = 'und-u-kn-ks-level2');
EXCEPTION WHEN feature_not_supported THEN
    RAISE NOTICE 'this PostgreSQL has no ICU: game names sort by their folded key in code-point order';
    CREATE COLLATION public.library_name FROM "C";
END $$;

-- Steps 1 to 4. unaccent() is only STABLE (its dictionary could be changed); naming the
-- dictionary makes the result depend on nothing else, so declaring this IMMUTABLE is sound.
-- PL/pgSQL because an SQL function over a STABLE call cannot be inlined, and PL/pgSQL's calls
-- are several times cheaper than a non-inlined SQL function's.
CREATE FUNCTION public.library_search_base(text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
AS $$
BEGIN
    RETURN translate(lower(public.unaccent('public.unaccent'::regdictionary, translate($1, '©®™', ''))
                           COLLATE public.library_name),
                     '''’`´ʹʻʼ′', '');
END
$$;

-- Step 5: the words of a text, separated by single spaces ('' when it has none). Ranges are
-- code points (COLLATE "C"), so the result does not depend on the server's locale: ASCII
-- punctuation, Latin-1 symbols, × and ÷, the punctuation and symbol blocks U+2000–U+2BFF and
-- U+2E00–U+2E7F, CJK punctuation (not 々 and 〇, which are letters), the katakana middle dot,
-- variation selectors, vertical, small and full-width punctuation, emoji and pictographs.
CREATE FUNCTION public.library_search_fold(text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
SELECT btrim(regexp_replace(public.library_search_base($1) COLLATE "C",
    '[\x01-\x2F\x3A-\x40\x5B-\x60\x7B-\xBF\u00D7\u00F7\u2000-\u2BFF\u2E00-\u2E7F\u3000-\u3004\u3008-\u303F\u30FB\uFE00-\uFE1F\uFE30-\uFE6F\uFF01-\uFF0F\uFF1A-\uFF20\uFF3B-\uFF40\uFF5B-\uFF65\U0001F000-\U0001FAFF]+',
    ' ', 'g'))
$$;

-- The same words, except that punctuation inside a space-separated chunk joins instead of
-- separating: "NieR:Automata" → "nierautomata", "S.T.A.L.K.E.R.:" → "stalker".
CREATE FUNCTION public.library_search_compounds(text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
SELECT btrim(regexp_replace(regexp_replace(regexp_replace(public.library_search_base($1) COLLATE "C",
    '[\x01-\x20\x7F-\xA0\u1680\u2000-\u200B\u2028\u2029\u202F\u205F\u3000]+', ' ', 'g'),
    '[\x01-\x1F\x21-\x2F\x3A-\x40\x5B-\x60\x7B-\xBF\u00D7\u00F7\u2000-\u2BFF\u2E00-\u2E7F\u3000-\u3004\u3008-\u303F\u30FB\uFE00-\uFE1F\uFE30-\uFE6F\uFF01-\uFF0F\uFF1A-\uFF20\uFF3B-\uFF40\uFF5B-\uFF65\U0001F000-\U0001FAFF]+',
    '', 'g'),
    ' +', ' ', 'g'))
$$;

-- What a game is found by: the words and compounds of its name and sort_name, as they are
-- (array_to_tsvector applies no parser or dictionary, so the words are exactly the fold's).
CREATE FUNCTION public.library_search_vector(name text, sort_name text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
SELECT array_to_tsvector(array_remove(string_to_array(concat_ws(' ',
    public.library_search_fold(name), public.library_search_compounds(name),
    public.library_search_fold(sort_name), public.library_search_compounds(sort_name)), ' '), ''))
$$;

-- What a query asks for: every one of its words, each as a word prefix (prefix = true) or as a
-- whole word. NULL when the query has no word, which matches nothing.
CREATE FUNCTION public.library_search_query(query text, prefix boolean) RETURNS tsquery
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
SELECT string_agg(quote_literal(word) || CASE WHEN prefix THEN ':*' ELSE '' END, ' & ')::tsquery
FROM unnest(string_to_array(public.library_search_fold(query), ' ')) AS word
WHERE word <> ''
$$;

-- The name order's key: sort_name when the game has one, else the name without a leading
-- English article ("The", "A", "An" followed by a space), folded as above. Articles of other
-- languages are kept: "Die", "El", "La" begin titles that are not articles there ("Die Hard
-- Trilogy", "El Shaddai"); sort_name handles the rest. A name with no word at all (only
-- emoji, say) keeps itself as its key.
CREATE FUNCTION public.library_sort_key(name text, sort_name text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
SELECT coalesce(nullif(public.library_search_fold(coalesce(sort_name, regexp_replace(name, '^\s*(the|an|a)\s+(?=\S)', '', 'i'))), ''),
                coalesce(sort_name, name))
$$;

ALTER TABLE game
    DROP COLUMN search_text,
    ADD COLUMN search_vector tsvector NOT NULL
        GENERATED ALWAYS AS (public.library_search_vector(name, sort_name)) STORED,
    ADD COLUMN sort_key text COLLATE public.library_name NOT NULL
        GENERATED ALWAYS AS (public.library_sort_key(name, sort_name)) STORED;

-- q: a GIN index answers "every word, as a prefix" without reading the table. No fast update:
-- with it, new entries wait in a pending list that every search scans whole until a vacuum
-- merges it (after an import of 20,000 games, 4-10 ms per search instead of 0.2-1 ms), and
-- writing them straight into the index costs an import no measurable time.
CREATE INDEX game_search_vector_idx ON game USING gin (search_vector) WITH (fastupdate = off);
-- sort=name / -name: the page's ids come from an index-only scan, however deep the offset.
CREATE INDEX game_sort_key_idx ON game (sort_key, slug) INCLUDE (id);
