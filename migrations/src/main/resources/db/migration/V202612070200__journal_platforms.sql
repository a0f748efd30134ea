-- Journal: one canonical key per platform, with a display name, so that "PS4", "ps4" and
-- "PlayStation 4" are one platform in filters and stats.
--
-- platform holds every platform a playthrough names: the known ones seeded below, and any other
-- the first time it is written (known = false), named as first written (spaces collapsed).
-- platform_alias maps the compact form of a name (NFKC, lowercase, letters and digits only: "PS-4",
-- "ps 4" and "PS4" are all "ps4") to its key; every platform has the compact forms of its key and
-- its name as aliases, so a key or a display name written back maps to itself.
-- playthrough.platform now holds the key (a foreign key); the API shows the name beside it. The
-- known platforms' keys are the platform slugs of the bench dataset format (pc, ps-vita, genesis,
-- nds, gba, xbox-series, ...), which the library's editions use too.

CREATE TABLE platform (
    key         text PRIMARY KEY CHECK (key <> ''),
    name        text NOT NULL CHECK (name <> ''),
    known       boolean NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE platform_alias (
    alias         text PRIMARY KEY CHECK (alias <> ''),
    platform_key  text NOT NULL REFERENCES platform (key) ON DELETE CASCADE ON UPDATE CASCADE,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX platform_alias_key_idx ON platform_alias (platform_key);

-- The form names are matched in. A name without any letter or digit is matched as written
-- (lowercase), so that it still has a form of its own.
CREATE FUNCTION platform_compact(raw text) RETURNS text STABLE STRICT LANGUAGE sql AS $$
    SELECT COALESCE(NULLIF(lower(regexp_replace(normalize(raw, NFKC), '[^[:alnum:]]+', '', 'g')), ''),
                    lower(btrim(raw)))
$$;

-- The key a new platform gets: lowercase words joined by hyphens ("Atari Jaguar" -> atari-jaguar).
CREATE FUNCTION platform_slug(raw text) RETURNS text STABLE STRICT LANGUAGE sql AS $$
    SELECT COALESCE(NULLIF(btrim(lower(regexp_replace(normalize(raw, NFKC), '[^[:alnum:]]+', '-', 'g')), '-'), ''),
                    lower(btrim(raw)))
$$;

-- The key a name stands for, without registering anything (filters): the alias's, else the key
-- it would get.
CREATE FUNCTION platform_key_of(raw text) RETURNS text STABLE STRICT LANGUAGE sql AS $$
    SELECT COALESCE((SELECT platform_key FROM platform_alias WHERE alias = platform_compact(raw)), platform_slug(raw))
$$;

-- The key of a name being written, registering a platform not seen before. Concurrent writers
-- of one new name agree: the alias is the arbiter, and a writer that lost the race drops the
-- platform row it made and takes the winner's key.
CREATE FUNCTION platform_key_for(raw text) RETURNS text VOLATILE STRICT LANGUAGE plpgsql AS $$
DECLARE
    found_key text;
    new_key text := platform_slug(raw);
    made boolean;
BEGIN
    SELECT platform_key INTO found_key FROM platform_alias WHERE alias = platform_compact(raw);
    IF found_key IS NOT NULL THEN
        RETURN found_key;
    END IF;
    INSERT INTO platform (key, name) VALUES (new_key, regexp_replace(btrim(raw), '\s+', ' ', 'g'))
    ON CONFLICT (key) DO NOTHING
    RETURNING true INTO made;
    INSERT INTO platform_alias (alias, platform_key) VALUES (platform_compact(raw), new_key)
    ON CONFLICT (alias) DO NOTHING;
    SELECT platform_key INTO found_key FROM platform_alias WHERE alias = platform_compact(raw);
    IF found_key <> new_key AND made THEN
        DELETE FROM platform WHERE key = new_key;
    END IF;
    RETURN found_key;
END $$;

INSERT INTO platform (key, name, known) VALUES
    ('pc', 'PC', true),
    ('mac', 'Mac', true),
    ('linux', 'Linux', true),
    ('amiga', 'Amiga', true),
    ('ps1', 'PlayStation', true),
    ('ps2', 'PlayStation 2', true),
    ('ps3', 'PlayStation 3', true),
    ('ps4', 'PlayStation 4', true),
    ('ps5', 'PlayStation 5', true),
    ('psp', 'PSP', true),
    ('ps-vita', 'PS Vita', true),
    ('switch', 'Nintendo Switch', true),
    ('switch-2', 'Nintendo Switch 2', true),
    ('wii', 'Wii', true),
    ('wii-u', 'Wii U', true),
    ('gamecube', 'GameCube', true),
    ('n64', 'Nintendo 64', true),
    ('snes', 'Super Nintendo', true),
    ('nes', 'NES', true),
    ('game-boy', 'Game Boy', true),
    ('gbc', 'Game Boy Color', true),
    ('gba', 'Game Boy Advance', true),
    ('nds', 'Nintendo DS', true),
    ('3ds', 'Nintendo 3DS', true),
    ('virtual-boy', 'Virtual Boy', true),
    ('xbox', 'Xbox', true),
    ('xbox-360', 'Xbox 360', true),
    ('xbox-one', 'Xbox One', true),
    ('xbox-series', 'Xbox Series X|S', true),
    ('master-system', 'Master System', true),
    ('genesis', 'Mega Drive/Genesis', true),
    ('sega-cd', 'Sega CD', true),
    ('saturn', 'Sega Saturn', true),
    ('dreamcast', 'Dreamcast', true),
    ('game-gear', 'Game Gear', true),
    ('pc-engine', 'PC Engine/TurboGrafx-16', true),
    ('neo-geo', 'Neo Geo', true),
    ('arcade', 'Arcade', true),
    ('steam-deck', 'Steam Deck', true),
    ('ios', 'iOS', true),
    ('android', 'Android', true),
    ('stadia', 'Stadia', true),
    ('meta-quest', 'Meta Quest', true),
    ('browser', 'Browser', true);

INSERT INTO platform_alias (alias, platform_key)
SELECT platform_compact(a.alias), a.key
FROM (VALUES
    ('windows', 'pc'), ('pc windows', 'pc'), ('microsoft windows', 'pc'), ('win', 'pc'),
    ('macos', 'mac'), ('os x', 'mac'),
    ('ps', 'ps1'), ('psx', 'ps1'), ('psone', 'ps1'), ('playstation 1', 'ps1'),
    ('playstation 2', 'ps2'), ('playstation 3', 'ps3'), ('playstation 4', 'ps4'), ('playstation 5', 'ps5'),
    ('playstation portable', 'psp'),
    ('vita', 'ps-vita'), ('playstation vita', 'ps-vita'),
    ('ns', 'switch'), ('nsw', 'switch'), ('switch', 'switch'),
    ('ns2', 'switch-2'), ('switch 2', 'switch-2'),
    ('nintendo wii', 'wii'), ('nintendo wii u', 'wii-u'),
    ('gc', 'gamecube'), ('ngc', 'gamecube'), ('gcn', 'gamecube'), ('nintendo gamecube', 'gamecube'),
    ('nintendo 64', 'n64'),
    ('super nes', 'snes'), ('super nintendo entertainment system', 'snes'), ('super famicom', 'snes'), ('sfc', 'snes'),
    ('nintendo entertainment system', 'nes'), ('famicom', 'nes'),
    ('gb', 'game-boy'), ('game boy colour', 'gbc'),
    ('ds', 'nds'),
    ('n3ds', '3ds'), ('new nintendo 3ds', '3ds'), ('new 3ds', '3ds'), ('2ds', '3ds'),
    ('original xbox', 'xbox'),
    ('x360', 'xbox-360'), ('360', 'xbox-360'),
    ('xb1', 'xbox-one'), ('xbone', 'xbox-one'), ('xbox 1', 'xbox-one'),
    ('xbox series x', 'xbox-series'), ('xbox series s', 'xbox-series'), ('xbox series', 'xbox-series'),
    ('series x', 'xbox-series'), ('series s', 'xbox-series'), ('xsx', 'xbox-series'), ('xss', 'xbox-series'),
    ('sms', 'master-system'), ('sega master system', 'master-system'),
    ('mega drive', 'genesis'), ('sega genesis', 'genesis'), ('sega mega drive', 'genesis'), ('md', 'genesis'),
    ('mega cd', 'sega-cd'),
    ('saturn', 'saturn'), ('dc', 'dreamcast'), ('sega dreamcast', 'dreamcast'),
    ('gg', 'game-gear'), ('sega game gear', 'game-gear'),
    ('pc engine', 'pc-engine'), ('turbografx', 'pc-engine'), ('turbografx 16', 'pc-engine'), ('tg16', 'pc-engine'),
    ('neogeo', 'neo-geo'),
    ('deck', 'steam-deck'),
    ('iphone', 'ios'), ('ipad', 'ios'),
    ('quest', 'meta-quest'), ('oculus quest', 'meta-quest'),
    ('web', 'browser')
) AS a(alias, key);

-- Every platform is found by its key and its name too.
INSERT INTO platform_alias (alias, platform_key)
SELECT platform_compact(key), key FROM platform
ON CONFLICT (alias) DO NOTHING;
INSERT INTO platform_alias (alias, platform_key)
SELECT platform_compact(name), key FROM platform
ON CONFLICT (alias) DO NOTHING;

-- Existing playthroughs: each platform as written becomes its key (unknown ones are registered).
UPDATE playthrough SET platform = platform_key_for(platform) WHERE platform IS NOT NULL;

ALTER TABLE playthrough ADD CONSTRAINT playthrough_platform_fkey
    FOREIGN KEY (platform) REFERENCES platform (key) ON UPDATE CASCADE;
CREATE INDEX playthrough_platform_idx ON playthrough (platform);

-- Read caches learn of platform changes like journal ones.
CREATE TRIGGER platform_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON platform
    FOR EACH STATEMENT EXECUTE FUNCTION questlog_notify_change();
CREATE TRIGGER platform_alias_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON platform_alias
    FOR EACH STATEMENT EXECUTE FUNCTION questlog_notify_change();
