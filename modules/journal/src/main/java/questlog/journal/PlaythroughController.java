package questlog.journal;

import questlog.common.Bodies;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import questlog.common.FieldErrors;
import questlog.common.Locations;
import questlog.common.Page;

/** HTTP for playthroughs and sessions: reads and checks input, calls the service, picks the status. */
final class PlaythroughController {
    private final PlaythroughService service;
    private final ObjectMapper json;

    PlaythroughController(PlaythroughService service, ObjectMapper json) {
        this.service = service;
        this.json = json;
    }

    void list(Context ctx) {
        PlaythroughQuery query = query(ctx, true);
        PlaythroughService.Listing listing = service.list(query);
        ctx.json(Page.of(listing.items(), listing.total(), query.limit(), query.offset(), Page.PageLink.sameQuery(ctx)));
    }

    void listOfGame(Context ctx) {
        PlaythroughQuery query = query(ctx, false).forGame(ctx.pathParam("slug"));
        PlaythroughService.Listing listing = service.listOfGame(ctx.pathParam("slug"), query)
                .orElseThrow(PlaythroughController::gameNotFound);
        ctx.json(Page.of(listing.items(), listing.total(), query.limit(), query.offset(), Page.PageLink.sameQuery(ctx)));
    }

    void get(Context ctx) {
        ctx.json(id(ctx).flatMap(service::get).orElseThrow(PlaythroughController::notFound));
    }

    void create(Context ctx) {
        var read = Bodies.read(ctx, json, CreatePlaythroughRequest.class);
        // A new playthrough is the same set of fields applied to nothing.
        var body = new Bodies.Read<>(read.value().asUpdate(), read.present());
        try {
            PlaythroughResponse created = service.create(ctx.pathParam("slug"), body)
                    .orElseThrow(PlaythroughController::gameNotFound);
            ctx.status(201).header("Location", Locations.of(ctx, "playthroughs", created.id().toString())).json(created);
        } catch (PlaythroughService.ConflictException e) {
            throw new ConflictResponse(e.getMessage());
        }
    }

    void update(Context ctx) {
        Optional<UUID> id = id(ctx);
        var body = Bodies.read(ctx, json, UpdatePlaythroughRequest.class);
        try {
            ctx.json(id.flatMap(i -> service.update(i, body)).orElseThrow(PlaythroughController::notFound));
        } catch (PlaythroughService.ConflictException e) {
            throw new ConflictResponse(e.getMessage());
        }
    }

    void delete(Context ctx) {
        if (!id(ctx).map(service::delete).orElse(false)) {
            throw notFound();
        }
        ctx.status(204);
    }

    void addSession(Context ctx) {
        Optional<UUID> id = id(ctx);
        CreateSessionRequest body = Bodies.read(ctx, json, CreateSessionRequest.class).value();
        PlaySessionResponse added = id.flatMap(i -> service.addSession(i, body)).orElseThrow(PlaythroughController::notFound);
        ctx.status(201).header("Location", Locations.of(ctx, "playthroughs", added.playthroughId().toString(), "sessions",
                added.id().toString())).json(added);
    }

    void getSession(Context ctx) {
        Optional<UUID> playthrough = id(ctx);
        Optional<UUID> session = uuid(ctx.pathParam("session"));
        if (playthrough.isEmpty() || session.isEmpty()) {
            throw sessionNotFound();
        }
        ctx.json(service.session(playthrough.get(), session.get()).orElseThrow(PlaythroughController::sessionNotFound));
    }

    void updateSession(Context ctx) {
        Optional<UUID> playthrough = id(ctx);
        Optional<UUID> session = uuid(ctx.pathParam("session"));
        var body = Bodies.read(ctx, json, UpdateSessionRequest.class);
        if (playthrough.isEmpty() || session.isEmpty()) {
            throw sessionNotFound();
        }
        ctx.json(service.updateSession(playthrough.get(), session.get(), body)
                .orElseThrow(PlaythroughController::sessionNotFound));
    }

    void deleteSession(Context ctx) {
        Optional<UUID> playthrough = id(ctx);
        Optional<UUID> session = uuid(ctx.pathParam("session"));
        if (playthrough.isEmpty() || session.isEmpty() || !service.deleteSession(playthrough.get(), session.get())) {
            throw sessionNotFound();
        }
        ctx.status(204);
    }

    /** Filters, order and window from the query string; a bad value is a 400 naming the parameter. */
    private static PlaythroughQuery query(Context ctx, boolean withGame) {
        FieldErrors errors = new FieldErrors();
        PlaythroughStatus status = null;
        String statusParam = blank(ctx.queryParam("status"));
        if (statusParam != null) {
            status = PlaythroughStatus.parse(statusParam).orElse(null);
            errors.check(status != null, "status", "must be one of planned, playing, paused, completed, abandoned");
        }
        Integer year = integer(ctx, errors, "year", null, PlaythroughService.MIN_YEAR, PlaythroughService.MAX_YEAR);
        PlaythroughQuery.Sort sort = PlaythroughQuery.Sort.COMPLETED_DESC;
        String sortParam = blank(ctx.queryParam("sort"));
        if (sortParam != null) {
            sort = PlaythroughQuery.Sort.parse(sortParam).orElse(null);
            errors.check(sort != null, "sort", "must be one of " + String.join(", ", PlaythroughQuery.Sort.params()));
        }
        Integer limit = integer(ctx, errors, "limit", PlaythroughQuery.DEFAULT_LIMIT, 1, PlaythroughQuery.MAX_LIMIT);
        Integer offset = integer(ctx, errors, "offset", 0, 0, Integer.MAX_VALUE);
        errors.throwIfBadRequest();
        return new PlaythroughQuery(status, blank(ctx.queryParam("platform")), year,
                withGame ? blank(ctx.queryParam("game")) : null, sort, limit, offset);
    }

    static Integer integer(Context ctx, FieldErrors errors, String name, Integer fallback, int min, int max) {
        String raw = blank(ctx.queryParam(name));
        if (raw == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(name, "must be a whole number between " + min + " and " + max + " (got '" + raw + "')");
        return fallback;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** The path id; a malformed one cannot name a playthrough, so it is answered like an unknown one. */
    private static Optional<UUID> id(Context ctx) {
        return uuid(ctx.pathParam("id"));
    }

    private static Optional<UUID> uuid(String raw) {
        try {
            return Optional.of(UUID.fromString(raw));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static NotFoundResponse notFound() {
        return new NotFoundResponse("Playthrough not found", Map.of("error", "Playthrough not found"));
    }

    private static NotFoundResponse sessionNotFound() {
        return new NotFoundResponse("Session not found", Map.of("error", "Session not found"));
    }

    static NotFoundResponse gameNotFound() {
        return new NotFoundResponse("Game not found", Map.of("error", "Game not found"));
    }
}
