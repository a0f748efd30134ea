package questlog.app;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Cross-origin access from {@code CORS_ORIGINS}: the CORS headers of {@code /api/*} and the
 * origin check of the event socket's upgrade (browsers send {@code Origin} on WebSocket upgrades
 * but apply no CORS to them, so the server has to).
 *
 * <p>Our own small handler rather than Javalin's bundled CORS plugin, which (7.2) echoes the
 * requested methods and headers to a preflight from any origin, answers an actual request from a
 * disallowed origin with status 400 (whatever the route then writes), and answers preflights
 * through the 404/405 error path (a problem content type with an empty body and status 200).
 *
 * <ul>
 * <li>A preflight (OPTIONS with {@code Origin} and {@code Access-Control-Request-Method}) from an
 *     allowed origin is answered here: 204, no body, no content type, the allowed methods, the
 *     requested headers, and {@code Access-Control-Max-Age} ({@value #MAX_AGE_SECONDS} s). Every
 *     write is preflighted (it carries {@code Authorization} and a JSON body), so without a
 *     max-age a page pays a round trip before each write; browsers cap the value themselves
 *     (Chromium at 2 h, Firefox at 24 h). The cost of a long cache is small: a narrowed
 *     {@code CORS_ORIGINS} stops cached preflights only when they expire, but writes still need a
 *     token, and every actual response is checked against the new list, so the page cannot read
 *     it. From any other origin a preflight is a 403 problem with no {@code Access-Control-*}
 *     header.</li>
 * <li>Actual requests from an allowed origin get {@code Access-Control-Allow-Origin} ({@code *}
 *     or the origin) and {@code Access-Control-Expose-Headers} with every header a page reads:
 *     {@value #EXPOSED}. Requests from other origins are served as usual, without CORS headers
 *     (the browser keeps the answer from the page); requests without {@code Origin} are not
 *     cross-origin and get none.</li>
 * <li>With a list of origins, responses {@code Vary: Origin}, since they differ by it.</li>
 * </ul>
 *
 * Entries of {@code CORS_ORIGINS} are origins, {@code scheme://host[:port]}; one without a scheme
 * means https, and a host may start with {@code *.} for every subdomain of the rest.
 */
final class Cors implements Handler {
    static final int MAX_AGE_SECONDS = 86_400;
    static final String EXPOSED = "ETag, X-Request-Id, Location, Retry-After, WWW-Authenticate";
    static final String METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE";

    private final boolean anyOrigin;
    private final List<Origin> origins;
    private final ProblemMappers problems;

    /** {@code configured}: the entries of {@code CORS_ORIGINS}; {@code *} among them allows every origin. */
    Cors(List<String> configured, ProblemMappers problems) {
        this.anyOrigin = configured.contains("*");
        List<Origin> parsed = new ArrayList<>();
        if (!anyOrigin) {
            configured.forEach(entry -> parsed.add(Origin.parse(entry, true)));
        }
        this.origins = List.copyOf(parsed);
        this.problems = problems;
    }

    /** Why an entry of {@code CORS_ORIGINS} is not an origin, or null when it is one (for the config check). */
    static String problemWith(String entry) {
        if (entry.equals("*")) {
            return null;
        }
        try {
            Origin.parse(entry, true);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** Before every request under {@code /api/}. */
    @Override
    public void handle(Context ctx) {
        if (!anyOrigin) {
            ctx.header("Vary", "Origin");
        }
        String origin = ctx.header("Origin");
        if (origin == null) {
            return;
        }
        boolean preflight = ctx.method() == HandlerType.OPTIONS && ctx.header("Access-Control-Request-Method") != null;
        if (!allows(origin)) {
            if (preflight) {
                problems.write(ctx, refusal(ctx, origin));
                ctx.skipRemainingHandlers();
            }
            return;
        }
        ctx.header("Access-Control-Allow-Origin", anyOrigin ? "*" : origin);
        if (preflight) {
            ctx.header("Access-Control-Allow-Methods", METHODS);
            String requested = ctx.header("Access-Control-Request-Headers");
            if (requested != null && !requested.isBlank()) {
                ctx.header("Access-Control-Allow-Headers", requested.strip());
            }
            ctx.header("Access-Control-Max-Age", Integer.toString(MAX_AGE_SECONDS));
            ctx.status(204);
            ctx.res().setContentType(null); // Javalin presets text/plain; a 204 has no content
            ctx.skipRemainingHandlers();
            return;
        }
        ctx.header("Access-Control-Expose-Headers", EXPOSED);
    }

    /**
     * Before the event socket's upgrade: a request with an {@code Origin} outside the list is
     * refused with a 403 problem (the upgrade does not happen); one without {@code Origin} comes
     * from a program, not a page, and is allowed. True if allowed.
     */
    boolean allowsUpgrade(Context ctx) throws java.io.IOException {
        String origin = ctx.header("Origin");
        if (origin == null || allows(origin) || isOwn(ctx, origin)) {
            return true;
        }
        problems.write(ctx, refusal(ctx, origin));
        ctx.skipRemainingHandlers();
        Auth.sendNow(ctx);
        return false;
    }

    /**
     * A page this server served itself (the stream overlay at /overlay/) opens the socket from the
     * server's own origin: same-origin is never a cross-origin request, whatever CORS_ORIGINS says.
     * Browsers set both Origin and Host themselves, so a page cannot pretend to be one.
     */
    private static boolean isOwn(Context ctx, String origin) {
        String host = ctx.header("Host");
        return host != null && (origin.equalsIgnoreCase("http://" + host) || origin.equalsIgnoreCase("https://" + host));
    }

    boolean allows(String origin) {
        if (anyOrigin) {
            return true;
        }
        Origin candidate;
        try {
            candidate = Origin.parse(origin, false);
        } catch (IllegalArgumentException e) {
            return false; // "null" (sandboxed pages, files) and anything malformed
        }
        return origins.stream().anyMatch(allowed -> allowed.matches(candidate));
    }

    private static ProblemDetail refusal(Context ctx, String origin) {
        String shown = origin.length() > 100 ? origin.substring(0, 100) + "…" : origin;
        return ProblemMappers.problem(403, "origin-not-allowed", "The origin " + shown
                + " is not allowed to call this server (see CORS_ORIGINS)", ctx, null, Map.of());
    }

    /** An origin: scheme, host (for an allowed one possibly {@code *.rest}) and port, default ports made explicit. */
    private record Origin(String scheme, String host, int port) {
        static Origin parse(String raw, boolean wildcardAllowed) {
            String value = raw.strip();
            if (!value.contains("://")) {
                value = "https://" + value;
            }
            int hostStart = value.indexOf("://") + 3;
            boolean wildcard = wildcardAllowed && value.startsWith("*.", hostStart);
            if (wildcard) {
                value = value.substring(0, hostStart) + value.substring(hostStart + 2);
            }
            URI uri;
            try {
                uri = new URI(value);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("'" + raw + "' is not an origin (scheme://host[:port])");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IllegalArgumentException("'" + raw + "' is not an http or https origin");
            }
            String path = uri.getRawPath();
            if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                    || uri.getRawFragment() != null || !(path == null || path.isEmpty() || path.equals("/"))) {
                throw new IllegalArgumentException("'" + raw + "' is not an origin (scheme://host[:port], no path)");
            }
            String host = (wildcard ? "*." : "") + uri.getHost().toLowerCase(Locale.ROOT);
            int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
            return new Origin(scheme, host, port);
        }

        boolean matches(Origin other) {
            if (!scheme.equals(other.scheme) || port != other.port) {
                return false;
            }
            return host.startsWith("*.") ? other.host.endsWith(host.substring(1)) : host.equals(other.host);
        }
    }
}
