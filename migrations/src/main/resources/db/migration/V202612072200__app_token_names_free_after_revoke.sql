-- A revoked token's name may be given to a new token (a rotated "site" token keeps its name):
-- only the names of tokens in use are unique. Revoked ones stay listed, with their revoked_at.
ALTER TABLE api_token DROP CONSTRAINT api_token_name_key;
CREATE UNIQUE INDEX api_token_active_name_idx ON api_token (name) WHERE revoked_at IS NULL;
