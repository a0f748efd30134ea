package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.testsupport.FakeIgdb;
import questlog.testsupport.FakeIgdbCatalog;

/**
 * The gist import with IGDB configured (a local IGDB speaking its wire format): a name the library
 * does not know is asked of IGDB; a game of that IGDB id already in the library is matched, a
 * new one is created with the id recorded, and a name IGDB knows as two games is not guessed.
 */
class GistImportIgdbTest {
    static final FakeIgdb fake = FakeIgdb.start(FakeIgdbCatalog.realistic());

    @RegisterExtension
    static final TestApp app = new TestApp(IgdbRoutesTest.igdbEnv(fake));

    @AfterAll
    static void stopFake() throws Exception {
        fake.close();
    }

    @Test
    void namesUnknownHereAreMatchedThroughIgdb() {
        assertThat(app.post("/api/games", Map.of("name", "Portal (2007)", "igdb_id", 71)).status()).isEqualTo(201);
        String gist = """
                ## Valve
                - Portal (PC)
                - Half-Life 2
                ## Other
                - Resident Evil (PS1)
                - A Game IGDB Never Heard Of
                """;
        TestApp.Response response = app.send("POST", "/api/import/gist", gist, "Authorization", "Bearer " + app.writeToken());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode report = response.json();
        assertThat(report.toString()).contains("portal-2007, through IGDB (igdb_id 71)");
        assertThat(report.at("/matched/games").asInt()).isEqualTo(1);
        assertThat(report.at("/created/games").asInt()).isEqualTo(3);
        assertThat(app.get("/api/playthroughs?game=portal-2007").json().get("total").asInt()).isEqualTo(1);
        assertThat(app.get("/api/games/half-life-2").json().get("igdb_id").isNumber()).isTrue();
        assertThat(app.get("/api/games/resident-evil").json().get("igdb_id").isNull()).isTrue();
        assertThat(app.get("/api/games/a-game-igdb-never-heard-of").json().get("igdb_id").isNull()).isTrue();
    }
}
