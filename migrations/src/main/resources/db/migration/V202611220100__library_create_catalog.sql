-- Library catalog: franchises, genres, games (the compatibility API's "works"), editions, external ids.
-- Names sort by code point (COLLATE "C"), as the dataset format and the original API expect.
-- search_text holds the name folded to lowercase ASCII by the application (same fold as slugs),
-- so `q` is accent- and case-insensitive without needing a database extension.

CREATE TABLE franchise (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name        text COLLATE "C" NOT NULL CHECK (name <> ''),
    slug        text COLLATE "C" NOT NULL UNIQUE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX franchise_name_idx ON franchise (name, slug);

CREATE TABLE genre (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name        text COLLATE "C" NOT NULL CHECK (name <> ''),
    slug        text COLLATE "C" NOT NULL UNIQUE,
    igdb_id     bigint UNIQUE,
    parent_id   uuid REFERENCES genre (id) ON DELETE SET NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX genre_name_idx ON genre (name, slug);

CREATE TABLE game (
    id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name                   text COLLATE "C" NOT NULL CHECK (name <> ''),
    slug                   text COLLATE "C" NOT NULL UNIQUE,
    sort_name              text COLLATE "C",
    search_text            text NOT NULL DEFAULT '',
    franchise_id           uuid REFERENCES franchise (id) ON DELETE SET NULL,
    parent_game_id         uuid REFERENCES game (id) ON DELETE SET NULL,
    relationship_type      text CHECK (relationship_type IN ('sequel', 'prequel', 'spinoff', 'epilogue', 'expansion')),
    primary_genre_id       uuid REFERENCES genre (id) ON DELETE SET NULL,
    original_release_year  integer CHECK (original_release_year BETWEEN 1940 AND 2200),
    summary                text,
    cover_url              text,
    platforms              text[] NOT NULL DEFAULT '{}',
    igdb_id                bigint UNIQUE,
    igdb_data              jsonb,
    last_synced_at         timestamptz,
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now(),
    CHECK (parent_game_id IS NULL OR parent_game_id <> id),
    CHECK ((parent_game_id IS NULL) = (relationship_type IS NULL))
);
CREATE INDEX game_name_idx ON game (name, slug);
CREATE INDEX game_franchise_idx ON game (franchise_id);
CREATE INDEX game_year_idx ON game (original_release_year);
CREATE INDEX game_created_idx ON game (created_at);
CREATE INDEX game_platforms_idx ON game USING gin (platforms);

CREATE TABLE game_genre (
    game_id   uuid NOT NULL REFERENCES game (id) ON DELETE CASCADE,
    genre_id  uuid NOT NULL REFERENCES genre (id) ON DELETE CASCADE,
    PRIMARY KEY (game_id, genre_id)
);
CREATE INDEX game_genre_genre_idx ON game_genre (genre_id, game_id);

CREATE TABLE edition (
    id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    game_id             uuid NOT NULL REFERENCES game (id) ON DELETE CASCADE,
    name                text COLLATE "C" NOT NULL CHECK (name <> ''),
    slug                text COLLATE "C" NOT NULL UNIQUE,
    edition_type        text NOT NULL DEFAULT 'original'
                        CHECK (edition_type IN ('original', 'port', 'remaster', 'enhanced', 'remake', 'definitive')),
    platforms           text[] NOT NULL DEFAULT '{}',
    release_date        date,
    cover_url           text,
    summary             text,
    igdb_id             bigint UNIQUE,
    twitch_category_id  text UNIQUE,
    igdb_data           jsonb,
    last_synced_at      timestamptz,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX edition_game_idx ON edition (game_id, release_date);
CREATE INDEX edition_platforms_idx ON edition USING gin (platforms);

CREATE TABLE external_id (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    source       text NOT NULL CHECK (source IN ('igdb', 'steam', 'gog', 'twitch', 'xbox', 'psn')),
    external_id  text NOT NULL CHECK (external_id <> ''),
    game_id      uuid REFERENCES game (id) ON DELETE CASCADE,
    edition_id   uuid REFERENCES edition (id) ON DELETE CASCADE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (source, external_id),
    CHECK ((game_id IS NULL) <> (edition_id IS NULL))
);
CREATE INDEX external_id_game_idx ON external_id (game_id);
CREATE INDEX external_id_edition_idx ON external_id (edition_id);

-- Read caches in every app instance stay valid while nothing changes. Each write transaction
-- that touches the catalog notifies 'questlog_changes' once per statement; PostgreSQL delivers
-- notifications only after commit, so listeners never see a change that was rolled back.
CREATE FUNCTION questlog_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('questlog_changes', TG_TABLE_NAME);
    RETURN NULL;
END $$;

CREATE TRIGGER franchise_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON franchise
    FOR EACH STATEMENT EXECUTE FUNCTION questlog_notify_change();
CREATE TRIGGER genre_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON genre
    FOR EACH STATEMENT EXECUTE FUNCTION questlog_notify_change();
CREATE TRIGGER game_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON game
    FOR EACH STATEMENT EXECUTE FUNCTION questlog_notify_change();
CREATE TRIGGER game_genre_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON game_genre
    FOR EACH STATEMENT EXECUTE FUNCTION questlog_notify_change();
CREATE TRIGGER edition_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON edition
    FOR EACH STATEMENT EXECUTE FUNCTION questlog_notify_change();
CREATE TRIGGER external_id_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON external_id
    FOR EACH STATEMENT EXECUTE FUNCTION questlog_notify_change();
