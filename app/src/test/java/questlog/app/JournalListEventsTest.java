package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.common.EventTypes;

/** Journal and lists writes through the API record their events in the log; refused writes record none. */
class JournalListEventsTest {
    @RegisterExtension
    static final TestApp app = new TestApp();

    @BeforeAll
    static void catalog() {
        var catalog = new Catalog(app.deps().jdbi());
        catalog.game("chrono-trigger", "Chrono Trigger", null);
        catalog.edition("chrono-trigger-ds", "chrono-trigger", "Chrono Trigger DS");
        catalog.game("xenogears", "Xenogears", null);
    }

    static long lastEventId() {
        return app.deps().jdbi().withHandle(h -> h.createQuery("SELECT coalesce(max(id), 0) FROM event").mapTo(Long.class).one());
    }

    /** The events after {@code since}, oldest first. */
    static List<JsonNode> eventsAfter(long since) {
        var response = app.get("/api/events?limit=1000&since=" + since);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        response.json().get("items").forEach(items::add);
        return items;
    }

    @Test
    void completingAPlaythroughRecordsPlaythroughCompleteWithItsPublicFields() {
        long before = lastEventId();
        var started = app.post("/api/games/chrono-trigger/playthroughs",
                Map.of("status", "playing", "started_at", "2026-01-02", "platform", "Nintendo DS"));
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        String id = started.json().get("id").asText();
        var completed = app.patch("/api/playthroughs/" + id, Map.of("status", "completed", "completed_at", "2026-02-11",
                "edition", "chrono-trigger-ds", "playtime_hours", 25, "rating", 10));
        assertThat(completed.status()).as(completed.toString()).isEqualTo(200);

        List<JsonNode> events = eventsAfter(before);
        assertThat(events).extracting(e -> e.get("type").asText())
                .containsExactly(EventTypes.PLAYTHROUGH_STARTED, EventTypes.PLAYTHROUGH_COMPLETE);
        JsonNode payload = events.get(1).get("payload");
        assertThat(payload.get("playthrough_id").asText()).isEqualTo(id);
        assertThat(payload.get("game").asText()).isEqualTo("chrono-trigger");
        assertThat(payload.get("work").asText()).isEqualTo("Chrono Trigger");
        assertThat(payload.get("edition").asText()).isEqualTo("Chrono Trigger DS");
        assertThat(payload.get("platform").asText()).isEqualTo("Nintendo DS");
        assertThat(payload.get("platform_key").asText()).isEqualTo("nds");
        assertThat(payload.get("status").asText()).isEqualTo("completed");
        assertThat(payload.get("completed_at").asText()).isEqualTo("2026-02-11");
        assertThat(payload.get("playtime_hours").decimalValue()).isEqualByComparingTo("25");
        assertThat(payload.get("rating").asInt()).isEqualTo(10);
        assertThat(payload.get("deleted").asBoolean()).isFalse();
        assertThat(payload.has("notes")).as("notes are not part of the event").isFalse();

        long afterComplete = lastEventId();
        assertThat(app.post("/api/playthroughs/" + id + "/sessions", Map.of("minutes", 30)).status()).isEqualTo(201);
        assertThat(app.delete("/api/playthroughs/" + id).status()).isEqualTo(204);
        List<JsonNode> later = eventsAfter(afterComplete);
        assertThat(later).extracting(e -> e.get("type").asText())
                .containsExactly(EventTypes.PLAYTHROUGH_UPDATED, EventTypes.PLAYTHROUGH_UPDATED);
        assertThat(later.get(1).get("payload").get("deleted").asBoolean()).isTrue();
        assertThat(later.get(1).get("payload").get("playthrough_id").asText()).isEqualTo(id);
    }

