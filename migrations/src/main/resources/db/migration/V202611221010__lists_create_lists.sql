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

-- Entries deleted by a cascade from another table (a game removed from the library) bypass the
-- lists module, so this trigger does its part for them: lock the list like every writer, record
-- a 'removed' activity (the game row is already gone, so its id stands in for the slug), and
-- renumber what remains of a ranked list. Deletions the module makes itself run at trigger depth
-- 1 and are left alone (it shifts positions and logs them itself); a cascade runs inside the
-- foreign key's own trigger, at depth 2 or more. Entries of a list being deleted find no list.
CREATE FUNCTION list_entry_cascaded_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF pg_trigger_depth() < 2 THEN
        RETURN NULL;
    END IF;
    PERFORM 1 FROM list WHERE id IN (SELECT list_id FROM gone) ORDER BY id FOR UPDATE;
    INSERT INTO list_activity (list_id, verb, entries, metadata)
    SELECT g.list_id, 'removed', '{}',
           jsonb_build_object('position', g.position, 'game_id', g.game_id, 'reason', 'game_deleted')
    FROM gone g JOIN list l ON l.id = g.list_id
    ORDER BY g.list_id, g.position DESC NULLS LAST;
    UPDATE list_entry e SET position = r.rn, updated_at = now()
    FROM (SELECT id, row_number() OVER (PARTITION BY list_id ORDER BY position) AS rn
          FROM list_entry
          WHERE list_id IN (SELECT list_id FROM gone) AND position IS NOT NULL) r
    WHERE e.id = r.id AND e.position <> r.rn;
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
