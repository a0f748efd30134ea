package questlog.app;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * {@code /health}: the process answers (liveness). {@code /health/ready}: the database answers
 * within two seconds, the job runner is running and, when REDIS_URL is set, the Redis publisher
 * is connected (readiness); 503 with the failing checks when not. Events written while Redis is
 * away wait in the outbox.
 */
final class Health {
    private final Database database;
    private final Supplier<Optional<Boolean>> redisConnected;
    private final BooleanSupplier jobsRunning;
    private final ProblemMappers problems;

    /** {@code redisConnected}: empty when Redis is not configured. */
    Health(Database database, Supplier<Optional<Boolean>> redisConnected, BooleanSupplier jobsRunning,
           ProblemMappers problems) {
        this.database = database;
        this.redisConnected = redisConnected;
        this.jobsRunning = jobsRunning;
        this.problems = problems;
    }

    void live(Context ctx) {
        ctx.json(Map.of("status", "ok"));
    }

    void ready(Context ctx) {
        Map<String, String> checks = new LinkedHashMap<>();
        boolean databaseUp = database.isReachable(Duration.ofSeconds(2));
        checks.put("database", databaseUp ? "ok" : "unreachable");
        boolean jobsUp = jobsRunning.getAsBoolean();
        checks.put("jobs", jobsUp ? "ok" : "stopped");
        Optional<Boolean> redis = redisConnected.get();
        boolean redisUp = redis.orElse(true);
        redis.ifPresent(up -> checks.put("redis", up ? "ok" : "unreachable"));
        if (databaseUp && jobsUp && redisUp) {
            ctx.json(Map.of("status", "ready", "checks", checks));
        } else {
            String detail = !databaseUp ? "Not ready: the database is unreachable"
                    : !jobsUp ? "Not ready: the job runner is not running" : "Not ready: Redis is unreachable";
            problems.write(ctx, ProblemMappers.problem(503, "not-ready", detail, ctx, null, Map.of("checks", checks)));
        }
    }
}