    @Test
    void aNewPlaythroughIsAddedStartedOrCompleteAndOnlyChangesAreUpdates() {
        long before = lastEventId();
        List<String> ids = new ArrayList<>();
        for (var body : List.of(Map.of("status", "planned"), Map.of("status", "paused"), Map.of("status", "abandoned"),
                Map.of("status", "playing", "started_at", "2026-01-02"),
                Map.of("status", "completed", "completed_at", "2026-01-03"))) {
            var created = app.post("/api/games/xenogears/playthroughs", body);
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            ids.add(created.json().get("id").asText());
        }
        assertThat(app.patch("/api/playthroughs/" + ids.get(0), Map.of("notes", "disc 2 someday")).status()).isEqualTo(200);
        assertThat(app.patch("/api/playthroughs/" + ids.get(0), Map.of("status", "paused")).status()).isEqualTo(200);

        List<JsonNode> events = eventsAfter(before);
        assertThat(events).extracting(e -> e.get("type").asText()).containsExactly(
                EventTypes.PLAYTHROUGH_ADDED, EventTypes.PLAYTHROUGH_ADDED, EventTypes.PLAYTHROUGH_ADDED,
                EventTypes.PLAYTHROUGH_STARTED, EventTypes.PLAYTHROUGH_COMPLETE,
                EventTypes.PLAYTHROUGH_UPDATED, EventTypes.PLAYTHROUGH_UPDATED);
        assertThat(events).extracting(e -> e.get("payload").get("playthrough_id").asText())
                .containsExactly(ids.get(0), ids.get(1), ids.get(2), ids.get(3), ids.get(4), ids.get(0), ids.get(0));
        assertThat(events.get(1).get("payload").get("status").asText()).isEqualTo("paused");
        assertThat(events.get(2).get("payload").get("game").asText()).isEqualTo("xenogears");
    }

    @Test
    void settingOnlyTheCompletionDateRecordsPlaythroughComplete() {
        var started = app.post("/api/games/xenogears/playthroughs", Map.of("started_at", "2026-01-02"));
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        long before = lastEventId();
        var completed = app.patch("/api/playthroughs/" + started.json().get("id").asText(),
                Map.of("completed_at", "2026-03-01"));
        assertThat(completed.status()).as(completed.toString()).isEqualTo(200);
        List<JsonNode> events = eventsAfter(before);
        assertThat(events).extracting(e -> e.get("type").asText()).containsExactly(EventTypes.PLAYTHROUGH_COMPLETE);
        assertThat(events.getFirst().get("payload").get("status").asText()).isEqualTo("completed");
    }

    @Test
    void changingOrDeletingASessionRecordsPlaythroughUpdatedWithTheNewPlaytime() {
        var started = app.post("/api/games/chrono-trigger/playthroughs", Map.of("started_at", "2026-01-02"));
        String id = started.json().get("id").asText();
        String session = app.post("/api/playthroughs/" + id + "/sessions", Map.of("minutes", 60)).json().get("id").asText();
        long before = lastEventId();
        assertThat(app.patch("/api/playthroughs/" + id + "/sessions/" + session, Map.of("minutes", 90)).status())
                .isEqualTo(200);
        assertThat(app.delete("/api/playthroughs/" + id + "/sessions/" + session).status()).isEqualTo(204);
        assertThat(app.patch("/api/playthroughs/" + id + "/sessions/" + session, Map.of("minutes", 90)).status())
                .isEqualTo(404);

        List<JsonNode> events = eventsAfter(before);
        assertThat(events).extracting(e -> e.get("type").asText())
                .containsExactly(EventTypes.PLAYTHROUGH_UPDATED, EventTypes.PLAYTHROUGH_UPDATED);
        assertThat(events.get(0).get("payload").get("playtime_hours").decimalValue()).isEqualByComparingTo("1.5");
        assertThat(events.get(1).get("payload").get("playtime_hours").isNull()).isTrue();
        assertThat(events.get(1).get("payload").get("playthrough_id").asText()).isEqualTo(id);
    }

