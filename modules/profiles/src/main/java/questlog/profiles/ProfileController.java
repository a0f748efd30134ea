package questlog.profiles;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.ServiceUnavailableResponse;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import questlog.common.Bodies;
import questlog.common.FieldErrors;
import questlog.common.Locations;
import questlog.common.Page;

/** {@code /api/profiles}: IO only. */
final class ProfileController {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 5000;

    private final Jdbi jdbi;
    private final ObjectMapper json;
    private final ProfileService service;
    private final ProfileAuthorizations authorizations;

    ProfileController(Jdbi jdbi, ObjectMapper json, ProfileService service, ProfileAuthorizations authorizations) {
        this.jdbi = jdbi;
        this.json = json;
        this.service = service;
        this.authorizations = authorizations;
    }

    void list(Context ctx) {
        int limit = limit(ctx);
        int offset = offset(ctx);
        var page = jdbi.inTransaction(h -> {
            var dao = h.attach(ProfileDao.class);
            return Page.of(dao.page(limit, offset).stream().map(ProfileResponse::from).toList(), dao.count(), limit,
                    offset, Page.PageLink.sameQuery(ctx));
        });
        ctx.json(page);
    }

    void listOfPlugin(Context ctx) {
        ProfilePlugin<?> plugin = plugin(ctx);
        int limit = limit(ctx);
        int offset = offset(ctx);
        ProfileService.Listing listing = service.listOfPlugin(plugin.key(), limit, offset);
        ctx.json(Page.of(listing.items(), listing.total(), limit, offset, Page.PageLink.sameQuery(ctx)));
    }

    void get(Context ctx) {
        ProfilePlugin<?> plugin = plugin(ctx);
        ctx.json(id(ctx).flatMap(id -> service.get(plugin.key(), id)).orElseThrow(ProfileController::notFound));
    }

    void create(Context ctx) {
        // The body first: a malformed one is refused whatever the path names.
        CreateProfileRequest body = Bodies.read(ctx, json, CreateProfileRequest.class).value();
        ProfilePlugin<?> plugin = plugin(ctx);
        try {
            ProfileDetailResponse created = service.create(plugin, body);
            ctx.status(201).header("Location", Locations.of(ctx, "profiles", plugin.key(), created.id().toString()))
                    .json(created);
        } catch (ProfileException e) {
            throw ProfileFailures.answer(ctx, e);
        } catch (ProfileService.Conflict e) {
            throw new ConflictResponse(e.getMessage());
        }
    }

    void update(Context ctx) {
        var body = Bodies.read(ctx, json, UpdateProfileRequest.class);
        ProfilePlugin<?> plugin = plugin(ctx);
        Optional<UUID> id = id(ctx);
        ctx.json(id.flatMap(i -> service.update(plugin, i, body)).orElseThrow(ProfileController::notFound));
    }

    void delete(Context ctx) {
        ProfilePlugin<?> plugin = plugin(ctx);
        if (!id(ctx).map(id -> service.delete(plugin.key(), id)).orElse(false)) {
            throw notFound();
        }
        ctx.status(204);
    }

    void sync(Context ctx) {
        ProfilePlugin<?> plugin = plugin(ctx);
        Profile profile = id(ctx).flatMap(id -> service.find(plugin.key(), id)).orElseThrow(ProfileController::notFound);
        var job = service.queueSync(profile.id()).orElseThrow(() ->
                new ServiceUnavailableResponse("background jobs are not running in this process"));
        ctx.status(202).header("Location", job.url());
        ctx.json(SyncAcceptedResponse.from(job));
    }

    void startAuthorization(Context ctx) {
        ProfilePlugin<?> plugin = plugin(ctx);
        ProfileAuthorization authorization = authorization(plugin);
        try {
            var started = id(ctx).flatMap(id -> authorizations.start(plugin, authorization, id))
                    .orElseThrow(ProfileController::notFound);
            ctx.json(AuthorizationStartResponse.from(started));
        } catch (ProfileException e) {
            throw ProfileFailures.answer(ctx, e);
        }
    }

    void completeAuthorization(Context ctx) {
        // The body first: a malformed one is refused whatever the path names.
        AuthorizationCallbackRequest body = Bodies.read(ctx, json, AuthorizationCallbackRequest.class).value();
        ProfilePlugin<?> plugin = plugin(ctx);
        ProfileAuthorization authorization = authorization(plugin);
        if (!service.runsJobs()) {
            throw new ServiceUnavailableResponse("background jobs are not running in this process");
        }
        try {
            var job = id(ctx).flatMap(id -> authorizations.complete(plugin, authorization, id, body))
                    .orElseThrow(ProfileController::notFound);
            ctx.status(202).header("Location", job.url());
            ctx.json(SyncAcceptedResponse.from(job));
        } catch (ProfileException e) {
            throw ProfileFailures.answer(ctx, e);
        }
    }

    /** The plugin's authorization; a plugin without one has no such route. */
    private static ProfileAuthorization authorization(ProfilePlugin<?> plugin) {
        return plugin.authorization().orElseThrow(() -> new NotFoundResponse("The " + plugin.displayName()
                + " plugin needs no authorization: it has no OAuth routes", Map.of("error", "No authorization")));
    }

    /** The path's plugin; one that is not installed has no profiles to show. */
    private ProfilePlugin<?> plugin(Context ctx) {
        String key = ctx.pathParam("plugin");
        return service.plugin(key).orElseThrow(() -> new NotFoundResponse("No profile plugin '" + key
                + "' is installed", Map.of("error", "Profile plugin not found")));
    }

    private static int limit(Context ctx) {
        int limit = ctx.queryParamAsClass("limit", Integer.class).getOrDefault(DEFAULT_LIMIT);
        new FieldErrors().check(limit >= 1 && limit <= MAX_LIMIT, "limit", "must be between 1 and " + MAX_LIMIT)
                .throwIfBadRequest();
        return limit;
    }

    private static int offset(Context ctx) {
        int offset = ctx.queryParamAsClass("offset", Integer.class).getOrDefault(0);
        new FieldErrors().check(offset >= 0, "offset", "must be 0 or more").throwIfBadRequest();
        return offset;
    }

    /** The path id; a malformed one cannot name a profile, so it is answered like an unknown one. */
    static Optional<UUID> id(Context ctx) {
        try {
            return Optional.of(UUID.fromString(ctx.pathParam("id")));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static NotFoundResponse notFound() {
        return new NotFoundResponse("Profile not found", Map.of("error", "Profile not found"));
    }
}
