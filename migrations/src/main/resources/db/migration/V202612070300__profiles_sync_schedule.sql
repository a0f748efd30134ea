-- Profiles sync on their plugin's schedule: next_sync_at is when the next scheduled sync is due
-- (null: due now, e.g. a profile just imported). games lists the library games an account-wide
-- profile covers, as 'source:external_id' (a Steam account: 'steam:620', one per owned app), so
-- that the profile appears in the detail of each of those games; the core rewrites it from every
-- snapshot.
ALTER TABLE profile ADD COLUMN next_sync_at timestamptz;
ALTER TABLE profile ADD COLUMN games text[] NOT NULL DEFAULT '{}';
CREATE INDEX profile_next_sync_idx ON profile (next_sync_at NULLS FIRST);
CREATE INDEX profile_games_idx ON profile USING gin (games);
