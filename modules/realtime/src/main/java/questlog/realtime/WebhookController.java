package questlog.realtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.Optional;
import java.util.UUID;
import questlog.common.Bodies;
import questlog.common.Page;

/** {@code /api/webhooks}: IO only; every route needs a write token (tagged by the module's routes). */
final class WebhookController {
    private final WebhookService service;
    private final ObjectMapper json;
    private final Runnable wakeDelivery;

    /** {@code wakeDelivery}: tells this instance's webhook worker that a webhook has work again. */
    WebhookController(WebhookService service, ObjectMapper json, Runnable wakeDelivery) {
        this.service = service;
        this.json = json;
        this.wakeDelivery = wakeDelivery;
    }

    void create(Context ctx) {
        Webhook created = service.create(Bodies.read(ctx, json, CreateWebhookRequest.class).value());
        ctx.status(201).header("Location", "/api/webhooks/" + created.id()).json(WebhookResponse.from(created));
    }

    void list(Context ctx) {
        int limit = ctx.queryParamAsClass("limit", Integer.class).getOrDefault(100);
        int offset = ctx.queryParamAsClass("offset", Integer.class).getOrDefault(0);
        Paging.check(limit, offset);
        var items = service.list(limit, offset).stream().map(WebhookResponse::from).toList();
        ctx.json(Page.of(items, service.count(), limit, offset, Paging.link(ctx, limit)));
    }

    void get(Context ctx) {
        ctx.json(WebhookResponse.from(service.find(id(ctx)).orElseThrow(WebhookController::notFound)));
    }

    void delete(Context ctx) {
        if (!service.delete(id(ctx))) {
            throw notFound();
        }
        ctx.status(204);
    }

    void resume(Context ctx) {
        ctx.json(WebhookResponse.from(service.resume(id(ctx)).orElseThrow(WebhookController::notFound)));
        // A resumed webhook has events waiting; no new event will come to wake the worker.
        wakeDelivery.run();
    }

    private static UUID id(Context ctx) {
        return parse(ctx.pathParam("id")).orElseThrow(WebhookController::notFound);
    }

    private static Optional<UUID> parse(String raw) {
        try {
            return Optional.of(UUID.fromString(raw));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static NotFoundResponse notFound() {
        return new NotFoundResponse("Webhook not found");
    }
}
