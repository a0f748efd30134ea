package questlog.profiles.steam.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.BadGatewayResponse;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HttpResponseException;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.ServiceUnavailableResponse;
import questlog.common.Bodies;
import questlog.common.FieldErrors;
import questlog.profiles.steam.SteamException;

/** {@code POST /api/sync/steam}: checks the account with Steam, then queues the sync. */
final class SteamSyncController {
    private final SteamLibrary library;
    private final ObjectMapper json;

    SteamSyncController(SteamLibrary library, ObjectMapper json) {
        this.library = library;
        this.json = json;
    }

    void create(Context ctx) {
        SteamSyncRequest body = Bodies.read(ctx, json, SteamSyncRequest.class).value();
        String handle = body.steamId() == null ? null : body.steamId().strip();
        new FieldErrors().check(handle != null && SteamAccounts.wellFormed(handle), "steam_id",
                "must be a SteamID64 (17 digits, 7656119...) or a custom profile URL name (2 to 32 letters, digits,"
                        + " '_' or '-')").throwIfUnprocessable();
        SteamSyncAccepted accepted;
        try {
            accepted = library.submit(handle, Boolean.TRUE.equals(body.dryRun()));
        } catch (SteamException e) {
            throw answer(ctx, e);
        }
        ctx.status(202).header("Location", accepted.url());
        ctx.json(accepted);
    }

    /** Steam's failures as answers: unknown 404, private 403, throttled 429, down 503, refused key or bad answer 502. */
    static HttpResponseException answer(Context ctx, SteamException e) {
        return switch (e) {
            case SteamException.NotFound missing -> new NotFoundResponse(missing.getMessage());
            case SteamException.PrivateProfile hidden -> new ForbiddenResponse(hidden.getMessage());
            case SteamException.RateLimited limited -> {
                ctx.header("Retry-After", String.valueOf(limited.retryAfter().map(d -> Math.max(1, d.toSeconds()))
                        .orElse(60L)));
                yield new HttpResponseException(429, "Steam is rate limiting this server; try again later");
            }
            case SteamException.UpstreamDown down -> new ServiceUnavailableResponse("Steam is unavailable: "
                    + down.getMessage());
            case SteamException.BadCredentials refused -> new BadGatewayResponse(refused.getMessage());
            case SteamException.BadResponse bad -> new BadGatewayResponse(
                    "Steam sent an answer Questlog could not use (" + bad.getMessage() + "); nothing was changed");
        };
    }
}
