package questlog.library;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
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
import questlog.testsupport.TestDatabase;

/** What the module's tests share: Jdbi and JSON set up as app sets them up, and a clock tests move. */
final class LibraryTestSupport {
    private LibraryTestSupport() {}

    /** Jdbi with the plugins app installs (Database.jdbi). */
    static Jdbi jdbi(TestDatabase db) {
        Jdbi jdbi = Jdbi.create(db.dataSource())
                .installPlugin(new SqlObjectPlugin())
                .installPlugin(new PostgresPlugin())
                .installPlugin(new Jackson2Plugin());
        jdbi.getConfig(Jackson2Config.class).setMapper(json());
        return jdbi;
    }

    /** The same policy as app's Json.objectMapper(): snake_case, strict input. */
    static ObjectMapper json() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
    }

    /** A game request with only a name (and the rest absent). */
    static CreateGameRequest game(String name) {
        return new CreateGameRequest(name, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null);
    }

    static CreateGameRequest game(String name, String franchise, List<String> genres, Integer year, List<String> platforms) {
        return new CreateGameRequest(name, null, null, franchise, genres, null, year, null, null, platforms, null, null,
                null, null, null);
    }

    static CreateEditionRequest edition(String name) {
        return new CreateEditionRequest(name, null, null, null, null, null, null, null, null);
    }

    /** A clock that stands still until moved, so timestamps in assertions are exact. */
    static final class TestClock extends Clock {
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

        void advanceSeconds(long seconds) {
            now = now.plus(seconds, ChronoUnit.SECONDS);
        }
    }
}
