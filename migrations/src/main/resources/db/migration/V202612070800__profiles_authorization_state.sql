-- A profile's OAuth authorization between its start and its callback: the state's SHA-256 (the
-- state itself travels only in the authorize URL), what the plugin needs back with the code (its
-- PKCE verifier, sealed by the plugin), and when it expires (minutes after the start). A callback
-- deletes its row as it reads it, so a state works once. Short-lived working state of this
-- server: not exported, and no change-feed trigger (no read is served from it).
CREATE TABLE profile_authorization (
    state_hash  text PRIMARY KEY CHECK (state_hash ~ '^[0-9a-f]{64}$'),
    profile_id  uuid NOT NULL REFERENCES profile (id) ON DELETE CASCADE,
    pending     jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL
);
CREATE INDEX profile_authorization_profile_idx ON profile_authorization (profile_id);
CREATE INDEX profile_authorization_expiry_idx ON profile_authorization (expires_at);
