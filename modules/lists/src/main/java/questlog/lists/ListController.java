package questlog.lists;

import questlog.common.Bodies;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Predicate;
import questlog.common.FieldErrors;
import questlog.common.InvalidInputException;
import questlog.common.Json;
import questlog.common.Locations;

/**
 * HTTP for lists and entries. Private lists are visible only to callers that {@code seesPrivate}
 * accepts (a valid token); to anyone else they do not exist (404).
 */
final class ListController {
    static final int DEFAULT_ACTIVITY_LIMIT = 50;
    static final int MAX_ACTIVITY_LIMIT = 5000;

    private final ListService service;
    private final ObjectMapper json;
    private final Predicate<Context> seesPrivate;

    ListController(ListService service, ObjectMapper json, Predicate<Context> seesPrivate) {
        this.service = service;
        this.json = json;
        this.seesPrivate = seesPrivate;
    }

    void list(Context ctx) {
        ctx.json(service.all(seesPrivate.test(ctx)));
    }

    void get(Context ctx) {
        Json.respond(ctx, service.detail(ctx.pathParam("slug"), seesPrivate.test(ctx)).orElseThrow(() -> notFound("List not found")));
    }

    void activity(Context ctx) {
        String raw = ctx.queryParam("limit");
        int limit = DEFAULT_ACTIVITY_LIMIT;
        if (raw != null && !raw.isBlank()) {
            FieldErrors errors = new FieldErrors();
            try {
                limit = Integer.parseInt(raw.strip());
                errors.check(limit >= 1 && limit <= MAX_ACTIVITY_LIMIT, "limit", "must be between 1 and " + MAX_ACTIVITY_LIMIT);
            } catch (NumberFormatException e) {
                errors.add("limit", "must be a whole number between 1 and " + MAX_ACTIVITY_LIMIT + " (got '" + raw + "')");
            }
            errors.throwIfBadRequest();
        }
        ctx.json(service.activity(ctx.pathParam("slug"), seesPrivate.test(ctx), limit)
                .orElseThrow(() -> notFound("List not found")));
    }

    void create(Context ctx) {
        CreateListRequest body = Bodies.read(ctx, json, CreateListRequest.class).value();
        translate(() -> {
            ListDetailResponse created = service.create(body);
            ctx.status(201).header("Location", Locations.of(ctx, "lists", created.slug())).json(created);
        });
    }

    void update(Context ctx) {
        var body = Bodies.read(ctx, json, UpdateListRequest.class);
        translate(() -> ctx.json(service.update(ctx.pathParam("slug"), body)));
    }

    void delete(Context ctx) {
        translate(() -> {
            service.delete(ctx.pathParam("slug"));
            ctx.status(204);
        });
    }

    void addEntry(Context ctx) {
        AddEntryRequest body = Bodies.read(ctx, json, AddEntryRequest.class).value();
        translate(() -> {
            EntryResponse added = service.addEntry(ctx.pathParam("slug"), body);
            ctx.status(201).header("Location", Locations.of(ctx, "lists", ctx.pathParam("slug"), "entries", added.workSlug()))
                    .json(added);
        });
    }

    void getEntry(Context ctx) {
        translate(() -> ctx.json(service.entry(ctx.pathParam("slug"), ctx.pathParam("game"), seesPrivate.test(ctx))));
    }

    void bulkAdd(Context ctx) {
        BulkAddRequest body = Bodies.read(ctx, json, BulkAddRequest.class).value();
        translate(() -> ctx.json(service.bulkAdd(ctx.pathParam("slug"), body)));
    }

    void updateEntry(Context ctx) {
        var body = Bodies.read(ctx, json, UpdateEntryRequest.class);
        translate(() -> ctx.json(service.updateEntry(ctx.pathParam("slug"), ctx.pathParam("game"), body)));
    }

    void removeEntry(Context ctx) {
        translate(() -> {
            service.removeEntry(ctx.pathParam("slug"), ctx.pathParam("game"));
            ctx.status(204);
        });
    }

    void setOrder(Context ctx) {
        String[] order = Bodies.readArray(ctx, json, String[].class);
        translate(() -> ctx.json(service.setOrder(ctx.pathParam("slug"), Arrays.asList(order))));
    }

    /** Runs the service call, turning its not-found and conflict outcomes into HTTP answers. */
    private static void translate(Runnable call) {
        try {
            call.run();
        } catch (ListService.NotFoundException e) {
            throw new NotFoundResponse(e.getMessage(), Map.of("error", e.error()));
        } catch (ListService.ConflictException e) {
            throw new ConflictResponse(e.getMessage());
        }
    }

    /** A 404 whose body also carries the original Questlog's {@code {"error": "..."}}. */
    static NotFoundResponse notFound(String message) {
        return new NotFoundResponse(message, Map.of("error", message));
    }
}
