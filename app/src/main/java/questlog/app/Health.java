package questlog.app;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import questlog.common.HealthCheck;

/**
 * {@code /health}: the process answers (liveness). {@code /health/ready}: the database answers
 * within two seconds and every module's {@link HealthCheck} passes (the job runner runs; with
 * REDIS_URL, Redis is connected); 503 with the failing checks when not. Events written while
 * Redis is away wait in the outbox.
 */
final class Health {
    private final Database database;
    private final List<HealthCheck> checks;
    private final ProblemMappers problems;

    Health(Database database, List<HealthCheck> checks, ProblemMappers problems) {
        this.database = database;
        this.checks = List.copyOf(checks);
        this.problems = problems;
    }

    void live(Context ctx) {
        ctx.json(Map.of("status", "ok"));
    }

    void ready(Context ctx) {
        Map<String, String> results = new LinkedHashMap<>();
        String failure = null;
        if (database.isReachable(Duration.ofSeconds(2))) {
            results.put("database", "ok");
        } else {
            results.put("database", "unreachable");
            failure = "Not ready: the database is unreachable";
        }
        for (HealthCheck check : checks) {
            boolean ok = check.ok().getAsBoolean();
            results.put(check.name(), ok ? "ok" : check.failure());
            if (!ok && failure == null) {
                failure = check.detail();
            }
        }
        if (failure == null) {
            ctx.json(Map.of("status", "ready", "checks", results));
        } else {
            problems.write(ctx, ProblemMappers.problem(503, "not-ready", failure, ctx, null, Map.of("checks", results)));
        }
    }
}
