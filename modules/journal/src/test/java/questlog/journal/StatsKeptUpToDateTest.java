package questlog.journal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.testsupport.TestDatabase;

/**
 * The all-time stats kept by the write transactions (journal_stats_delta) say what the statement
 * computing them from the rows says, after any mix of writes: playthroughs added, changed, moved
 * and removed, one at a time and many per statement; genres linked and unlinked; franchises
 * changed and removed; genres and games deleted with their cascades; compactions; TRUNCATE; and
 * writers racing on the same games. The longest streak, which the service finds in the kept
 * months, is held against the rows' own SQL definition of it.
 */
class StatsKeptUpToDateTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    static final ObjectMapper JSON = new ObjectMapper();
    static final String[] STATUSES = {"planned", "playing", "paused", "completed", "abandoned"};
    static final String[] PLATFORMS = {"pc", "mac", "ps4", "amiga", null};
    static Jdbi jdbi;

    @BeforeAll
    static void connect() {
        jdbi = Jdbi.create(db.dataSource()).installPlugin(new PostgresPlugin());
    }

    @Test
    void randomWritesKeepTheFiguresOfTheRows() {
        for (long seed = 1; seed <= 3; seed++) {
            Random random = new Random(seed);
            jdbi.useHandle(h -> h.execute("TRUNCATE game, genre, franchise CASCADE"));
            Catalog catalog = jdbi.withHandle(h -> Catalog.create(h, random, 8, 5, 40));
            assertSameFigures("seed " + seed + ", catalog only");
            List<String> sinceLastCheck = new ArrayList<>();
            for (int step = 0; step < 400; step++) {
                String what = jdbi.inTransaction(h -> catalog.randomWrite(h, random));
                sinceLastCheck.add(step + " " + what);
                if (step % 25 == 0) {
                    assertSameFigures("seed " + seed + ", step " + step + " (" + what + "); the writes since the last check: "
                            + String.join(", ", sinceLastCheck));
                    sinceLastCheck.clear();
                }
            }
            assertSameFigures("seed " + seed + ", end");
            jdbi.useHandle(h -> h.execute("SELECT journal_stats_compact()"));
            assertSameFigures("seed " + seed + ", compacted");
            long emptyGames = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM journal_stats_game WHERE playthroughs = 0")
                    .mapTo(Long.class).one());
            assertThat(emptyGames).as("games without playthroughs dropped by the compaction").isZero();
        }
        jdbi.useHandle(h -> h.execute("TRUNCATE playthrough CASCADE"));
        assertSameFigures("after TRUNCATE playthrough");
        assertThat(figures().get("totals").get("playthroughs").asLong()).isZero();
    }

    @Test
    void writersRacingOnTheSameGamesLeaveTheFiguresRight() throws Exception {
        Random seedRandom = new Random(42);
        jdbi.useHandle(h -> h.execute("TRUNCATE game, genre, franchise CASCADE"));
        Catalog catalog = jdbi.withHandle(h -> Catalog.create(h, seedRandom, 4, 3, 3));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                Random random = new Random(100 + w);
                int kind = w;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 60; i++) {
                        jdbi.useTransaction(h -> {
                            switch (kind) {
                                case 0 -> catalog.toggleGenre(h, random);
                                case 1 -> catalog.changeFranchise(h, random);
                                default -> catalog.addOrRemovePlaythroughs(h, random);
                            }
                        });
                    }
                    return null;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertSameFigures("after racing writers");
    }

    /** An imported completion without a date counts as a completion, in no month. */
    @Test
    void anUndatedImportedCompletionHasNoMonth() {
        jdbi.useHandle(h -> h.execute("TRUNCATE game, genre, franchise CASCADE"));
        jdbi.useHandle(h -> {
            UUID game = h.createQuery("INSERT INTO game (slug, name) VALUES ('okami', 'Okami') RETURNING id")
                    .mapTo(UUID.class).one();
            h.execute("INSERT INTO playthrough (game_id, status, completed_at, source) VALUES (?, 'completed', NULL, 'import')",
                    game);
            h.execute("INSERT INTO playthrough (game_id, status, completed_at) VALUES (?, 'completed', DATE '2021-03-04')",
                    game);
        });
        assertSameFigures("an undated imported completion");
        JsonNode kept = figures();
        assertThat(kept.get("totals").get("completed").asLong()).isEqualTo(2);
        assertThat(kept.get("per_month").toString()).isEqualTo("[{\"month\":\"2021-03\",\"completed\":1}]");
        assertThat(kept.get("per_year").toString()).isEqualTo("[{\"year\":2021,\"completed\":1}]");
        assertThat(kept.get("longest_streak").get("months").asInt()).isEqualTo(1);
    }

    /**
     * Deleting a game cascades to its playthroughs and to its genre links in an order that differs
     * between databases ({@link CascadeOrder}): with each order forced, the game's completions
     * leave its genres' figures.
     */
    @Test
    void aDeletedGamesCompletionsLeaveItsGenresWhicheverCascadeRunsFirst() {
        for (List<String> keysInCascadeOrder : List.of(List.of("playthrough", "game_genre"), List.of("game_genre", "playthrough"))) {
            jdbi.useHandle(h -> h.execute("TRUNCATE game, genre, franchise CASCADE"));
            jdbi.useHandle(h -> {
                List<String> cascadeOrder = CascadeOrder.force(h, keysInCascadeOrder);
                assertThat(cascadeOrder).as("the cascades' order").isEqualTo(keysInCascadeOrder);

                UUID game = h.createQuery("INSERT INTO game (slug, name) VALUES ('okami', 'Okami') RETURNING id")
                        .mapTo(UUID.class).one();
                UUID kept = h.createQuery("INSERT INTO game (slug, name) VALUES ('ico', 'Ico') RETURNING id")
                        .mapTo(UUID.class).one();
                for (String genre : List.of("action", "adventure")) {
                    UUID id = h.createQuery("INSERT INTO genre (slug, name) VALUES (:s, :s) RETURNING id").bind("s", genre)
                            .mapTo(UUID.class).one();
                    h.execute("INSERT INTO game_genre (game_id, genre_id) VALUES (?, ?), (?, ?)", game, id, kept, id);
                }
                h.execute("""
                        INSERT INTO playthrough (game_id, status, completed_at, playtime_minutes)
                        VALUES (?, 'completed', DATE '2021-03-04', 233), (?, 'completed', DATE '2022-05-06', 90),
                               (?, 'completed', DATE '2023-01-02', 40)""", game, game, kept);
                h.execute("DELETE FROM game WHERE id = ?", game);
            });
            assertSameFigures("a completed game deleted, the cascades in the order " + keysInCascadeOrder);
            assertThat(figures().get("top_genres").toString()).as(keysInCascadeOrder.toString())
                    .contains("\"slug\":\"action\",\"name\":\"action\",\"completed\":1,\"games\":1,\"playtime_minutes\":40");
        }
    }

    static void assertSameFigures(String when) {
        JsonNode kept = figures();
        JsonNode fromRows = jdbi.withHandle(h -> row(h, resource("/questlog/journal/allTimeFromRows.sql")));
        if (!kept.equals(fromRows)) {
            assertThat(kept).as(when + "\n" + whereTheyDiffer()).isEqualTo(fromRows);
        }
    }

    /**
     * For a failure's message: the games whose kept counts differ from their playthroughs, and
     * the genres whose kept sums differ from their games' (which says whether a game's counts or
     * only a genre's deltas went wrong).
     */
    static String whereTheyDiffer() {
        return jdbi.withHandle(h -> "games (id, kept, rows): " + h.createQuery("""
                WITH actual AS (
                    SELECT game_id, count(*) AS playthroughs, count(*) FILTER (WHERE status = 'completed') AS completed,
                           COALESCE(sum(playtime_total) FILTER (WHERE status = 'completed'), 0) AS completed_minutes
                    FROM playthrough GROUP BY game_id)
                SELECT concat_ws(' ', COALESCE(a.game_id, s.game_id),
                                 ROW(s.playthroughs, s.completed, s.completed_minutes),
                                 ROW(a.playthroughs, a.completed, a.completed_minutes))
                FROM actual a FULL JOIN journal_stats_game s USING (game_id)
                WHERE ROW(COALESCE(a.playthroughs, 0), COALESCE(a.completed, 0), COALESCE(a.completed_minutes, 0))
                      IS DISTINCT FROM ROW(s.playthroughs, s.completed, s.completed_minutes)""")
                .mapTo(String.class).list()
                + "; genres (id, kept, rows, its games now): " + h.createQuery("""
                WITH completed AS (
                    SELECT game_id, count(*) AS n, COALESCE(sum(playtime_total), 0) AS minutes
                    FROM playthrough WHERE status = 'completed' GROUP BY game_id),
                actual AS (
                    SELECT gg.genre_id::text AS key, sum(c.n) AS n, count(*) AS games, sum(c.minutes) AS minutes
                    FROM completed c JOIN game_genre gg ON gg.game_id = c.game_id GROUP BY gg.genre_id),
                kept AS (
                    SELECT key, sum(n) AS n, sum(games) AS games, sum(minutes) AS minutes
                    FROM journal_stats_delta WHERE dim = 'genre' GROUP BY key)
                SELECT concat_ws(' ', COALESCE(k.key, a.key), ROW(k.n, k.games, k.minutes), ROW(a.n, a.games, a.minutes),
                                 (SELECT array_agg(gg.game_id) FROM game_genre gg WHERE gg.genre_id::text = COALESCE(k.key, a.key)))
                FROM kept k FULL JOIN actual a USING (key)
                WHERE ROW(COALESCE(k.n, 0), COALESCE(k.games, 0), COALESCE(k.minutes, 0))
                      IS DISTINCT FROM ROW(COALESCE(a.n, 0), COALESCE(a.games, 0), COALESCE(a.minutes, 0))""")
                .mapTo(String.class).list());
    }

    /**
     * The kept figures, with what StatsService makes of their months (CompletionMonths,
     * LongestStreak): the completions per month and per year and the longest streak.
     */
    static JsonNode figures() {
        ObjectNode kept = (ObjectNode) jdbi.withHandle(h -> row(h, resource("/questlog/journal/StatsDao/allTime.sql")));
        List<StatsResponse.MonthCount> months = CompletionMonths.parse(kept.remove("months").textValue());
        // Through text, so that numbers are read back as the SQL's are (an int node is not a long one).
        kept.set("per_month", throughText(months));
        kept.set("per_year", throughText(CompletionMonths.perYear(months)));
        StatsResponse.Streak streak = LongestStreak.of(months);
        kept.putObject("longest_streak").put("months", streak.months()).put("first_month", streak.firstMonth())
                .put("last_month", streak.lastMonth());
        return kept;
    }

    static JsonNode throughText(Object value) {
        try {
            return JSON.readTree(JSON.writeValueAsString(value));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode row(Handle h, String sql) {
        return h.createQuery(sql).bind("top", 3).map((rs, ctx) -> {
            Map<String, JsonNode> columns = new LinkedHashMap<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                try {
                    String label = rs.getMetaData().getColumnLabel(i);
                    // months is text, not JSON (CompletionMonths).
                    columns.put(label, label.equals("months") ? TextNode.valueOf(rs.getString(i))
                            : JSON.readTree(rs.getString(i)));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            return (JsonNode) JSON.valueToTree(columns);
        }).one();
    }

    static String resource(String path) {
        try (InputStream in = StatsKeptUpToDateTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A small catalog and the random writes made on it. */
    record Catalog(List<UUID> genres, List<UUID> franchises, List<UUID> games) {

        static Catalog create(Handle h, Random random, int genreCount, int franchiseCount, int gameCount) {
            var catalog = new Catalog(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            for (int i = 0; i < genreCount; i++) {
                catalog.genres.add(h.createQuery("INSERT INTO genre (slug, name) VALUES (:s, :s) RETURNING id")
                        .bind("s", "genre-" + i).mapTo(UUID.class).one());
            }
            for (int i = 0; i < franchiseCount; i++) {
                catalog.franchises.add(h.createQuery("INSERT INTO franchise (slug, name) VALUES (:s, :s) RETURNING id")
                        .bind("s", "franchise-" + i).mapTo(UUID.class).one());
            }
            for (int i = 0; i < gameCount; i++) {
                catalog.addGame(h, random);
            }
            return catalog;
        }

        void addGame(Handle h, Random random) {
            UUID game = h.createQuery("INSERT INTO game (slug, name, franchise_id) VALUES (:s, :s, :f) RETURNING id")
                    .bind("s", "game-" + UUID.randomUUID()).bind("f", pick(franchises, random, true))
                    .mapTo(UUID.class).one();
            games.add(game);
            for (UUID genre : genres) {
                if (random.nextInt(3) == 0) {
                    h.execute("INSERT INTO game_genre (game_id, genre_id) VALUES (?, ?)", game, genre);
                }
            }
            for (int i = random.nextInt(4); i > 0; i--) {
                insertPlaythrough(h, random, game);
            }
        }

        String randomWrite(Handle h, Random random) {
            int choice = random.nextInt(100);
            if (choice < 25) {
                insertPlaythrough(h, random, pick(games, random, false));
                return "playthrough added";
            } else if (choice < 32) {
                // Many rows in one statement, over several games.
                h.execute("""
                        INSERT INTO playthrough (game_id, status, completed_at, platform, rating, playtime_minutes)
                        SELECT g, 'completed', DATE '2020-01-01' + (random() * 2000)::int, 'pc', 1 + (random() * 9)::int,
                               (random() * 900)::int
                        FROM unnest(CAST(? AS uuid[])) AS g""",
                        (Object) new UUID[] {pick(games, random, false), pick(games, random, false), pick(games, random, false)});
                return "playthroughs added in one statement";
            } else if (choice < 50) {
                String status = STATUSES[random.nextInt(STATUSES.length)];
                h.createUpdate("""
                        UPDATE playthrough SET status = :status,
                               completed_at = CASE WHEN :status = 'completed' THEN COALESCE(completed_at, DATE '2019-05-01' + :days) END,
                               started_at = NULL, rating = :rating, platform = :platform,
                               playtime_minutes = :minutes, session_count = :sessions, session_minutes = :sessionMinutes
                        WHERE id = (SELECT id FROM playthrough ORDER BY id OFFSET :skip LIMIT 1)""")
                        .bind("status", status).bind("days", random.nextInt(1500))
                        .bind("rating", random.nextBoolean() ? null : (Integer) (1 + random.nextInt(10)))
                        .bind("platform", PLATFORMS[random.nextInt(PLATFORMS.length)])
                        .bind("minutes", random.nextBoolean() ? null : (Integer) random.nextInt(5000))
                        .bind("sessions", random.nextInt(4)).bind("sessionMinutes", random.nextInt(600))
                        .bind("skip", random.nextInt(20)).execute();
                return "playthrough changed";
            } else if (choice < 55) {
                h.execute("UPDATE playthrough SET game_id = ? WHERE id = (SELECT id FROM playthrough ORDER BY id OFFSET ? LIMIT 1)",
                        pick(games, random, false), random.nextInt(20));
                return "playthrough moved to another game";
            } else if (choice < 63) {
                h.execute("DELETE FROM playthrough WHERE id = (SELECT id FROM playthrough ORDER BY id OFFSET ? LIMIT 1)",
                        random.nextInt(20));
                return "playthrough deleted";
            } else if (choice < 73) {
                toggleGenre(h, random);
                return "genre toggled";
            } else if (choice < 80) {
                changeFranchise(h, random);
                return "franchise changed";
            } else if (choice < 85) {
                addGame(h, random);
                return "game added";
            } else if (choice < 91) {
                UUID game = games.remove(random.nextInt(games.size()));
                h.execute("DELETE FROM game WHERE id = ?", game);
                if (games.size() < 5) {
                    addGame(h, random);
                }
                return "game deleted";
            } else if (choice < 94) {
                UUID franchise = franchises.remove(random.nextInt(franchises.size()));
                h.execute("DELETE FROM franchise WHERE id = ?", franchise);
                franchises.add(h.createQuery("INSERT INTO franchise (slug, name) VALUES (:s, :s) RETURNING id")
                        .bind("s", "franchise-" + UUID.randomUUID()).mapTo(UUID.class).one());
                return "franchise deleted";
            } else if (choice < 96) {
                UUID genre = genres.remove(random.nextInt(genres.size()));
                h.execute("DELETE FROM genre WHERE id = ?", genre);
                genres.add(h.createQuery("INSERT INTO genre (slug, name) VALUES (:s, :s) RETURNING id")
                        .bind("s", "genre-" + UUID.randomUUID()).mapTo(UUID.class).one());
                return "genre deleted";
            } else {
                h.execute("SELECT journal_stats_compact()");
                return "compacted";
            }
        }

        void toggleGenre(Handle h, Random random) {
            UUID game = pick(games, random, false);
            UUID genre = pick(genres, random, false);
            if (h.execute("DELETE FROM game_genre WHERE game_id = ? AND genre_id = ?", game, genre) == 0) {
                h.execute("INSERT INTO game_genre (game_id, genre_id) VALUES (?, ?)", game, genre);
            }
        }

        void changeFranchise(Handle h, Random random) {
            h.execute("UPDATE game SET franchise_id = ? WHERE id = ?", pick(franchises, random, true),
                    pick(games, random, false));
        }

        void addOrRemovePlaythroughs(Handle h, Random random) {
            UUID game = pick(games, random, false);
            if (random.nextInt(3) > 0) {
                // Completions most of the time: they are what genres and franchises count.
                insertPlaythrough(h, random, game, random.nextBoolean() ? "completed" : STATUSES[random.nextInt(STATUSES.length)]);
            } else {
                h.execute("DELETE FROM playthrough WHERE id = (SELECT id FROM playthrough WHERE game_id = ? LIMIT 1)", game);
            }
        }

        static void insertPlaythrough(Handle h, Random random, UUID game) {
            insertPlaythrough(h, random, game, STATUSES[random.nextInt(STATUSES.length)]);
        }

        static void insertPlaythrough(Handle h, Random random, UUID game, String status) {
            h.createUpdate("""
                    INSERT INTO playthrough (game_id, status, completed_at, platform, rating, playtime_minutes,
                                             session_count, session_minutes)
                    VALUES (:game, :status, CASE WHEN :status = 'completed' THEN DATE '2018-01-01' + :days END,
                            :platform, :rating, :minutes, :sessions, :sessionMinutes)""")
                    .bind("game", game).bind("status", status).bind("days", random.nextInt(2500))
                    .bind("platform", PLATFORMS[random.nextInt(PLATFORMS.length)])
                    .bind("rating", random.nextBoolean() ? null : (Integer) (1 + random.nextInt(10)))
                    .bind("minutes", random.nextBoolean() ? null : (Integer) random.nextInt(5000))
                    .bind("sessions", random.nextInt(3)).bind("sessionMinutes", random.nextInt(300))
                    .execute();
        }

        static UUID pick(List<UUID> from, Random random, boolean orNone) {
            int i = random.nextInt(from.size() + (orNone ? 1 : 0));
            return i == from.size() ? null : from.get(i);
        }
    }
}