    @Test
    void deletingAGameRecordsTheCascadesToItsListsAndPlaythroughs() {
        new Catalog(app.deps().jdbi()).game("mother-3", "Mother 3", null);
        assertThat(app.post("/api/lists", Map.of("name", "Ranked Cascade", "is_ranked", true)).status()).isEqualTo(201);
        assertThat(app.post("/api/lists", Map.of("name", "Loose Cascade")).status()).isEqualTo(201);
        assertThat(app.post("/api/lists", Map.of("name", "Secret Cascade", "is_public", false)).status()).isEqualTo(201);
        for (String game : List.of("xenogears", "mother-3", "chrono-trigger")) {
            assertThat(app.post("/api/lists/ranked-cascade/entries", Map.of("game", game)).status()).isEqualTo(201);
        }
        assertThat(app.post("/api/lists/loose-cascade/entries", Map.of("game", "mother-3")).status()).isEqualTo(201);
        assertThat(app.post("/api/lists/secret-cascade/entries", Map.of("game", "mother-3")).status()).isEqualTo(201);
        String run = app.post("/api/games/mother-3/playthroughs", Map.of("completed_at", "2026-01-05")).json()
                .get("id").asText();
        String profile = app.deps().jdbi().withHandle(h -> h.createQuery("""
                        INSERT INTO profile (plugin, account_id, handle, game_id)
                        SELECT 'ffxiv', '8675309', '8675309', id FROM game WHERE slug = 'mother-3' RETURNING id""")
                .mapTo(String.class).one());
        long before = lastEventId();

        assertThat(app.delete("/api/games/mother-3").status()).isEqualTo(204);

        List<JsonNode> events = eventsAfter(before);
        // game_removed, then each module's cascade in module order: the journal's, the lists', the profiles'
        assertThat(events).extracting(e -> e.get("type").asText()).containsExactly(EventTypes.GAME_REMOVED,
                EventTypes.PLAYTHROUGH_UPDATED, EventTypes.LIST_UPDATED, EventTypes.LIST_UPDATED,
                EventTypes.PROFILE_SYNCED);
        JsonNode detached = events.get(4).get("payload");
        assertThat(detached.get("verb").asText()).isEqualTo("updated");
        assertThat(detached.get("profile").asText()).isEqualTo(profile);
        assertThat(detached.path("game").asText(null)).as("the profile stays, without its game").isNull();
        List<String> lists = new ArrayList<>();
        for (JsonNode e : events.subList(2, 4)) {
            lists.add(e.at("/payload/list").asText());
            assertThat(e.at("/payload/verb").asText()).isEqualTo("removed");
            assertThat(e.at("/payload/entries/0").asText()).isEqualTo("mother-3");
        }
        assertThat(lists).as("the private list's change is not on the public stream")
                .containsExactlyInAnyOrder("ranked-cascade", "loose-cascade");
        JsonNode removedRun = events.get(1).get("payload");
        assertThat(removedRun.get("playthrough_id").asText()).isEqualTo(run);
        assertThat(removedRun.get("deleted").asBoolean()).isTrue();
        assertThat(removedRun.get("game").asText()).isEqualTo("mother-3");

        JsonNode ranked = app.get("/api/lists/ranked-cascade").json();
        assertThat(ranked.get("entries")).extracting(e -> e.get("work_slug").asText() + "@" + e.get("position").asInt())
                .containsExactly("xenogears@1", "chrono-trigger@2");
        var secretHistory = app.get("/api/lists/secret-cascade/activity?limit=1", "Authorization", "Bearer " + app.writeToken());
        assertThat(secretHistory.json().get(0).get("verb").asText()).isEqualTo("removed");
    }

    @Test
    void refusedWritesRecordNoEvent() {
        var created = app.post("/api/games/xenogears/playthroughs", Map.of("status", "planned"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asText();
        long before = lastEventId();

        assertThat(app.patch("/api/playthroughs/" + id, Map.of("status", "completed", "rating", 11)).status()).isEqualTo(422);
        assertThat(app.post("/api/games/xenogears/playthroughs", Map.of("status", "completed")).status()).isEqualTo(422);
        assertThat(app.post("/api/playthroughs/" + id + "/sessions", Map.of("minutes", 0)).status()).isEqualTo(422);
        assertThat(app.post("/api/lists", Map.of("name", "Refusals")).status()).isEqualTo(201);
        long afterList = lastEventId();
        assertThat(app.post("/api/lists/refusals/entries", Map.of("game", "no-such-game")).status()).isEqualTo(404);

        assertThat(eventsAfter(afterList)).isEmpty();
        assertThat(eventsAfter(before)).extracting(e -> e.get("type").asText()).containsExactly(EventTypes.LIST_UPDATED);
    }

    @Test
    void addingAnEntryToAListRecordsListUpdatedWithVerbAdded() {
        assertThat(app.post("/api/lists", Map.of("name", "Favourites", "is_ranked", true)).status()).isEqualTo(201);
        long before = lastEventId();
        var added = app.post("/api/lists/favourites/entries", Map.of("game", "chrono-trigger"));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);

        List<JsonNode> events = eventsAfter(before);
        assertThat(events).hasSize(1);
        assertThat(events.getFirst().get("type").asText()).isEqualTo(EventTypes.LIST_UPDATED);
        JsonNode payload = events.getFirst().get("payload");
        assertThat(payload.get("list").asText()).isEqualTo("favourites");
        assertThat(payload.get("verb").asText()).isEqualTo("added");
        assertThat(payload.get("entries")).hasSize(1);
        assertThat(payload.get("entries").get(0).asText()).isEqualTo("chrono-trigger");
    }
}
