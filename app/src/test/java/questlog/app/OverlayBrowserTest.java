package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The overlay page in a real headless Chromium, served by the real app: a card for an event
 * written after the page loaded, and one for an event written while the server was restarting
 * (the page reconnects with {@code since=} and gets it from the log); then list changes and a
 * job's progress.
 */
class OverlayBrowserTest {
    @RegisterExtension
    static final TestApp app = new TestApp();

    /** Each card's lines as written (textContent: what CSS shows in capitals stays as it is). */
    static final String CARDS = "Array.from(document.querySelectorAll('.card'))"
            + ".map(c => Array.from(c.children).map(e => e.textContent).filter(t => t).join(' | '))";

    @Test
    void showsACardForANewEventAndForOneWrittenWhileTheServerRestarted() throws Exception {
        assertThat(app.post("/api/games", Map.of("name", "Ōkami")).status()).isEqualTo(201);
        try (var browser = new HeadlessChromium(app.baseUrl() + "/overlay/?duration=120&max=10&theme=glass&position=top-left")) {
            browser.waitFor("document.body.dataset.connected", v -> v.asText().equals("true"), Duration.ofSeconds(30));
            assertThat(browser.evaluate("getComputedStyle(document.body).backgroundColor").asText())
                    .isEqualTo("rgba(0, 0, 0, 0)");
            assertThat(browser.evaluate("document.body.className").asText()).contains("theme-glass", "pos-top-left");
            assertThat(browser.evaluate(CARDS)).as("nothing older is replayed").isEmpty();

            assertThat(app.post("/api/games/okami/playthroughs", Map.of("status", "completed", "completed_at",
                    "2024-05-01", "rating", 9, "playtime_hours", 31.5, "platform", "switch")).status()).isEqualTo(201);
            JsonNode cards = browser.waitFor(CARDS, v -> v.size() == 1, Duration.ofSeconds(20));
            assertThat(cards.get(0).asText()).isEqualTo("Completed! | Ōkami | ★ 9/10 · 31.5 h · on Nintendo Switch");

            app.restart(() -> {
                try {
                    browser.waitFor("document.body.dataset.connected", v -> v.asText().equals("false"), Duration.ofSeconds(20));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                app.appendEvent("questlog:playthrough_started", Map.of("game", "hades", "work", "Hades", "platform", "pc",
                        "status", "playing"));
            });
            cards = browser.waitFor(CARDS, v -> v.size() == 2, Duration.ofSeconds(60));
            assertThat(cards.get(1).asText()).isEqualTo("Now playing | Hades | on pc");
            browser.waitFor("document.body.dataset.connected", v -> v.asText().equals("true"), Duration.ofSeconds(10));

            // A list change, and a job's progress: one card, updated in place, then its end.
            assertThat(app.post("/api/lists", Map.of("name", "Stream picks")).status()).isEqualTo(201);
            assertThat(app.post("/api/lists/stream-picks/entries", Map.of("game", "okami")).status()).isEqualTo(201);
            app.appendEvent("questlog:sync_progress", Map.of("job", "j-1", "type", "igdb_enrich", "done", 1, "total", 4));
            app.appendEvent("questlog:sync_progress", Map.of("job", "j-1", "type", "igdb_enrich", "done", 3, "total", 4));
            cards = browser.waitFor(CARDS, v -> v.size() == 5 && v.get(4).asText().contains("75%"), Duration.ofSeconds(20));
            assertThat(cards.get(2).asText()).isEqualTo("List created | stream-picks");
            assertThat(cards.get(3).asText()).isEqualTo("List added | stream-picks | okami");
            assertThat(cards.get(4).asText()).isEqualTo("Syncing | igdb enrich | 3 / 4 (75%)");
            assertThat(browser.evaluate("document.querySelector('.card.sync .bar > div').style.width").asText()).isEqualTo("75%");
            app.appendEvent("questlog:sync_complete", Map.of("job", "j-1", "type", "igdb_enrich", "result", Map.of()));
            cards = browser.waitFor(CARDS, v -> v.size() == 5 && v.get(4).asText().startsWith("Sync complete"),
                    Duration.ofSeconds(20));
            assertThat(cards.get(4).asText()).isEqualTo("Sync complete | igdb enrich");
        }
    }

    /**
     * A socket the server accepts and then closes at once (here for a type it does not know, 1008)
     * is a failed attempt: the page waits longer each time (0.5, 1, 2, 4 s ...) instead of
     * reconnecting twice a second forever.
     */
    @Test
    void backsOffWhenTheServerClosesEachSocketRightAway() throws Exception {
        try (var browser = new HeadlessChromium(app.baseUrl() + "/overlay/?types=bogus_type")) {
            browser.waitFor("Number(document.body.dataset.retryDelay || 0)", v -> v.asInt() >= 4000, Duration.ofSeconds(20));
        }
    }
}
