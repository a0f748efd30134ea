package questlog.app;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.security.RouteRole;
import java.util.List;
import java.util.Map;
import java.util.Set;
import questlog.common.Access;

/**
 * The single access check, run before every matched route and before every WebSocket upgrade.
 * Routes carry an {@link Access} role: WRITE needs a token with the write scope; READ needs a
 * token with the read scope only when reads are private; PUBLIC is always open. A missing or
 * unknown token is a 401 whose body keeps the original API's {@code {"detail": "Unauthorized"}};
 * a valid token without the needed scope is a 403. A request whose token has the read scope is
 * marked as a reader ({@link #isReader}), which lets it see private data such as private lists;
 * an invalid token on an open read is ignored (the request is anonymous). Browsers cannot set
 * headers on a WebSocket, so an upgrade may carry the token as {@code ?token=} instead.
 */
final class Auth implements Handler {
    private static final String READER = "questlog.reader";

    private final ApiTokens tokens;
    private final boolean privateReads;
    private final ProblemMappers problems;

    Auth(ApiTokens tokens, boolean privateReads, ProblemMappers problems) {
        this.tokens = tokens;
        this.privateReads = privateReads;
        this.problems = problems;
    }

    @Override
    public void handle(Context ctx) {
        check(ctx, bearer(ctx.header("Authorization")));
    }

    /**
     * The same check before a WebSocket upgrade. Javalin does not write a result there, so a
     * refusal's problem body is written to the response directly (the upgrade does not happen).
     */
    void upgrade(Context ctx) throws java.io.IOException {
        String secret = bearer(ctx.header("Authorization"));
        if (secret == null) {
            String query = ctx.queryParam("token");
            secret = query == null || query.isBlank() ? null : query.strip();
        }
        if (!check(ctx, secret)) {
            sendNow(ctx);
        }
    }

    /** Writes the result set so far straight to the response: before an upgrade Javalin would not. */
    static void sendNow(Context ctx) throws java.io.IOException {
        try (var body = ctx.resultInputStream()) {
            if (body != null) {
                ctx.res().getOutputStream().write(body.readAllBytes());
            }
        }
    }

    /** True if allowed; otherwise the problem is the response and remaining handlers are skipped. */
    private boolean check(Context ctx, String secret) {
        Access needed = required(ctx.routeRoles());
        if (needed == Access.PUBLIC) {
            return true;
        }
        List<String> scopes = secret == null ? List.of() : tokens.scopesOf(secret);
        if (scopes.contains("read")) {
            ctx.attribute(READER, Boolean.TRUE);
        }
        if (needed == Access.READ && !privateReads) {
            return true;
        }
        String scope = needed == Access.WRITE ? "write" : "read";
        if (scopes.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"questlog\"");
            problems.write(ctx, ProblemMappers.problem(401, null, "Unauthorized", ctx, null, Map.of()));
            ctx.skipRemainingHandlers();
            return false;
        } else if (!scopes.contains(scope)) {
            problems.write(ctx, ProblemMappers.problem(403, null, "This token lacks the '" + scope + "' scope", ctx, null, Map.of()));
            ctx.skipRemainingHandlers();
            return false;
        }
        return true;
    }

    /** True when the request carried a valid token with the read scope (checked by {@link #handle}). */
    static boolean isReader(Context ctx) {
        return Boolean.TRUE.equals(ctx.attribute(READER));
    }

    /** Untagged routes are reads; the strictest tag wins. */
    static Access required(Set<RouteRole> roles) {
        if (roles.contains(Access.WRITE)) {
            return Access.WRITE;
        }
        if (roles.isEmpty() || roles.contains(Access.READ)) {
            return Access.READ;
        }
        return Access.PUBLIC;
    }

    private static String bearer(String header) {
        if (header == null) {
            return null;
        }
        String value = header.strip();
        if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = value.substring(7).strip();
            return token.isEmpty() ? null : token;
        }
        return null;
    }
}
