-- Profiles: one person's account or character in a game's own service (a Lodestone character, a
-- Bungie account, a Path of Exile account, a Steam account), as its plugin last fetched it, and
-- the history of what was fetched. A profile belongs to one game of the library, or to none when
-- it spans many (Steam).
CREATE TABLE profile (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    plugin         text NOT NULL CHECK (plugin ~ '^[a-z][a-z0-9_]*$'),
    account_id     text NOT NULL CHECK (account_id <> ''),
    handle         text NOT NULL CHECK (handle <> ''),
    display_name   text,
    game_id        uuid REFERENCES game (id) ON DELETE SET NULL,
    settings       jsonb NOT NULL DEFAULT '{}'::jsonb,
    data           jsonb,
    synced_at      timestamptz,
    sync_error     text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (plugin, account_id)
);
CREATE INDEX profile_game_idx ON profile (game_id);

-- Every fetched state that differed from the one before, with what changed.
CREATE TABLE profile_snapshot (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    profile_id  uuid NOT NULL REFERENCES profile (id) ON DELETE CASCADE,
    taken_at    timestamptz NOT NULL,
    data        jsonb NOT NULL,
    changes     jsonb NOT NULL DEFAULT '[]'::jsonb,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX profile_snapshot_profile_idx ON profile_snapshot (profile_id, taken_at DESC);

CREATE TRIGGER profile_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON profile
    FOR EACH STATEMENT EXECUTE FUNCTION questlog_notify_change();
CREATE TRIGGER profile_snapshot_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON profile_snapshot
    FOR EACH STATEMENT EXECUTE FUNCTION questlog_notify_change();
