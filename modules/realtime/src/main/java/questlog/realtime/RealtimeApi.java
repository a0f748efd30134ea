package questlog.realtime;

import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import questlog.common.Access;
import questlog.common.ApiOperation;
import questlog.common.ApiParam;
import questlog.common.ApiResponse;
import questlog.common.EventTypes;

/** The realtime routes as the OpenAPI document shows them, in the order of {@link RealtimeModule#routes()}. */
final class RealtimeApi {
    private RealtimeApi() {}

    static List<ApiOperation> operations() {
        List<ApiOperation> events = ApiOperation.tagged("Events", List.of(
                ApiOperation.get("/api/events", "The event log, oldest first", ApiResponse.ok(EventPage.class))
                        .withDescription("""
                                The same envelopes, byte for byte, as the WebSocket `/ws/questlog/`, Redis \
                                (`PUBLISH events:questlog`) and webhooks deliver. Ids grow in commit order. Page with \
                                `since`: `next` continues after the last item; `total` counts every matching event \
                                after `since`. A `since` past the end of the log (the database was restored or reset \
                                since the consumer saw that id) answers no items, `reset: {latest_id, \
                                requested_since}` and a `next` that continues after `latest_id` (the socket sends \
                                the same as a `questlog:stream_reset` message); `reset` is null otherwise."""
                                + " Event types: " + String.join(", ", EventTypes.ALL) + ".")
                        .withParams(
                                ApiParam.query("since", Long.class, "Only events after this id (default 0: from the start)"),
                                ApiParam.query("limit", Integer.class, "Page size, 1 to 5000 (default 100)"),
                                ApiParam.query("types", String.class, "Comma-separated event types to keep, by full "
                                        + "(`questlog:game_added`) or short (`game_added`) name (default: all)"))
                        .withProblems(400)));
        List<ApiOperation> webhooks = ApiOperation.tagged("Webhooks", List.of(
                ApiOperation.get("/api/webhooks", "List webhooks", ApiResponse.pageOf(WebhookResponse.class))
                        .withAccess(Access.WRITE)
                        .withDescription("Secrets are never shown. A webhook that failed repeatedly has status `paused` "
                                + "and its `last_error`.")
                        .withParams(
                                ApiParam.query("limit", Integer.class, "Page size, 1 to 5000 (default 100)"),
                                ApiParam.query("offset", Integer.class, "Items to skip (default 0)"))
                        .withProblems(400),
                ApiOperation.post("/api/webhooks", "Register a webhook", ApiResponse.created(WebhookResponse.class))
                        .withBody(CreateWebhookRequest.class)
                        .withDescription("""
                                Every event committed from now on whose type is in `types` (all when empty; full \
                                or short names, kept as full names) is POSTed \
                                to `url` as its envelope, with headers `X-Questlog-Event` (the type), \
                                `X-Questlog-Event-Id` and, when the webhook has a secret, `X-Questlog-Signature: \
                                sha256=<hex HMAC-SHA256 of the raw body, keyed with the secret>`. Any 2xx within the \
                                timeout (10 s) counts as delivered; otherwise the same event is retried with \
                                exponential backoff (1 s doubling to 10 min) and later events wait, so order holds. \
                                After 10 failures in a row the webhook is paused until resumed. Delivery is at least \
                                once: de-duplicate by id. The URL must be http(s) and, unless the server allows \
                                private targets, every address its host resolves to must be public (not loopback, \
                                private, link-local or metadata, checked again at each delivery); redirects are not \
                                followed. The secret is optional, 16 to 512 characters, stored encrypted; a server \
                                without an encryption key refuses secrets (422).""")
                        .withProblems(422),
                ApiOperation.get("/api/webhooks/{id}", "Get a webhook", ApiResponse.ok(WebhookResponse.class))
                        .withAccess(Access.WRITE)
                        .withParams(ApiParam.path("id", UUID.class, "The webhook's id"))
                        .withProblems(404),
                ApiOperation.delete("/api/webhooks/{id}", "Remove a webhook", ApiResponse.noContent())
                        .withParams(ApiParam.path("id", UUID.class, "The webhook's id"))
                        .withProblems(404),
                ApiOperation.post("/api/webhooks/{id}/resume", "Resume a paused webhook", ApiResponse.ok(WebhookResponse.class))
                        .withDescription("Resets the failure count; delivery continues after the last event the receiver "
                                + "acknowledged, so nothing is skipped.")
                        .withParams(ApiParam.path("id", UUID.class, "The webhook's id"))
                        .withProblems(404)));
        return Stream.concat(events.stream(), webhooks.stream()).toList();
    }
}
