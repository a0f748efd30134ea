package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import questlog.testsupport.FakeIgdb;
import questlog.testsupport.FakeIgdbCatalog;
import questlog.testsupport.FakeSteam;
import questlog.testsupport.TestDatabase;

/**
 * {@code questlog sync steam} as a user runs it: the account checked before anything is queued
 * (a private profile or a name that does not resolve is one plain line and exit code 2), a sync
 * that runs in the command and prints its counts, a dry run that keeps nothing.
 */
@Isolated
class SyncSteamCommandTest {
    static final String GABE = "76561197960287930";
    static final String HIDDEN = "76561198000000001";
    static final FakeIgdb igdb = FakeIgdb.start(FakeIgdbCatalog.realistic());
    static final FakeSteam steam = FakeSteam.start();
    static final TestDatabase db = new TestDatabase();
    static Jdbi jdbi;

    @TempDir Path dir;

    @BeforeAll
    static void start() {
        db.start();
        jdbi = Jdbi.create(db.dataSource());
        steam.account(GABE, "Rabscuttle").vanity("gabelogannewell")
                .game(620, "Portal 2", 1380, 1_600_000_000L).game(367520, "Hollow Knight", 0, 0);
        steam.account(HIDDEN, "Shy").privateProfile(true);
    }

    @AfterAll
    static void stop() {
        db.close();
        igdb.close();
        steam.close();
    }

    @BeforeEach
    void empty() {
        jdbi.useHandle(h -> h.execute("TRUNCATE game, playthrough, job CASCADE"));
    }

    Map<String, String> env(boolean withSteam) {
        Map<String, String> env = new HashMap<>(withSteam ? SteamSyncRoutesTest.env(igdb, steam)
                : IgdbRoutesTest.igdbEnv(igdb));
        env.put("DATABASE_URL", db.databaseUrlSetting());
        env.put("DATABASE_POOL_SIZE", "4");
        return env;
    }

    @Test
    void syncsALibraryAndPrintsWhatItDid() throws Exception {
        Cli.Run run = Cli.run(dir.resolve("env"), env(true), "sync", "steam", "gabelogannewell");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("Queued the sync of Rabscuttle (" + GABE + ")")
                .contains("2 Steam games: 2 games created").contains("2 playthroughs created");
        assertThat(count("SELECT count(*) FROM game")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM playthrough WHERE source = 'steam'")).isEqualTo(2);
    }

    @Test
    void aDryRunKeepsNothing() throws Exception {
        Cli.Run run = Cli.run(dir.resolve("env"), env(true), "sync", "steam", GABE, "--dry-run");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("dry run").contains("2 games would be created");
        assertThat(count("SELECT count(*) FROM game")).isZero();
    }

    @Test
    void aPrivateProfileOrANameThatDoesNotResolveStopsBeforeAnythingIsWritten() throws Exception {
        Cli.Run hidden = Cli.run(dir.resolve("env"), env(true), "sync", "steam", HIDDEN);
        assertThat(hidden.exitCode()).isEqualTo(2);
        assertThat(hidden.err()).contains("private");
        Cli.Run unknown = Cli.run(dir.resolve("env"), env(true), "sync", "steam", "nobody-at-all");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("nobody-at-all");
        assertThat(count("SELECT count(*) FROM job")).isZero();
        assertThat(count("SELECT count(*) FROM game")).isZero();
    }

    @Test
    void withoutAKeyItSaysWhichVariableToSet() throws Exception {
        Cli.Run run = Cli.run(dir.resolve("env"), env(false), "sync", "steam", GABE);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("STEAM_API_KEY");
    }

    static long count(String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
