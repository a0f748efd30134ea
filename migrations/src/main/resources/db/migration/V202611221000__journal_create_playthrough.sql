-- Journal: playthroughs (one run of a game; replaying a game is another playthrough) and the
-- play sessions logged against them.
--
-- game_id is ON DELETE CASCADE: a playthrough is part of its game's record and means nothing
-- without it, so removing a game from the library removes its journal with it (as the original
-- Questlog did) instead of blocking the delete or leaving orphans. edition_id is ON DELETE SET
-- NULL: removing one release of a game (a mistaken or merged edition) must not erase the run,
-- which still belongs to the game.
--
-- Playtime: playtime_minutes is the figure a user or an import gave; session_minutes and
-- session_count are kept by the journal module in the same transaction as each session insert.
-- playtime_total is what the API shows: the given figure, else the sum of the sessions, else null.

CREATE TABLE playthrough (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    game_id           uuid NOT NULL REFERENCES game (id) ON DELETE CASCADE,
    edition_id        uuid REFERENCES edition (id) ON DELETE SET NULL,
    platform          text CHECK (platform <> ''),
    status            text NOT NULL CHECK (status IN ('planned', 'playing', 'paused', 'completed', 'abandoned')),
    started_at        date,
    completed_at      date,
    playtime_minutes  integer CHECK (playtime_minutes >= 0),
    session_minutes   integer NOT NULL DEFAULT 0 CHECK (session_minutes >= 0),
    session_count     integer NOT NULL DEFAULT 0 CHECK (session_count >= 0),
    playtime_total    integer GENERATED ALWAYS AS
                      (COALESCE(playtime_minutes, CASE WHEN session_count > 0 THEN session_minutes END)) STORED,
    rating            smallint CHECK (rating BETWEEN 1 AND 10),
    completion        text CHECK (completion IN ('story', '100%', 'other')),
    notes             text CHECK (notes <> ''),
    source            text NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'steam', 'import')),
    source_ref        text CHECK (source_ref <> ''),
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CHECK (completed_at IS NULL OR started_at IS NULL OR completed_at >= started_at),
    CHECK (status <> 'completed' OR completed_at IS NOT NULL)
);
CREATE INDEX playthrough_game_idx ON playthrough (game_id, completed_at);
CREATE INDEX playthrough_edition_idx ON playthrough (edition_id);
CREATE INDEX playthrough_completed_idx ON playthrough (completed_at DESC NULLS LAST, created_at DESC, id DESC);
CREATE INDEX playthrough_started_idx ON playthrough (started_at);
-- An upstream record (a Steam app of one account, a line of an imported file) maps to one playthrough.
CREATE UNIQUE INDEX playthrough_source_ref_idx ON playthrough (source, source_ref) WHERE source_ref IS NOT NULL;

CREATE TABLE play_session (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    playthrough_id  uuid NOT NULL REFERENCES playthrough (id) ON DELETE CASCADE,
    started_at      timestamptz NOT NULL,
    minutes         integer NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
    note            text CHECK (note <> ''),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX play_session_playthrough_idx ON play_session (playthrough_id, started_at);

-- Read caches learn of journal changes like catalog ones (see the catalog migration).
CREATE TRIGGER playthrough_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON playthrough
    FOR EACH STATEMENT EXECUTE FUNCTION questlog_notify_change();
CREATE TRIGGER play_session_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON play_session
    FOR EACH STATEMENT EXECUTE FUNCTION questlog_notify_change();
