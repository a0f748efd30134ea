package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The profiles module as the module contract plugs it in: its route and OpenAPI operation, its
 * member of the game detail, and its sections of Questlog's export, which round-trip.
 */
class ProfilesModuleTest {
    @RegisterExtension
    static final TestApp app = new TestApp();
    @RegisterExtension
    static final TestApp empty = new TestApp();
    static final SpecChecked api = new SpecChecked(app);

    @BeforeAll
    static void aProfileWithHistory() {
        assertThat(app.post("/api/games", Map.of("name", "Final Fantasy XIV")).status()).isEqualTo(201);
        app.deps().jdbi().useHandle(h -> h.execute("""
                INSERT INTO profile (id, plugin, account_id, handle, display_name, game_id, settings, data, synced_at,
                                     created_at, updated_at)
                SELECT '00000000-0000-4000-8000-00000000f001', 'ffxiv', '12345678', 'Tataru Taru@Gilgamesh', 'Tataru Taru',
                       id, '{"world": "Gilgamesh"}', '{"jobs": {"dancer": 100}, "mounts": 212}',
                       '2026-03-01T10:00:00.123456Z', '2026-01-01T00:00:00Z', '2026-03-01T10:00:00.123456Z'
                FROM game WHERE slug = 'final-fantasy-xiv';
                INSERT INTO profile (id, plugin, account_id, handle, created_at, updated_at)
                VALUES ('00000000-0000-4000-8000-00000000f002', 'steam', '76561197960287930', 'gabelogannewell',
                        '2026-02-01T00:00:00Z', '2026-02-01T00:00:00Z');
                INSERT INTO profile_snapshot (id, profile_id, taken_at, data, changes, created_at, updated_at)
                VALUES ('00000000-0000-4000-8000-00000000f101', '00000000-0000-4000-8000-00000000f001',
                        '2026-03-01T10:00:00.123456Z', '{"jobs": {"dancer": 100}, "mounts": 212}',
                        '[{"kind": "level", "summary": "Dancer reached level 100"}]',
                        '2026-03-01T10:00:00.123456Z', '2026-03-01T10:00:00.123456Z')"""));
    }

    @Test
    void profilesAreListedAndShownOnTheirGame() {
        JsonNode page = api.get("/api/profiles").json();
        assertThat(page.get("total").asInt()).isEqualTo(2);
        assertThat(page.at("/items/0/plugin").asText()).isEqualTo("ffxiv");
        assertThat(page.at("/items/0/game/slug").asText()).isEqualTo("final-fantasy-xiv");
        assertThat(page.at("/items/0/data/mounts").asInt()).isEqualTo(212);
        assertThat(page.at("/items/1/game").isNull()).as("an account that spans games").isTrue();

        JsonNode game = api.get("/api/games/final-fantasy-xiv").json();
        assertThat(game.get("profiles")).hasSize(1);
        assertThat(game.at("/profiles/0/display_name").asText()).isEqualTo("Tataru Taru");
        assertThat(game.get("playthroughs")).isEmpty();
    }

    @Test
    void theExportCarriesProfilesAndTheirHistoryAndRoundTrips() {
        var exported = app.get("/api/export", "Authorization", "Bearer " + app.writeToken());
        assertThat(exported.status()).isEqualTo(200);
        JsonNode doc = exported.json();
        assertThat(doc.get("format").asText()).isEqualTo("questlog-export");
        assertThat(doc.get("profiles")).hasSize(2);
        assertThat(doc.at("/profiles/0/synced_at").asText()).isEqualTo("2026-03-01T10:00:00.123456Z");
        assertThat(doc.at("/profile_snapshots/0/changes/0/summary").asText()).isEqualTo("Dancer reached level 100");

        var imported = empty.post("/api/import", exported.bytes());
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(imported.json().at("/sections/profiles/created").asInt()).isEqualTo(2);
        var again = empty.get("/api/export", "Authorization", "Bearer " + empty.writeToken());
        assertThat(again.body()).isEqualTo(exported.body());

        var bench = app.get("/api/export?format=questlog-bench-dataset", "Authorization", "Bearer " + app.writeToken());
        assertThat(bench.json().has("profiles")).as("the shared bench format has no profiles").isFalse();
    }
}
