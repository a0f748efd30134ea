package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.testsupport.TestDatabase;

/**
 * Token bookkeeping: using a token marks {@code last_used_at} at most once a minute, so a busy
 * token does not turn every authenticated request into an UPDATE. Statements are counted as JDBI
 * sends them; the clock is the test's.
 */
class ApiTokensTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T12:00:00Z"));
    final AtomicInteger marks = new AtomicInteger();
    ApiTokens tokens;

    @BeforeEach
    void build() {
        Jdbi jdbi = Jdbi.create(db.dataSource()).installPlugin(new SqlObjectPlugin()).installPlugin(new PostgresPlugin());
        jdbi.useHandle(h -> h.execute("TRUNCATE api_token"));
        jdbi.setSqlLogger(new SqlLogger() {
            @Override
            public void logAfterExecution(StatementContext context) {
                if (context.getRenderedSql().strip().startsWith("UPDATE api_token SET last_used_at")) {
                    marks.incrementAndGet();
                }
            }
        });
        tokens = new ApiTokens(jdbi, clock, Optional.empty());
    }

    Instant lastUsed(String name) {
        return tokens.list().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow().lastUsedAt();
    }

    @Test
    void manyRequestsWithinAMinuteMarkTheTokenUsedOnce() {
        String secret = tokens.create("site", ApiTokens.ALL_SCOPES).secret();
        Instant first = clock.instant();

        for (int i = 0; i < 50; i++) {
            assertThat(tokens.scopesOf(secret)).containsExactlyElementsOf(ApiTokens.ALL_SCOPES);
            clock.advance(Duration.ofMillis(1100)); // 55 s in all
        }

        assertThat(marks.get()).isEqualTo(1);
        assertThat(lastUsed("site")).isEqualTo(first.truncatedTo(ChronoUnit.MICROS));
    }

    @Test
    void aTokenUsedAgainAfterAMinuteIsMarkedAgainAndEachTokenHasItsOwnMinute() {
        String site = tokens.create("site", ApiTokens.ALL_SCOPES).secret();
        String script = tokens.create("script", List.of("write")).secret();

        tokens.scopesOf(site);
        tokens.scopesOf(script);
        clock.advance(Duration.ofSeconds(30));
        tokens.scopesOf(site);
        assertThat(marks.get()).isEqualTo(2);

        clock.advance(Duration.ofSeconds(31));
        Instant later = clock.instant();
        tokens.scopesOf(site);
        tokens.scopesOf(script);

        assertThat(marks.get()).isEqualTo(4);
        assertThat(lastUsed("site")).isEqualTo(later.truncatedTo(ChronoUnit.MICROS));
    }

    @Test
    void unknownAndRevokedTokensAreNeitherGrantedNorMarked() {
        String secret = tokens.create("gone", ApiTokens.ALL_SCOPES).secret();
        tokens.revoke("gone");

        assertThat(tokens.scopesOf(secret)).isEmpty();
        assertThat(tokens.scopesOf("ql_not-a-token")).isEmpty();
        assertThat(marks.get()).isZero();
    }

    @Test
    void aRevokedTokensNameCanBeGivenAgainButAnActiveOnesCannot() {
        String old = tokens.create("rotated", ApiTokens.ALL_SCOPES).secret();
        assertThatThrownBy(() -> tokens.create("rotated", ApiTokens.ALL_SCOPES))
                .isInstanceOf(ApiTokens.DuplicateNameException.class);
        assertThat(tokens.revoke("rotated")).isTrue();

        String renewed = tokens.create("rotated", List.of("read")).secret();
        assertThat(tokens.scopesOf(old)).isEmpty();
        assertThat(tokens.scopesOf(renewed)).containsExactly("read");
        assertThat(tokens.list().stream().filter(t -> t.name().equals("rotated")).map(t -> t.revokedAt() != null))
                .containsExactly(true, false);
        assertThatThrownBy(() -> tokens.create("rotated", ApiTokens.ALL_SCOPES))
                .isInstanceOf(ApiTokens.DuplicateNameException.class);
    }

    /** A clock that moves only when told. */
    static final class SettableClock extends Clock {
        private final AtomicReference<Instant> now;

        SettableClock(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        void advance(Duration by) {
            now.updateAndGet(t -> t.plus(by));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("UTC only");
        }
    }
}
