/**
 * Realtime: every observable change as an event, delivered at once and never lost.
 *
 * <p>Owns the tables {@code event} (outbox and log), {@code relay_cursor} and {@code webhook}; the
 * routes {@code GET /api/events}, {@code POST/GET /api/webhooks}, {@code GET/DELETE
 * /api/webhooks/{id}}, {@code POST /api/webhooks/{id}/resume}; and the WebSocket
 * {@code /ws/questlog/}. Other modules record events through {@link questlog.common.EventLog}
 * (the outbox writer, {@link questlog.realtime.RealtimeModule#eventLog()}), inside their own
 * transactions. A relay in every app instance reads the committed log in id order, woken by
 * PostgreSQL {@code NOTIFY questlog_events} with polling as the fallback, and fans out to the
 * local WebSocket clients, to Redis ({@code PUBLISH}, once per event across instances) and to
 * webhooks (signed, retried with backoff, paused after repeated failure). A consumer asking for
 * events after the end of the log (a restored database) gets a {@link questlog.realtime.StreamReset}
 * instead of a refusal; a stopping server closes its sockets with 1012. Webhooks go to public
 * addresses only unless allowed otherwise ({@link questlog.realtime.WebhookTargets}), and their
 * secrets are stored encrypted ({@link questlog.realtime.WebhookSecrets}).
 */
package questlog.realtime;
