package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The journal's playthrough and session routes, through the real app. */
class PlaythroughRoutesTest {
    @RegisterExtension
    static final TestApp app = new TestApp(Map.of(), new TickingClock(Instant.parse("2026-01-01T00:00:00Z")));
    static final SpecChecked api = new SpecChecked(app);

    @BeforeAll
    static void catalog() {
        var catalog = new Catalog(app.deps().jdbi());
        catalog.game("okami", "Ōkami", null);
        catalog.edition("okami-hd", "okami", "Ōkami HD");
        catalog.game("celeste", "Celeste", null);
        catalog.game("hades", "Hades", null);
        catalog.game("tunic", "Tunic", null);
    }

    static Map<String, Object> body(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    static JsonNode created(String game, Object... pairs) {
        var response = api.post("/api/games/" + game + "/playthroughs", body(pairs));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }

    static void assertProblem(TestApp.Response response, int status, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        List<String> fields = new ArrayList<>();
        response.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
        assertThat(fields).as(response.toString()).contains(field);
    }

    @Test
    void createsAPlaythroughWithEveryFieldShown() {
        JsonNode p = created("okami", "edition", "okami-hd", "platform", "PS3", "started_at", "2025-03-01",
                "completed_at", "2025-04-02", "playtime_hours", 41.5, "rating", 9, "completion", "100%",
                "notes", "  Brush techniques!  ", "source", "manual");
        assertThat(p.path("id").asText()).hasSize(36);
        assertThat(p.path("game").path("slug").asText()).isEqualTo("okami");
        assertThat(p.path("game").path("name").asText()).isEqualTo("Ōkami");
        assertThat(p.path("edition").path("slug").asText()).isEqualTo("okami-hd");
        assertThat(p.path("edition").path("name").asText()).isEqualTo("Ōkami HD");
        assertThat(p.path("platform").asText()).isEqualTo("PlayStation 3");
        assertThat(p.path("platform_key").asText()).isEqualTo("ps3");
        assertThat(p.path("status").asText()).isEqualTo("completed");
        assertThat(p.path("started_at").asText()).isEqualTo("2025-03-01");
        assertThat(p.path("completed_at").asText()).isEqualTo("2025-04-02");
        assertThat(p.path("playtime_minutes").asInt()).isEqualTo(2490);
        assertThat(p.path("playtime_hours").decimalValue()).isEqualByComparingTo("41.5");
        assertThat(p.path("rating").asInt()).isEqualTo(9);
        assertThat(p.path("completion").asText()).isEqualTo("100%");
        // Text is stored exactly as sent (only blank text means "none").
        assertThat(p.path("notes").asText()).isEqualTo("  Brush techniques!  ");
        assertThat(p.path("source").asText()).isEqualTo("manual");
        assertThat(p.path("source_ref").isNull()).isTrue();
        assertThat(p.path("session_count").asInt()).isZero();
        assertThat(p.path("created_at").asText()).matches("2026-01-01T00:\\d\\d:\\d\\dZ");
        List<String> names = new ArrayList<>();
        p.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("id", "game", "edition", "platform", "platform_key", "status", "started_at", "completed_at",
                "playtime_minutes", "playtime_hours", "rating", "completion", "notes", "source", "source_ref",
                "session_count", "created_at", "updated_at");
    }

    @Test
    void everySpellingOfAPlatformIsOneKeyWithADisplayName() {
        for (String spelling : List.of("PS4", "ps4", "PlayStation 4", " playstation  4 ", "PS-4")) {
            JsonNode p = created("tunic", "platform", spelling);
            assertThat(p.path("platform").asText()).as(spelling).isEqualTo("PlayStation 4");
            assertThat(p.path("platform_key").asText()).as(spelling).isEqualTo("ps4");
        }
        // an unknown platform is kept, named as first written (spaces collapsed), under a key of its own
        JsonNode jaguar = created("tunic", "platform", "Atari  Jaguar");
        assertThat(jaguar.path("platform").asText()).isEqualTo("Atari Jaguar");
        assertThat(jaguar.path("platform_key").asText()).isEqualTo("atari-jaguar");
        JsonNode again = created("tunic", "platform", "ATARI JAGUAR");
        assertThat(again.path("platform").asText()).isEqualTo("Atari Jaguar");
        assertThat(again.path("platform_key").asText()).isEqualTo("atari-jaguar");
        // a PATCH of another field keeps the platform; a PATCH of the platform takes any spelling
        String id = jaguar.path("id").asText();
        assertThat(api.patch("/api/playthroughs/" + id, body("rating", 5)).json().path("platform_key").asText())
                .isEqualTo("atari-jaguar");
        assertThat(api.patch("/api/playthroughs/" + id, body("platform", "switch")).json().path("platform").asText())
                .isEqualTo("Nintendo Switch");
        assertThat(api.patch("/api/playthroughs/" + id, body("platform", null)).json().path("platform").isNull()).isTrue();
        // the filter takes any spelling too
        assertThat(api.get("/api/games/tunic/playthroughs?platform=PlayStation%204").json().path("total").asInt())
                .isEqualTo(5);
        assertThat(api.get("/api/games/tunic/playthroughs?platform=atari-jaguar").json().path("total").asInt())
                .isEqualTo(1);
        assertProblem(api.post("/api/games/tunic/playthroughs", body("platform", "x".repeat(101))), 422, "platform");

        // GET /api/platforms lists every platform with its key, name and playthroughs
        var platforms = api.get("/api/platforms?limit=5000");
        assertThat(platforms.status()).as(platforms.toString()).isEqualTo(200);
        Map<String, JsonNode> byKey = new LinkedHashMap<>();
        platforms.json().path("items").forEach(p -> byKey.put(p.path("key").asText(), p));
        assertThat(byKey.get("ps4").path("name").asText()).isEqualTo("PlayStation 4");
        assertThat(byKey.get("ps4").path("known").asBoolean()).isTrue();
        assertThat(byKey.get("ps4").path("playthroughs").asInt()).isEqualTo(5);
        assertThat(byKey.get("atari-jaguar").path("known").asBoolean()).isFalse();
        assertThat(byKey.get("atari-jaguar").path("playthroughs").asInt()).isEqualTo(1);
        assertThat(platforms.json().path("total").asInt()).isEqualTo(byKey.size());
        assertThat(api.get("/api/platforms?limit=0").status()).isEqualTo(400);
    }

    @Test
    void theStatusFollowsTheDatesWhenNotGiven() {
        assertThat(created("celeste").path("status").asText()).isEqualTo("planned");
        assertThat(created("celeste", "started_at", "2025-01-01").path("status").asText()).isEqualTo("playing");
        assertThat(created("celeste", "completed_at", "2025-01-02").path("status").asText()).isEqualTo("completed");
        JsonNode empty = created("celeste", "platform", "", "notes", "");
        assertThat(empty.path("platform").isNull()).isTrue();
        assertThat(empty.path("notes").isNull()).isTrue();
        assertThat(empty.path("edition").isNull()).isTrue();
        assertThat(empty.path("playtime_minutes").isNull()).isTrue();
        assertThat(empty.path("playtime_hours").isNull()).isTrue();
    }

    @Test
    void rulesAreUnprocessableAndNameTheField() {
        assertProblem(api.post("/api/games/hades/playthroughs",
                body("started_at", "2025-05-02", "completed_at", "2025-05-01")), 422, "completed_at");
        assertProblem(api.post("/api/games/hades/playthroughs", body("rating", 11)), 422, "rating");
        assertProblem(api.post("/api/games/hades/playthroughs", body("rating", 0)), 422, "rating");
        assertProblem(api.post("/api/games/hades/playthroughs", body("status", "completed")), 422, "completed_at");
        assertProblem(api.post("/api/games/hades/playthroughs", body("edition", "okami-hd")), 422, "edition");
        assertProblem(api.post("/api/games/hades/playthroughs", body("edition", "no-such-edition")), 422, "edition");
        assertProblem(api.post("/api/games/hades/playthroughs", body("playtime_minutes", -1)), 422, "playtime_minutes");
        assertProblem(api.post("/api/games/hades/playthroughs", body("playtime_minutes", 60, "playtime_hours", 2)),
                422, "playtime_hours");
        var several = api.post("/api/games/hades/playthroughs", body("rating", 12, "status", "completed"));
        assertProblem(several, 422, "rating");
        assertProblem(several, 422, "completed_at");
        // nothing was written by any of them
        assertThat(api.get("/api/games/hades/playthroughs").json().path("total").asInt()).isZero();
    }

    @Test
    void malformedBodiesAre400AndBadFieldsAre422NamingThem() {
        assertProblem(api.post("/api/games/hades/playthroughs", body("rating", "ten")), 422, "rating");
        assertProblem(api.post("/api/games/hades/playthroughs", body("status", "finished")), 422, "status");
        assertProblem(api.post("/api/games/hades/playthroughs", body("colour", "blue")), 422, "colour");
        assertProblem(api.post("/api/games/hades/playthroughs", body("started_at", "01/02/2025")), 422, "started_at");
        var notAnObject = api.post("/api/games/hades/playthroughs", List.of(1, 2));
        assertThat(notAnObject.status()).isEqualTo(400);
        assertThat(notAnObject.contentType()).startsWith("application/problem+json");
    }

    @Test
    void unknownGamesAndPlaythroughsAre404WithTheOriginalErrorMember() {
        var noGame = api.post("/api/games/no-such-game/playthroughs", body());
        assertThat(noGame.status()).isEqualTo(404);
        assertThat(noGame.json().path("error").asText()).isEqualTo("Game not found");
        assertThat(api.get("/api/games/no-such-game/playthroughs").status()).isEqualTo(404);
        for (String id : List.of("00000000-0000-0000-0000-000000000000", "not-a-uuid")) {
            var missing = api.get("/api/playthroughs/" + id);
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.json().path("error").asText()).isEqualTo("Playthrough not found");
            assertThat(api.patch("/api/playthroughs/" + id, body("rating", 3)).status()).isEqualTo(404);
            assertThat(api.delete("/api/playthroughs/" + id).status()).isEqualTo(404);
            assertThat(api.post("/api/playthroughs/" + id + "/sessions", body("minutes", 3)).status()).isEqualTo(404);
        }
    }

