package questlog.library.igdb;

import io.javalin.http.BadGatewayResponse;
import io.javalin.http.GatewayTimeoutResponse;
import io.javalin.http.HttpResponseException;
import io.javalin.http.ServiceUnavailableResponse;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The library's way to IGDB from a request: the client when credentials are configured, and the
 * HTTP answer for each way IGDB can fail. Without credentials every IGDB-only route answers 503
 * naming the variables to set; the rest of the library works with manual metadata.
 */
public final class IgdbGateway {
    static final String NOT_CONFIGURED = "IGDB is not configured: set IGDB_CLIENT_ID and IGDB_CLIENT_SECRET "
            + "(a Twitch application's client id and secret) and restart Questlog";

    private final Optional<IgdbClient> client;

    public IgdbGateway(Optional<IgdbClient> client) {
        this.client = client;
    }

    boolean configured() {
        return client.isPresent();
    }

    /** The client, or a 503 problem that says which variables to set. */
    IgdbClient require() {
        return client.orElseThrow(() -> new ServiceUnavailableResponse(NOT_CONFIGURED));
    }

    /** Runs an IGDB call for a request, turning IGDB's failures into clear 502/503/504 answers. */
    public <T> T call(Function<IgdbClient, T> work) {
        IgdbClient igdb = require();
        try {
            return work.apply(igdb);
        } catch (IgdbException e) {
            throw answer(e);
        }
    }

    static HttpResponseException answer(IgdbException e) {
        return switch (e) {
            case IgdbException.BadCredentials bad -> new BadGatewayResponse(
                    "IGDB refused Questlog's credentials: " + bad.getMessage());
            case IgdbException.RateLimited limited -> new ServiceUnavailableResponse(
                    "IGDB is rate limiting requests; try again in a few seconds",
                    limited.retryAfter().map(d -> Map.of("retry_after_seconds", String.valueOf(d.toSeconds())))
                            .orElse(Map.of()));
            case IgdbException.UpstreamDown down when down.getMessage().contains("did not answer") ->
                    new GatewayTimeoutResponse("IGDB did not answer in time; try again later");
            case IgdbException.UpstreamDown down -> new BadGatewayResponse("IGDB is unavailable: " + down.getMessage());
            case IgdbException.BadResponse bad -> new BadGatewayResponse(
                    "IGDB sent an answer Questlog could not use (" + bad.getMessage() + "); nothing was changed");
            case IgdbException.NotFound missing -> new BadGatewayResponse(missing.getMessage());
        };
    }
}
