package questlog.upstream;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import okhttp3.Headers;
import okhttp3.HttpUrl;

/**
 * One upstream answer, read in full: what a {@link ResponseCheck} judges and what
 * {@link UpstreamClient#execute} returns once it passed. {@code body} is the text whatever the
 * status (HTML error pages included), so callers never assume JSON.
 */
public record UpstreamResponse(String upstream, HttpUrl url, int status, Headers headers, String body) {

    public boolean isSuccessful() {
        return status >= 200 && status < 300;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    /**
     * {@code Retry-After} as a wait: delta-seconds or an HTTP date (RFC 9110); empty when absent
     * or unreadable. A date in the past is a wait of zero.
     */
    public Optional<Duration> retryAfter() {
        return header("Retry-After").flatMap(UpstreamResponse::parseRetryAfter);
    }

    static Optional<Duration> parseRetryAfter(String value) {
        String v = value.strip();
        try {
            long seconds = Long.parseLong(v);
            return seconds >= 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(Instant.now(), at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}
