-- The change feed says which games and lists a change touched, so that a read cache drops only
-- the responses that show them instead of all of its entries on every write.
--
-- questlog_notify_change() still notifies 'questlog_changes' with the table's name. Given a key
-- query as its argument (on statement-level triggers with transition tables), it appends the
-- keys: 'playthrough|g:elden-ring,g:hades'. A key is a dimension and a slug: g = a game whose own
-- data (its row, editions, external ids, genres, journal or list memberships) changed; l = a list
-- whose row or entries changed, or that shows a changed game; and c:listing on a game change that
-- can move games in or out of a games listing or reorder it. The payload is the whole table
-- (no keys) when the statement touched too many rows for one notification (8,000 bytes), when a
-- row's key cannot be found (its game already deleted in the same statement), and for TRUNCATE.
-- Statements that touched no row notify nothing.
CREATE OR REPLACE FUNCTION questlog_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    rows_seen bigint;
    missing bigint;
    keys text;
BEGIN
    IF TG_NARGS = 0 OR TG_OP = 'TRUNCATE' THEN
        PERFORM pg_notify('questlog_changes', TG_TABLE_NAME);
        RETURN NULL;
    END IF;
    EXECUTE format('SELECT count(*), count(*) FILTER (WHERE k IS NULL), string_agg(DISTINCT d || '':'' || k, '','') '
                   'FROM (%s) AS t(d, k)', TG_ARGV[0])
        INTO rows_seen, missing, keys;
    IF rows_seen = 0 THEN
        RETURN NULL;
    END IF;
    IF missing > 0 OR keys IS NULL OR octet_length(keys) > 7000 THEN
        PERFORM pg_notify('questlog_changes', TG_TABLE_NAME);
    ELSE
        PERFORM pg_notify('questlog_changes', TG_TABLE_NAME || '|' || keys);
    END IF;
    RETURN NULL;
END $$;

-- Replaces each table's one statement trigger by one per operation (a trigger with transition
-- tables handles one operation). %1$s in a key query is the rows the statement touched: the new
-- ones for INSERT, the old ones for DELETE, both for UPDATE (a game renamed is shown under both
-- slugs). Row counts stay one key query per statement, so a bulk import costs one query per table.
DO $$
DECLARE
    spec record;
    op text;
    source text;
    referencing text;
    -- c:listing: a game came or went, or changed a column that games listings filter or sort on
    -- (name, slug, sort name, franchise, platforms, year, creation time). Without it,
    -- a changed game matters only to the listing pages that show it (and to an order by update time).
    game_listing_changed text := 'SELECT ''c'', ''listing'' FROM old_rows o JOIN new_rows n ON n.id = o.id
        WHERE (o.name, o.slug, o.sort_name, o.franchise_id, o.platforms, o.original_release_year, o.created_at)
              IS DISTINCT FROM (n.name, n.slug, n.sort_name, n.franchise_id, n.platforms, n.original_release_year, n.created_at)';
BEGIN
    FOR spec IN SELECT * FROM (VALUES
        -- A game's detail shows its parent's slug and name: the children are keyed too.
        ('game', 'SELECT ''g'', r.slug FROM %1$s r
                  UNION ALL SELECT ''g'', c.slug FROM %1$s r JOIN game c ON c.parent_game_id = r.id
                  UNION ALL SELECT ''l'', l.slug FROM %1$s r JOIN list_entry e ON e.game_id = r.id JOIN list l ON l.id = e.list_id'),
        ('edition', 'SELECT ''g'', g.slug FROM %1$s r LEFT JOIN game g ON g.id = r.game_id'),
        ('game_genre', 'SELECT ''g'', g.slug FROM %1$s r LEFT JOIN game g ON g.id = r.game_id'),
        ('external_id', 'SELECT ''g'', g.slug FROM %1$s r LEFT JOIN edition ed ON ed.id = r.edition_id
                         LEFT JOIN game g ON g.id = coalesce(r.game_id, ed.game_id)'),
        ('playthrough', 'SELECT ''g'', g.slug FROM %1$s r LEFT JOIN game g ON g.id = r.game_id'),
        ('play_session', 'SELECT ''g'', g.slug FROM %1$s r LEFT JOIN playthrough p ON p.id = r.playthrough_id
                          LEFT JOIN game g ON g.id = p.game_id'),
        ('list_entry', 'SELECT ''l'', l.slug FROM %1$s r LEFT JOIN list l ON l.id = r.list_id
                        UNION ALL SELECT ''g'', g.slug FROM %1$s r JOIN game g ON g.id = r.game_id'),
        -- A game's detail shows the lists it is in (slug, name, ranked, public): its games are
        -- keyed only when one of those changed, not on every updated_at an entry write bumps.
        ('list', 'SELECT ''l'', r.slug FROM %1$s r
                  UNION ALL SELECT ''g'', g.slug FROM %1$s r JOIN list_entry e ON e.list_id = r.id JOIN game g ON g.id = e.game_id
                  WHERE NOT EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
                                    WHERE o.id = r.id AND (o.slug, o.name, o.is_ranked, o.is_public)
                                                      IS NOT DISTINCT FROM (n.slug, n.name, n.is_ranked, n.is_public))'),
        ('list_activity', 'SELECT ''l'', l.slug FROM %1$s r LEFT JOIN list l ON l.id = r.list_id')
    ) AS s(tbl, key_query)
    LOOP
        EXECUTE format('DROP TRIGGER %I ON %I', spec.tbl || '_changed', spec.tbl);
        FOREACH op IN ARRAY ARRAY['INSERT', 'UPDATE', 'DELETE'] LOOP
            CASE op
                WHEN 'INSERT' THEN source := 'new_rows'; referencing := 'NEW TABLE AS new_rows';
                WHEN 'DELETE' THEN source := 'old_rows'; referencing := 'OLD TABLE AS old_rows';
                ELSE source := '(SELECT * FROM old_rows UNION ALL SELECT * FROM new_rows)';
                     referencing := 'OLD TABLE AS old_rows NEW TABLE AS new_rows';
            END CASE;
            -- Only an UPDATE has both transition tables; the list's key query looks at both.
            EXECUTE format('CREATE TRIGGER %I AFTER %s ON %I REFERENCING %s FOR EACH STATEMENT '
                           'EXECUTE FUNCTION questlog_notify_change(%L)',
                           spec.tbl || '_' || CASE op WHEN 'INSERT' THEN 'inserted' ELSE lower(op) || 'd' END, op, spec.tbl, referencing,
                           format(CASE WHEN spec.tbl = 'list' AND op <> 'UPDATE'
                                       THEN 'SELECT ''l'', r.slug FROM %1$s r
                                             UNION ALL SELECT ''g'', g.slug FROM %1$s r JOIN list_entry e ON e.list_id = r.id JOIN game g ON g.id = e.game_id'
                                       WHEN spec.tbl = 'game' AND op <> 'UPDATE'
                                       THEN spec.key_query || ' UNION ALL SELECT ''c'', ''listing'' FROM %1$s r'
                                       WHEN spec.tbl = 'game'
                                       THEN spec.key_query || ' UNION ALL ' || game_listing_changed
                                       ELSE spec.key_query END, source));
        END LOOP;
        EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION questlog_notify_change()',
                       spec.tbl || '_truncated', spec.tbl);
    END LOOP;
END $$;
