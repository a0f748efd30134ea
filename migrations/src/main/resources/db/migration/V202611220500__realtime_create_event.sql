-- Realtime: the event outbox and log, the relay's delivery cursors, and webhooks.
--
-- Modules insert events in the same transaction as the change they describe (see
-- questlog.common.EventLog). Every insert statement first takes the transaction-scoped advisory
-- lock 7176001 (a BEFORE STATEMENT trigger, which runs before the row's id is drawn from the
-- sequence), so outbox writers hold ids in commit order: once a relay sees id n committed, every
-- lower id is committed or never will be, and "deliver everything after the last id" skips
-- nothing. The price: transactions that write events queue behind each other from their first
-- event until commit; writes here are few and short. Each insert statement also notifies
-- 'questlog_events' (PostgreSQL delivers it only after commit) to wake the relay of every app
-- instance. created_at comes from clock_timestamp() after the lock, so it grows with the id.

CREATE TABLE event (
    id          bigserial PRIMARY KEY,
    type        text NOT NULL CHECK (type <> ''),
    payload     jsonb NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp())
);
CREATE INDEX event_type_idx ON event (type, id);

CREATE FUNCTION questlog_event_order_lock() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(7176001);
    RETURN NULL;
END $$;

CREATE FUNCTION questlog_event_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('questlog_events', '');
    RETURN NULL;
END $$;

CREATE TRIGGER event_order_lock BEFORE INSERT ON event
    FOR EACH STATEMENT EXECUTE FUNCTION questlog_event_order_lock();
CREATE TRIGGER event_notify AFTER INSERT ON event
    FOR EACH STATEMENT EXECUTE FUNCTION questlog_event_notify();

-- How far a shared target (Redis, per channel) has been published. The relay instance that holds
-- the row lock (FOR UPDATE SKIP LOCKED) publishes the next batch and moves last_id, so each event
-- is published once across instances (at least once if an instance dies between publishing and
-- committing the cursor).
CREATE TABLE relay_cursor (
    target      text PRIMARY KEY,
    last_id     bigint NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Registered receivers. last_event_id is the delivery cursor: every event up to it was delivered
-- (or did not match types). An instance delivers to a webhook while it holds the lease.
CREATE TABLE webhook (
    id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    url                   text NOT NULL CHECK (url <> ''),
    types                 text[] NOT NULL DEFAULT '{}',
    secret                text NOT NULL CHECK (secret <> ''),
    status                text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused')),
    last_event_id         bigint NOT NULL,
    consecutive_failures  integer NOT NULL DEFAULT 0,
    last_error            text,
    last_attempt_at       timestamptz,
    last_success_at       timestamptz,
    next_attempt_at       timestamptz,
    paused_at             timestamptz,
    lease_owner           text,
    lease_until           timestamptz,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_created_idx ON webhook (created_at, id);

-- Read caches (GET /api/events, GET /api/webhooks) follow these tables like the catalog's.
CREATE TRIGGER event_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON event
    FOR EACH STATEMENT EXECUTE FUNCTION questlog_notify_change();
CREATE TRIGGER webhook_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON webhook
    FOR EACH STATEMENT EXECUTE FUNCTION questlog_notify_change();
