package questlog.profiles;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.time.Duration;
import java.util.Map;
import questlog.common.FieldErrors;

/**
 * A plugin's failure as an HTTP answer: an invalid handle is a 422 on {@code handle}; the others
 * keep their reason's status (404, 403, 429, 503, 502) with the plugin's message, and a 429 always
 * says when to come back ({@code Retry-After}: what upstream asked for, else a minute).
 */
final class ProfileFailures {
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofMinutes(1);

    private ProfileFailures() {}

    static RuntimeException answer(Context ctx, ProfileException e) {
        if (e.reason() == ProfileException.Reason.INVALID_HANDLE) {
            new FieldErrors().add("handle", e.getMessage()).throwIfUnprocessable();
        }
        if (e.reason() == ProfileException.Reason.RATE_LIMITED) {
            ctx.header("Retry-After", Long.toString(seconds(e.retryAfter().orElse(DEFAULT_RETRY_AFTER))));
        } else {
            e.retryAfter().ifPresent(wait -> ctx.header("Retry-After", Long.toString(seconds(wait))));
        }
        return new HttpResponseException(e.reason().status(), e.getMessage(), Map.of("reason",
                e.reason().name().toLowerCase(java.util.Locale.ROOT)));
    }

    private static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
