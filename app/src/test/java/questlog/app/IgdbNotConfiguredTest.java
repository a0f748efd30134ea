package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Without IGDB credentials, IGDB-only calls answer 503 naming the variables; the rest works. */
class IgdbNotConfiguredTest {
    @RegisterExtension
    static final TestApp app = new TestApp();
    static final SpecChecked api = new SpecChecked(app);

    @Test
    void igdbOnlyCallsSayWhatToSet() {
        for (TestApp.Response answer : new TestApp.Response[] {
                api.post("/api/games", Map.of("igdb_id", 72)),
                api.post("/api/games", Map.of("igdb_query", "Portal 2")),
                api.get("/api/igdb/search?q=portal", "Authorization", "Bearer " + app.writeToken())}) {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(503);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.json().path("detail").asText()).contains("IGDB_CLIENT_ID").contains("IGDB_CLIENT_SECRET");
        }
    }

    @Test
    void manualMetadataStillWorks() {
        var created = api.post("/api/games", Map.of("name", "Manual Entry", "igdb_id", 1234));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("igdb_id").asLong()).isEqualTo(1234);

        var sync = api.put("/api/games/manual-entry/sync", null);
        assertThat(sync.status()).as(sync.toString()).isEqualTo(503);
        assertThat(sync.json().path("detail").asText()).contains("IGDB_CLIENT_ID");
    }
}
