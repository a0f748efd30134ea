-- API tokens for writes (and private reads). Only a SHA-256 hash of the secret is stored.
CREATE TABLE api_token (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name          text NOT NULL UNIQUE CHECK (name <> ''),
    token_hash    bytea NOT NULL UNIQUE,
    scopes        text[] NOT NULL DEFAULT '{read,write}',
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    last_used_at  timestamptz,
    revoked_at    timestamptz
);
