package questlog.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.testsupport.TestDatabase;

/** Platform names to keys: known spellings, new platforms, and two writers racing to register one. */
class PlatformDaoTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();
    static Jdbi jdbi;

    @BeforeAll
    static void connect() {
        jdbi = Jdbi.create(db.dataSource()).installPlugin(new SqlObjectPlugin()).installPlugin(new PostgresPlugin());
    }

    static String key(String name) {
        return jdbi.inTransaction(h -> h.attach(PlatformDao.class).keyFor(name));
    }

    @Test
    void everySpellingOfAKnownPlatformIsItsKey() {
        for (var spelling : List.of(List.of("PS4", "ps4"), List.of("PlayStation 4", "ps4"), List.of("ps-4", "ps4"),
                List.of("Ｐｓ４", "ps4"), List.of("Xbox Series X|S", "xbox-series"), List.of("series x", "xbox-series"),
                List.of("Sega Genesis", "genesis"), List.of("Mega Drive", "genesis"), List.of("PS Vita", "ps-vita"),
                List.of("Switch 2", "switch-2"), List.of("Nintendo Switch", "switch"), List.of("GBA", "gba"),
                List.of("Windows", "pc"), List.of("Steam Deck", "steam-deck"))) {
            assertThat(key(spelling.get(0))).as(spelling.get(0)).isEqualTo(spelling.get(1));
        }
    }

    @Test
    void anUnknownPlatformIsRegisteredOnceUnderTheKeyOfItsWords() {
        assertThat(key(" Commodore   64 ")).isEqualTo("commodore-64");
        assertThat(key("COMMODORE 64")).isEqualTo("commodore-64");
        assertThat(key("commodore64")).isEqualTo("commodore-64");
        String name = jdbi.withHandle(h -> h.createQuery("SELECT name FROM platform WHERE key = 'commodore-64'")
                .mapTo(String.class).one());
        assertThat(name).isEqualTo("Commodore 64");
    }

    @Test
    void twoWritersRegisteringOnePlatformAgreeOnItsKey() throws Exception {
        try (Handle first = jdbi.open(); Handle second = jdbi.open()) {
            first.begin();
            assertThat(first.attach(PlatformDao.class).keyFor("Atari Jaguar")).isEqualTo("atari-jaguar");
            // The second writer spells it another way; it waits for the first one's alias.
            second.begin();
            CompletableFuture<String> racing = CompletableFuture.supplyAsync(
                    () -> second.attach(PlatformDao.class).keyFor("AtariJaguar"));
            Thread.sleep(300);
            assertThat(racing).isNotDone();
            first.commit();
            assertThat(racing.get(10, TimeUnit.SECONDS)).isEqualTo("atari-jaguar");
            second.commit();
        }
        List<String> keys = jdbi.withHandle(h -> h.createQuery("SELECT key FROM platform WHERE key LIKE 'atari%'")
                .mapTo(String.class).list());
        assertThat(keys).as("the loser's platform row is gone").containsExactly("atari-jaguar");
    }
}
