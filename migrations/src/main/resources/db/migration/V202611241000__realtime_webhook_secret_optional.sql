-- A webhook may be registered without a secret: its deliveries are then unsigned. Secrets are now
-- stored encrypted (v1:<key id>:<data>, see questlog.common.SecretBox); plain-text values from
-- before stay readable and are encrypted at the next start with QUESTLOG_SECRET_KEY set.
ALTER TABLE webhook ALTER COLUMN secret DROP NOT NULL;
