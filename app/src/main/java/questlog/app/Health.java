package questlog.app;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /health}: the process answers (liveness). {@code /health/ready}: the database answers
 * within two seconds (readiness); 503 with the failing checks when not.
 */
final class Health {
    private final Database database;
    private final ProblemMappers problems;

    Health(Database database, ProblemMappers problems) {
        this.database = database;
        this.problems = problems;
    }

    void live(Context ctx) {
        ctx.json(Map.of("status", "ok"));
    }

    void ready(Context ctx) {
        Map<String, String> checks = new LinkedHashMap<>();
        boolean databaseUp = database.isReachable(Duration.ofSeconds(2));
        checks.put("database", databaseUp ? "ok" : "unreachable");
        if (databaseUp) {
            ctx.json(Map.of("status", "ready", "checks", checks));
        } else {
            problems.write(ctx, ProblemMappers.problem(503, "not-ready", "Not ready: the database is unreachable", ctx,
                    null, Map.of("checks", checks)));
        }
    }
}