    @Test
    void writesNeedAToken() {
        var anonymous = api.send("POST", "/api/games/hades/playthroughs", body());
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().path("detail").asText()).isEqualTo("Unauthorized");
        assertThat(api.send("DELETE", "/api/playthroughs/00000000-0000-0000-0000-000000000000", null).status()).isEqualTo(401);
    }

    @Test
    void patchChangesWhatIsPresentAndClearsExplicitNulls() {
        String id = created("tunic", "platform", "PC", "rating", 6, "notes", "fox", "started_at", "2025-06-01")
                .path("id").asText();
        var patched = api.patch("/api/playthroughs/" + id, body("rating", 8, "notes", null, "playtime_hours", 12.25));
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        JsonNode p = patched.json();
        assertThat(p.path("rating").asInt()).isEqualTo(8);
        assertThat(p.path("notes").isNull()).isTrue();
        assertThat(p.path("platform").asText()).isEqualTo("PC");
        assertThat(p.path("status").asText()).isEqualTo("playing");
        assertThat(p.path("playtime_minutes").asInt()).isEqualTo(735);
        assertThat(p.path("playtime_hours").decimalValue()).isEqualByComparingTo("12.3");

        assertProblem(api.patch("/api/playthroughs/" + id, body("status", "completed")), 422, "completed_at");
        assertProblem(api.patch("/api/playthroughs/" + id, body("status", null)), 422, "status");
        assertProblem(api.patch("/api/playthroughs/" + id, body("completed_at", "2025-05-31")), 422, "completed_at");
        assertProblem(api.patch("/api/playthroughs/" + id, body("edition", "okami-hd")), 422, "edition");

        var done = api.patch("/api/playthroughs/" + id, body("status", "completed", "completed_at", "2025-07-01"));
        assertThat(done.json().path("status").asText()).isEqualTo("completed");
        assertThat(done.json().path("rating").asInt()).isEqualTo(8);
        assertThat(api.get("/api/playthroughs/" + id).json().path("completed_at").asText()).isEqualTo("2025-07-01");
    }

    @Test
    void settingCompletedAtCompletesTheRunAndCountsAsACompletion() {
        String id = created("okami", "status", "playing", "started_at", "2025-09-01").path("id").asText();
        int completionsBefore = api.get("/api/stats").json().path("totals").path("completed").asInt();
        var patched = api.patch("/api/playthroughs/" + id, body("completed_at", "2025-10-01"));
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.json().path("status").asText()).isEqualTo("completed");
        assertThat(api.get("/api/stats").json().path("totals").path("completed").asInt()).isEqualTo(completionsBefore + 1);

        // a planned run given a start date is playing; a status sent with the date wins
        String planned = created("okami").path("id").asText();
        assertThat(api.patch("/api/playthroughs/" + planned, body("started_at", "2025-09-02")).json()
                .path("status").asText()).isEqualTo("playing");
        assertThat(api.patch("/api/playthroughs/" + planned, body("status", "abandoned", "completed_at", "2025-09-03"))
                .json().path("status").asText()).isEqualTo("abandoned");

        // clearing the date of a completed run needs a new status
        assertProblem(api.patch("/api/playthroughs/" + id, body("completed_at", null)), 422, "completed_at");
        var reopened = api.patch("/api/playthroughs/" + id, body("completed_at", null, "status", "playing"));
        assertThat(reopened.json().path("status").asText()).isEqualTo("playing");
    }

    @Test
    void sessionsAddUpToThePlaytimeUnlessOneWasGiven() {
        String id = created("celeste", "platform", "Switch", "started_at", "2025-08-01").path("id").asText();
        var first = api.post("/api/playthroughs/" + id + "/sessions",
                body("minutes", 50, "started_at", "2025-08-01T20:00:00Z", "note", "chapter 1"));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.json().path("playthrough_id").asText()).isEqualTo(id);
        assertThat(first.json().path("minutes").asInt()).isEqualTo(50);
        assertThat(first.json().path("started_at").asText()).isEqualTo("2025-08-01T20:00:00Z");
        assertThat(first.json().path("note").asText()).isEqualTo("chapter 1");
        var second = api.post("/api/playthroughs/" + id + "/sessions", body("minutes", 40));
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.json().path("started_at").asText()).startsWith("2026-01-01T");
        assertProblem(api.post("/api/playthroughs/" + id + "/sessions", body("minutes", 0)), 422, "minutes");
        assertProblem(api.post("/api/playthroughs/" + id + "/sessions", body()), 422, "minutes");
        assertProblem(api.post("/api/playthroughs/" + id + "/sessions", body("minutes", 1441)), 422, "minutes");

        JsonNode detail = api.get("/api/playthroughs/" + id).json();
        assertThat(detail.path("playtime_minutes").asInt()).isEqualTo(90);
        assertThat(detail.path("playtime_hours").decimalValue()).isEqualByComparingTo("1.5");
        assertThat(detail.path("session_count").asInt()).isEqualTo(2);
        assertThat(detail.path("sessions")).hasSize(2);
        assertThat(detail.path("sessions").get(0).path("minutes").asInt()).isEqualTo(50);

        api.patch("/api/playthroughs/" + id, body("playtime_minutes", 600));
        assertThat(api.get("/api/playthroughs/" + id).json().path("playtime_minutes").asInt()).isEqualTo(600);
        api.patch("/api/playthroughs/" + id, body("playtime_minutes", null));
        assertThat(api.get("/api/playthroughs/" + id).json().path("playtime_minutes").asInt()).isEqualTo(90);
    }

    @Test
    void sessionsCanBeChangedAndDeletedAndTheTotalsFollow() {
        String id = created("tunic", "started_at", "2025-08-01").path("id").asText();
        String first = api.post("/api/playthroughs/" + id + "/sessions",
                body("minutes", 50, "started_at", "2025-08-01T20:00:00Z", "note", "the fox")).json().path("id").asText();
        String second = api.post("/api/playthroughs/" + id + "/sessions", body("minutes", 40)).json().path("id").asText();

        var changed = api.patch("/api/playthroughs/" + id + "/sessions/" + first, body("minutes", 80, "note", null));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().path("minutes").asInt()).isEqualTo(80);
        assertThat(changed.json().path("note").isNull()).isTrue();
        assertThat(changed.json().path("started_at").asText()).isEqualTo("2025-08-01T20:00:00Z");
        assertThat(api.get("/api/playthroughs/" + id + "/sessions/" + first).json().path("minutes").asInt()).isEqualTo(80);
        JsonNode detail = api.get("/api/playthroughs/" + id).json();
        assertThat(detail.path("playtime_minutes").asInt()).isEqualTo(120);
        assertThat(detail.path("session_count").asInt()).isEqualTo(2);

        assertProblem(api.patch("/api/playthroughs/" + id + "/sessions/" + first, body("minutes", 0)), 422, "minutes");
        assertProblem(api.patch("/api/playthroughs/" + id + "/sessions/" + first, body("minutes", null)), 422, "minutes");
        assertProblem(api.patch("/api/playthroughs/" + id + "/sessions/" + first,
                body("started_at", "1900-01-01T00:00:00Z")), 422, "started_at");
        assertProblem(api.patch("/api/playthroughs/" + id + "/sessions/" + first, body("started_at", null)), 422,
                "started_at");

        assertThat(api.delete("/api/playthroughs/" + id + "/sessions/" + second).status()).isEqualTo(204);
        assertThat(api.get("/api/playthroughs/" + id + "/sessions/" + second).status()).isEqualTo(404);
        assertThat(api.delete("/api/playthroughs/" + id + "/sessions/" + second).status()).isEqualTo(404);
        detail = api.get("/api/playthroughs/" + id).json();
        assertThat(detail.path("playtime_minutes").asInt()).isEqualTo(80);
        assertThat(detail.path("session_count").asInt()).isEqualTo(1);
        assertThat(detail.path("sessions")).hasSize(1);

        assertThat(api.delete("/api/playthroughs/" + id + "/sessions/" + first).status()).isEqualTo(204);
        detail = api.get("/api/playthroughs/" + id).json();
        assertThat(detail.path("playtime_minutes").isNull()).as("no sessions and no playtime given").isTrue();
        assertThat(detail.path("session_count").asInt()).isZero();
    }

    @Test
    void aSessionOfAnotherPlaythroughIsNotFound() {
        String mine = created("celeste", "started_at", "2025-02-01").path("id").asText();
        String other = created("celeste", "started_at", "2025-03-01").path("id").asText();
        String session = api.post("/api/playthroughs/" + mine + "/sessions", body("minutes", 30)).json().path("id").asText();
        for (String path : List.of("/api/playthroughs/" + other + "/sessions/" + session,
                "/api/playthroughs/" + mine + "/sessions/00000000-0000-0000-0000-000000000000",
                "/api/playthroughs/" + mine + "/sessions/not-a-uuid",
                "/api/playthroughs/not-a-uuid/sessions/" + session)) {
            var patched = api.patch(path, body("minutes", 10));
            assertThat(patched.status()).as(path).isEqualTo(404);
            assertThat(patched.json().path("error").asText()).isEqualTo("Session not found");
            assertThat(api.delete(path).status()).as(path).isEqualTo(404);
        }
        assertThat(api.get("/api/playthroughs/" + mine + "/sessions/" + session).json().path("minutes").asInt()).isEqualTo(30);
        assertThat(api.get("/api/playthroughs/" + other).json().path("session_count").asInt()).isZero();
    }

    @Test
    void deleteRemovesThePlaythroughAndItsSessions() {
        String id = created("hades", "started_at", "2025-02-01").path("id").asText();
        api.post("/api/playthroughs/" + id + "/sessions", body("minutes", 30));
        var deleted = api.delete("/api/playthroughs/" + id);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(api.get("/api/playthroughs/" + id).status()).isEqualTo(404);
        assertThat(api.delete("/api/playthroughs/" + id).status()).isEqualTo(404);
        int sessions = app.deps().jdbi().withHandle(h -> h.createQuery(
                        "SELECT count(*) FROM play_session WHERE playthrough_id = CAST(:id AS uuid)")
                .bind("id", id).mapTo(Integer.class).one());
        assertThat(sessions).isZero();
    }

    @Test
    void sourceReferencesAreUniquePerSource() {
        created("tunic", "source", "steam", "source_ref", "steam:553420");
        var again = api.post("/api/games/tunic/playthroughs", body("source", "steam", "source_ref", "steam:553420"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        created("tunic", "source", "import", "source_ref", "steam:553420");
    }

    /**
     * Two writers of the same source reference at once: the other's row is written after this
     * request looked and committed before it writes, so only the unique index sees the clash.
     * The later one is the same 409 as when the row was there before, and writes nothing.
     */
    @Test
    void aSourceReferenceTakenMeanwhileIsAConflictForACreateAndAnUpdate() throws Exception {
        String patched = created("celeste", "source", "steam", "source_ref", "steam:504230-mine").path("id").asText();
        assertConflictWhileAnotherWriterCommits("steam:504230-a",
                () -> api.post("/api/games/celeste/playthroughs", body("source", "steam", "source_ref", "steam:504230-a")));
        assertConflictWhileAnotherWriterCommits("steam:504230-b",
                () -> api.patch("/api/playthroughs/" + patched, body("source_ref", "steam:504230-b")));
        assertThat(api.get("/api/playthroughs/" + patched).json().path("source_ref").asText()).isEqualTo("steam:504230-mine");
        int steamRefs = app.deps().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM playthrough WHERE source = 'steam' AND source_ref LIKE 'steam:504230-%'")
                .mapTo(Integer.class).one());
        assertThat(steamRefs).as("the other writer's two rows and the patched one").isEqualTo(3);
    }

    /** Runs {@code request} while another transaction holds a new steam playthrough with {@code ref}, then commits it. */
    private static void assertConflictWhileAnotherWriterCommits(String ref, Callable<TestApp.Response> request)
            throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Handle other = app.deps().jdbi().open()) {
            other.begin();
            other.execute("""
                    INSERT INTO playthrough (game_id, status, source, source_ref)
                    SELECT id, 'planned', 'steam', ? FROM game WHERE slug = 'celeste'""", ref);
            int otherPid = other.createQuery("SELECT pg_backend_pid()").mapTo(Integer.class).one();
            Future<TestApp.Response> response = pool.submit(request);
            // The request passed its own check and now waits on the other's index entry.
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (app.deps().jdbi().withHandle(h -> h.createQuery("""
                    SELECT count(*) FROM pg_stat_activity
                    WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> :other""")
                    .bind("other", otherPid).mapTo(Integer.class).one()) == 0) {
                assertThat(System.nanoTime()).as("the request waits for the other writer's row").isLessThan(deadline);
                Thread.sleep(10);
            }
            other.commit();
            TestApp.Response answer = response.get(30, TimeUnit.SECONDS);
            assertThat(answer.status()).as(answer.toString()).isEqualTo(409);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.json().path("detail").asText()).contains(ref);
        } finally {
            pool.shutdownNow();
        }
    }
}
