-- A webhook's row changes with every delivery (cursor, failures, lease). GET /api/webhooks is
-- never served from the read cache, so these updates need not invalidate it: without this
-- trigger, every event delivered to a webhook emptied the whole read cache.
DROP TRIGGER webhook_changed ON webhook;
