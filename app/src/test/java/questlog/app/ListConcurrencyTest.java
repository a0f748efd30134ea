package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sixteen clients hammer one ranked list through the HTTP API with 2,000 random inserts, moves
 * and removes. Afterwards the positions are exactly 1..n, no request failed with a 5xx, and
 * replaying the activity log from the start reproduces the final order.
 */
class ListConcurrencyTest {
    @RegisterExtension
    static final TestApp app = new TestApp();

    static final int THREADS = 16;
    static final int OPERATIONS = 2000;
    static final int GAMES = 40;
    static final List<String> slugs = new ArrayList<>();

    @BeforeAll
    static void catalog() {
        var catalog = new Catalog(app.deps().jdbi());
        for (int i = 1; i <= GAMES; i++) {
            String slug = "game-" + i;
            catalog.game(slug, "Game " + i, null);
            slugs.add(slug);
        }
        assertThat(app.post("/api/lists", Map.of("name", "Hammered", "is_ranked", true)).status()).isEqualTo(201);
    }

    @Test
    void positionsStayDenseAndTheHistoryReplaysToTheFinalOrder() throws Exception {
        Set<String> believedIn = ConcurrentHashMap.newKeySet();
        AtomicInteger remaining = new AtomicInteger(OPERATIONS);
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            done.add(pool.submit(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (remaining.getAndDecrement() > 0) {
                    String game = slugs.get(random.nextInt(slugs.size()));
                    int size = believedIn.size();
                    TestApp.Response response;
                    int op = random.nextInt(10);
                    String what;
                    if (op < 4) {
                        int position = 1 + random.nextInt(size + 1);
                        what = "insert " + game + " at " + position;
                        response = app.post("/api/lists/hammered/entries", Map.of("game", game, "position", position));
                        if (response.status() == 201 || response.status() == 409) {
                            believedIn.add(game);
                        }
                    } else if (op < 7) {
                        int position = 1 + random.nextInt(Math.max(size, 1));
                        what = "move " + game + " to " + position;
                        response = app.patch("/api/lists/hammered/entries/" + game, Map.of("position", position));
                        if (response.status() == 404) {
                            believedIn.remove(game);
                        }
                    } else {
                        what = "remove " + game;
                        response = app.delete("/api/lists/hammered/entries/" + game);
                        believedIn.remove(game);
                    }
                    statuses.computeIfAbsent(response.status(), s -> new AtomicInteger()).incrementAndGet();
                    if (!List.of(200, 201, 204, 404, 409, 422).contains(response.status())) {
                        failures.add(what + " -> " + response);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();

        assertThat(failures).as("requests answered with an unexpected status").isEmpty();
        int total = statuses.values().stream().mapToInt(AtomicInteger::get).sum();
        assertThat(total).isEqualTo(OPERATIONS);
        assertThat(statuses.keySet()).as("statuses seen: " + new TreeMap<>(statuses)).contains(200, 201, 204);

        JsonNode detail = app.get("/api/lists/hammered").json();
        List<String> finalOrder = new ArrayList<>();
        int expected = 1;
        for (JsonNode entry : detail.path("entries")) {
            assertThat(entry.path("position").asInt()).as("position of entry %d", expected).isEqualTo(expected++);
            finalOrder.add(entry.path("work_slug").asText());
        }
        long[] db = app.deps().jdbi().withHandle(h -> h.createQuery("""
                        SELECT count(*), COALESCE(min(position), 0), COALESCE(max(position), 0), count(DISTINCT position)
                        FROM list_entry e JOIN list l ON l.id = e.list_id WHERE l.slug = 'hammered'""")
                .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)}).one());
        assertThat(db[0]).isEqualTo(finalOrder.size());
        if (db[0] > 0) {
            assertThat(db[1]).isEqualTo(1);
        }
        assertThat(db[2]).isEqualTo(db[0]);
        assertThat(db[3]).isEqualTo(db[0]);

        JsonNode history = app.get("/api/lists/hammered/activity?limit=5000").json();
        List<JsonNode> oldestFirst = new ArrayList<>();
        history.forEach(oldestFirst::add);
        Collections.reverse(oldestFirst);
        assertThat(oldestFirst.getFirst().path("verb").asText()).isEqualTo("created");
        assertThat(replay(oldestFirst)).isEqualTo(finalOrder);
    }

    /** Applies a list's history, oldest first, to an empty list; checks every recorded position on the way. */
    static List<String> replay(List<JsonNode> history) {
        List<String> order = new ArrayList<>();
        for (JsonNode a : history) {
            JsonNode entries = a.path("entries");
            JsonNode meta = a.path("metadata");
            switch (a.path("verb").asText()) {
                case "created" -> order.clear();
                case "added" -> {
                    for (int i = 0; i < entries.size(); i++) {
                        order.add(meta.path("positions").get(i).asInt() - 1, entries.get(i).asText());
                    }
                }
                case "removed" -> {
                    int position = meta.path("position").asInt();
                    assertThat(order.get(position - 1)).isEqualTo(entries.get(0).asText());
                    order.remove(position - 1);
                }
                case "reordered" -> {
                    if (meta.has("previous")) {
                        order.clear();
                        entries.forEach(e -> order.add(e.asText()));
                    } else {
                        String slug = entries.get(0).asText();
                        assertThat(order.indexOf(slug)).isEqualTo(meta.path("from").asInt() - 1);
                        order.remove(slug);
                        order.add(meta.path("to").asInt() - 1, slug);
                    }
                }
                case "updated" -> {
                    if (meta.has("order")) {
                        order.clear();
                        meta.path("order").forEach(e -> order.add(e.asText()));
                    }
                }
                default -> throw new AssertionError("unknown verb " + a);
            }
        }
        return order;
    }
}
