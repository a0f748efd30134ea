package questlog.common;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * One check of {@code /health/ready} besides the database's: while {@code ok} says false the
 * server answers 503, naming the check.
 *
 * @param name    the key in the answer's {@code checks}, e.g. {@code "redis"}
 * @param ok      a quick, non-blocking test
 * @param failure the check's value when it fails, e.g. {@code "unreachable"}
 * @param detail  the sentence of the 503, e.g. {@code "Not ready: Redis is unreachable"}
 */
public record HealthCheck(String name, BooleanSupplier ok, String failure, String detail) {
    public HealthCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(ok, "ok");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(detail, "detail");
    }
}
