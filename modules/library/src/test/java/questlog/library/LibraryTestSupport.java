package questlog.library;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.jackson2.Jackson2Config;
import org.jdbi.v3.jackson2.Jackson2Plugin;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import questlog.common.Bodies;
import questlog.common.Json;
import questlog.library.catalog.CreateEditionRequest;
import questlog.library.catalog.CreateGameRequest;
import questlog.library.catalog.UpdateGameRequest;
import questlog.testsupport.TestDatabase;

/** What the module's tests share: Jdbi and JSON set up as app sets them up, and a clock tests move. */
public final class LibraryTestSupport {
    private LibraryTestSupport() {}

    /** Jdbi with the plugins app installs (Database.jdbi). */
    public static Jdbi jdbi(TestDatabase db) {
        Jdbi jdbi = Jdbi.create(db.dataSource())
                .installPlugin(new SqlObjectPlugin())
                .installPlugin(new PostgresPlugin())
                .installPlugin(new Jackson2Plugin());
        jdbi.getConfig(Jackson2Config.class).setMapper(json());
        return jdbi;
    }

    /** Removes every catalog row (and, by cascade, what refers to it): an empty library for the next test. */
    public static void emptyCatalog(Jdbi jdbi) {
        jdbi.useHandle(h -> h.execute("TRUNCATE game_genre, external_id, edition, game, franchise, genre CASCADE"));
    }

    /** The one mapper policy app uses. */
    public static ObjectMapper json() {
        return Json.objectMapper();
    }

    /** A PATCH body as the controller reads it: the values and the names of the fields present. */
    public static UpdateGameRequest.Patch patch(String body) throws java.io.IOException {
        ObjectMapper json = json();
        var node = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(body);
        var present = new java.util.LinkedHashSet<String>();
        node.fieldNames().forEachRemaining(present::add);
        return UpdateGameRequest.read(new Bodies.Read<>(json.treeToValue(node, UpdateGameRequest.class), present));
    }

    /** A game request with only a name (and the rest absent). */
    public static CreateGameRequest game(String name) {
        return new CreateGameRequest(name, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null);
    }

    public static CreateGameRequest game(String name, String franchise, List<String> genres, Integer year, List<String> platforms) {
        return new CreateGameRequest(name, null, null, franchise, genres, null, year, null, null, platforms, null, null,
                null, null, null);
    }

    public static CreateEditionRequest edition(String name) {
        return new CreateEditionRequest(name, null, null, null, null, null, null, null, null);
    }

    /** A clock that stands still until moved, so timestamps in assertions are exact. */
    public static final class TestClock extends Clock {
        private volatile Instant now = Instant.parse("2026-01-31T12:00:00.123456Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        public void advanceSeconds(long seconds) {
            now = now.plus(seconds, ChronoUnit.SECONDS);
        }
    }
}
