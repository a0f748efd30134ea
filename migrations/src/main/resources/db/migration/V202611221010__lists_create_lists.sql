-- Lists: curated collections of games, ranked or not, with their revision history.
--
-- In a ranked list the positions are 1..n, dense and unique, at every commit. The lists module
-- keeps them so: every transaction that changes entries first locks the list row
-- (SELECT ... FOR UPDATE), so writers of one list run one after the other, and each operation
-- shifts the other entries with set-based UPDATEs. The unique constraint on (list_id, position)
-- is DEFERRABLE INITIALLY DEFERRED so that a shift may pass through duplicate positions inside
-- the transaction; it is checked at commit. Entries of unranked lists have no position (null).

CREATE TABLE list (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    slug         text COLLATE "C" NOT NULL UNIQUE,
    name         text COLLATE "C" NOT NULL CHECK (name <> ''),
    description  text CHECK (description <> ''),
    is_ranked    boolean NOT NULL DEFAULT false,
    is_public    boolean NOT NULL DEFAULT true,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX list_name_idx ON list (name, slug);

-- game_id is ON DELETE CASCADE: an entry is only a game's membership in a list, so when the
-- game leaves the library its entries go too (a dangling entry could not be shown, and refusing
-- the delete would make every list a lock on the catalog). The trigger below closes the gap the
-- cascade leaves in a ranked list and records the removal in the list's history.
CREATE TABLE list_entry (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    list_id     uuid NOT NULL REFERENCES list (id) ON DELETE CASCADE,
    game_id     uuid NOT NULL REFERENCES game (id) ON DELETE CASCADE,
    position    integer CHECK (position > 0),
    notes       text CHECK (notes <> ''),
    added_at    timestamptz NOT NULL DEFAULT now(),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT list_entry_game_key UNIQUE (list_id, game_id),
    CONSTRAINT list_entry_position_key UNIQUE (list_id, position) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX list_entry_game_idx ON list_entry (game_id);

-- One row per change, oldest first by seq (assigned while the writer holds the list lock, so seq
-- order is the order in which the changes were applied). entries are game slugs as they were at
-- the time; metadata holds what is needed to replay the change (positions before and after).
CREATE TABLE list_activity (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    seq         bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    list_id     uuid NOT NULL REFERENCES list (id) ON DELETE CASCADE,
    at          timestamptz NOT NULL DEFAULT clock_timestamp(),
    verb        text NOT NULL CHECK (verb IN ('created', 'added', 'removed', 'reordered', 'updated')),
    entries     text[] NOT NULL DEFAULT '{}',
    metadata    jsonb NOT NULL DEFAULT '{}',
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX list_activity_list_idx ON list_activity (list_id, seq DESC);

-- Entries deleted because their game was removed from the library (the foreign key's cascade)
-- bypass the lists module, so this trigger does its part for them: lock the list like every
-- writer, record a 'removed' activity (the game row is already gone, so its id stands in for the
-- slug), and renumber what remains of a ranked list. They are told apart by their game no longer
-- existing: deletions the module makes itself leave the game in place (and shift positions and
-- log themselves), and entries of a deleted list find no list.
CREATE FUNCTION list_entry_cascaded_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM gone g
                   WHERE NOT EXISTS (SELECT 1 FROM game WHERE game.id = g.game_id)
                     AND EXISTS (SELECT 1 FROM list WHERE list.id = g.list_id)) THEN
        RETURN NULL;
    END IF;
    PERFORM 1 FROM list
    WHERE id IN (SELECT g.list_id FROM gone g WHERE NOT EXISTS (SELECT 1 FROM game WHERE game.id = g.game_id))
    ORDER BY id FOR UPDATE;
    INSERT INTO list_activity (list_id, verb, entries, metadata)
    SELECT g.list_id, 'removed', '{}',
           jsonb_build_object('position', g.position, 'game_id', g.game_id, 'reason', 'game_deleted')
    FROM gone g JOIN list l ON l.id = g.list_id
    WHERE NOT EXISTS (SELECT 1 FROM game WHERE game.id = g.game_id)
    ORDER BY g.list_id;
    UPDATE list_entry e SET position = r.rn, updated_at = now()
    FROM (SELECT id, row_number() OVER (PARTITION BY list_id ORDER BY position) AS rn
          FROM list_entry
          WHERE position IS NOT NULL
            AND list_id IN (SELECT g.list_id FROM gone g WHERE NOT EXISTS (SELECT 1 FROM game WHERE game.id = g.game_id))) r
    WHERE e.id = r.id AND e.position <> r.rn;
    UPDATE list SET updated_at = now()
    WHERE id IN (SELECT g.list_id FROM gone g WHERE NOT EXISTS (SELECT 1 FROM game WHERE game.id = g.game_id));
    RETURN NULL;
END $$;

CREATE TRIGGER list_entry_cascaded_delete AFTER DELETE ON list_entry
    REFERENCING OLD TABLE AS gone
    FOR EACH STATEMENT EXECUTE FUNCTION list_entry_cascaded_delete();

-- Read caches learn of list changes like catalog ones (see the catalog migration).
CREATE TRIGGER list_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON list
    FOR EACH STATEMENT EXECUTE FUNCTION questlog_notify_change();
CREATE TRIGGER list_entry_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON list_entry
    FOR EACH STATEMENT EXECUTE FUNCTION questlog_notify_change();
CREATE TRIGGER list_activity_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON list_activity
    FOR EACH STATEMENT EXECUTE FUNCTION questlog_notify_change();
