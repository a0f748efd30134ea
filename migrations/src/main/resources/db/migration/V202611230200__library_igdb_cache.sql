-- IGDB client state shared by every app instance (and the CLI).
--
-- igdb_token: the Twitch app token, one row per client id. IGDB allows 25 live tokens per
-- application and minting a new one can invalidate others, so instances share this one and mint
-- only when it is about to expire or IGDB rejects it. Kept in plain text: it is needed to call.
CREATE TABLE igdb_token (
    client_id     text PRIMARY KEY,
    access_token  text NOT NULL,
    expires_at    timestamptz NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);

-- igdb_response: answers to IGDB queries, keyed by a hash of endpoint and query text, reused
-- for a day by default. Makes re-runs and resumed jobs cost no upstream requests.
CREATE TABLE igdb_response (
    cache_key   text PRIMARY KEY,
    endpoint    text NOT NULL,
    body        text NOT NULL,
    fetched_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX igdb_response_fetched_idx ON igdb_response (fetched_at);
