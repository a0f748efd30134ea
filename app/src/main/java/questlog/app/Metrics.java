package questlog.app;

import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus metrics: JVM, connection pool (HikariCP's own), HTTP requests by method, route
 * template and status, and what app registers besides (read cache, relay lag, jobs, IGDB).
 */
final class Metrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final java.util.concurrent.ConcurrentHashMap<String, Timer> timers = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.List<Runnable> beforeScrape = new java.util.concurrent.CopyOnWriteArrayList<>();

    Metrics() {
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    MeterRegistry registry() {
        return registry;
    }

    /** Records one finished request under its route template, never its raw path (bounded cardinality). */
    void record(Context ctx, float millis) {
        record(HeadRequests.method(ctx), Routes.template(ctx), ctx.statusCode(), millis);
    }

    void record(String method, String route, int status, float millis) {
        // Looked up by a plain string first: building the meter id on every request costs more
        // than the rest of a cached answer.
        timers.computeIfAbsent(method + ' ' + status + ' ' + route, key -> Timer.builder("http_server_requests")
                        .tag("method", method)
                        .tag("route", route)
                        .tag("status", Integer.toString(status))
                        .register(registry))
                .record((long) (millis * 1000), TimeUnit.MICROSECONDS);
    }

    /**
     * A gauge with one series per key of what {@code read} answers (e.g. one per relay channel),
     * read afresh at each scrape: series for keys that are gone disappear.
     */
    void gaugesByKey(String name, String description, String tag, java.util.function.Supplier<java.util.Map<String, ? extends Number>> read) {
        MultiGauge gauge = MultiGauge.builder(name).description(description).register(registry);
        beforeScrape.add(() -> gauge.register(read.get().entrySet().stream()
                .map(e -> MultiGauge.Row.of(Tags.of(tag, e.getKey()), e.getValue()))
                .toList(), true));
    }

    void scrape(Context ctx) {
        for (Runnable refresh : beforeScrape) {
            try {
                refresh.run();
            } catch (RuntimeException e) {
                // A gauge that cannot be read now (the database is away) keeps its last values.
            }
        }
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape());
    }
}
