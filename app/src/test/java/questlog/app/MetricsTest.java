package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What /metrics tells an operator: requests by route template, the read cache, relay lag, jobs, the pool. */
class MetricsTest {
    @RegisterExtension
    static final TestApp app = new TestApp(Map.of("QUESTLOG_WEBHOOK_ALLOW_PRIVATE", "true"));

    static String scrape() {
        var response = app.get("/metrics");
        assertThat(response.status()).isEqualTo(200);
        return response.body();
    }

    /** The value of the first sample whose line starts with {@code series}. */
    static double sample(String scraped, String series) {
        return scraped.lines().filter(l -> l.startsWith(series + " ") || l.startsWith(series + "{")
                        && l.substring(0, l.lastIndexOf(' ')).equals(series))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst().orElse(Double.NaN);
    }

    @Test
    void requestsAreCountedByRouteTemplateNotByPath() {
        assertThat(app.post("/api/games", Map.of("name", "Okami")).status()).isEqualTo(201);
        assertThat(app.post("/api/games", Map.of("name", "Hades")).status()).isEqualTo(201);
        assertThat(app.get("/api/games/okami").status()).isEqualTo(200);
        assertThat(app.get("/api/games/hades").status()).isEqualTo(200);
        assertThat(app.get("/api/games/nothing-here").status()).isEqualTo(404);

        String metrics = scrape();
        assertThat(metrics).contains("route=\"/api/games/{slug}\"").doesNotContain("route=\"/api/games/okami\"")
                .doesNotContain("route=\"/api/*\"");
        assertThat(sample(metrics,
                "http_server_requests_seconds_count{method=\"GET\",route=\"/api/games/{slug}\",status=\"200\"}"))
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void theReadCacheCountsHitsAndMisses() {
        double hitsBefore = sample(scrape(), "questlog_read_cache_hits_total");
        double missesBefore = sample(scrape(), "questlog_read_cache_misses_total");
        app.get("/api/franchises");   // computed (the first time since the last change)
        app.get("/api/franchises");   // from the cache
        app.get("/api/franchises");
        String metrics = scrape();
        assertThat(sample(metrics, "questlog_read_cache_misses_total")).isGreaterThanOrEqualTo(missesBefore + 1);
        assertThat(sample(metrics, "questlog_read_cache_hits_total")).isGreaterThanOrEqualTo(hitsBefore + 2);
        assertThat(sample(metrics, "questlog_read_cache_bytes")).isPositive();
    }

    @Test
    void relayLagJobsAndThePoolAreThere() {
        // A webhook nobody answers stays behind: its lag shows on the channel of its own.
        var webhook = app.post("/api/webhooks", Map.of("url", "http://127.0.0.1:9/unanswered"));
        assertThat(webhook.status()).isEqualTo(201);
        String id = webhook.json().get("id").asText();
        assertThat(app.post("/api/games", Map.of("name", "Celeste")).status()).isEqualTo(201);

        String metrics = scrape();
        assertThat(metrics).contains("questlog_relay_lag_events{channel=\"websocket\"}")
                .contains("questlog_relay_lag_events{channel=\"webhook:" + id + "\"}");
        assertThat(sample(metrics, "questlog_relay_lag_events{channel=\"webhook:" + id + "\"}")).isGreaterThanOrEqualTo(1);
        for (String state : new String[] {"queued", "running", "succeeded", "failed", "cancelled"}) {
            assertThat(metrics).contains("questlog_jobs{state=\"" + state + "\"}");
        }
        assertThat(metrics).contains("hikaricp_connections_active").contains("hikaricp_connections_max");
        app.delete("/api/webhooks/" + id);
    }
}
