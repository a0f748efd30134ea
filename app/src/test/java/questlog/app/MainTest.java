package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import questlog.testsupport.TestDatabase;

/** The command line against a real database, configured through an env file. */
@Isolated("captures System.out")
class MainTest {
    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @TempDir
    Path dir;

    Cli.Run run(String... args) throws Exception {
        return run(Map.of(), args);
    }

    /** {@code args} on this class's database, with {@code extraEnv} (which may replace DATABASE_URL). */
    Cli.Run run(Map<String, String> extraEnv, String... args) throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DATABASE_URL", db.databaseUrlSetting());
        env.putAll(extraEnv);
        return Cli.run(dir.resolve("questlog.env"), env, args);
    }

    @Test
    void migrateIsIdempotent() throws Exception {
        Cli.Run run = run("migrate");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Database is up to date.");
    }

    @Test
    void tokensAreCreatedListedAndRevoked() throws Exception {
        Cli.Run created = run("token", "create", "site-deploy", "--scopes", "read");
        assertThat(created.exitCode()).isZero();
        String secret = created.out().strip();
        assertThat(secret).startsWith("ql_");

        Cli.Run listed = run("token", "list");
        assertThat(listed.out()).contains("site-deploy").contains("read").doesNotContain(secret);

        Cli.Run duplicate = run("token", "create", "site-deploy");
        assertThat(duplicate.exitCode()).isEqualTo(2);
        assertThat(duplicate.err()).contains("already exists");

        assertThat(run("token", "revoke", "site-deploy").exitCode()).isZero();
        Cli.Run again = run("token", "revoke", "site-deploy");
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("No active token named 'site-deploy'");
    }

    @Test
    void everySubcommandHasHelp() throws Exception {
        Cli.Run run = run("token", "create", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: questlog token create").contains("--scopes");
    }

    @Test
    void unknownScopesAreRefused() throws Exception {
        Cli.Run run = run("token", "create", "x", "--scopes", "admin");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown scope 'admin'");
    }

    @Test
    void aDatasetFileIsImportedAndTheLibraryExportedToAFile() throws Exception {
        Path fixture = dir.resolve("dataset.json");
        try (var in = MainTest.class.getResourceAsStream("/fixtures/dataset-all-sections.json")) {
            Files.copy(in, fixture);
        }
        Cli.Run imported = run("import", "json", fixture.toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        var report = TestApp.JSON.readTree(imported.out());
        assertThat(report.get("ok").asBoolean()).isTrue();
        assertThat(report.at("/sections/playthroughs/created").asInt()).isEqualTo(120);
        assertThat(report.at("/sections/list_entries/created").asInt()).isEqualTo(60);

        Path file = dir.resolve("out/export.json");
        Files.createDirectories(file.getParent());
        Cli.Run exported = run("export", file.toString());
        assertThat(exported.exitCode()).as(exported.err()).isZero();
        assertThat(exported.err()).contains("Exported").contains(file.toString());
        assertThat(Files.exists(file.resolveSibling("export.json.partial"))).isFalse();
        var document = TestApp.JSON.readTree(file.toFile());
        var original = TestApp.JSON.readTree(fixture.toFile());
        for (String section : java.util.List.of("genres", "franchises", "games", "editions", "playthroughs", "lists", "list_entries")) {
            assertThat(document.get(section).size()).as(section).isEqualTo(original.get(section).size());
        }

        Cli.Run toStdout = run("export", "-");
        assertThat(toStdout.exitCode()).isZero();
        assertThat(toStdout.out().getBytes(StandardCharsets.UTF_8)).isEqualTo(Files.readAllBytes(file));
    }

    @Test
    void anExportIntoAFolderThatIsNotThereIsOneLine() throws Exception {
        Path missing = dir.resolve("no-such-folder/export.json");
        Cli.Run run = run("export", missing.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("Cannot write " + missing + ": " + missing.getParent() + " is not a directory");
    }

    @Test
    void enrichNeedsIgdbCredentials() throws Exception {
        Cli.Run run = run("enrich");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("IGDB_CLIENT_ID").contains("IGDB_CLIENT_SECRET");
    }

    @Test
    void enrichDryRunReportsWithoutWriting() throws Exception {
        var jdbi = org.jdbi.v3.core.Jdbi.create(db.dataSource());
        jdbi.useHandle(h -> h.execute("""
                WITH g AS (INSERT INTO game (name, slug) VALUES ('Portal 2', 'portal-2-dry') RETURNING id)
                INSERT INTO external_id (source, external_id, game_id) SELECT 'steam', '620', id FROM g"""));
        try (var fake = questlog.testsupport.FakeIgdb.start(questlog.testsupport.FakeIgdbCatalog.realistic())) {
            Cli.Run run = run(IgdbRoutesTest.igdbEnv(fake), "enrich", "--dry-run");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("dry run").contains("1 would be filled");
            assertThat(fake.igdbRequests()).isPositive();
        }
        Long igdbId = jdbi.withHandle(h -> h.createQuery("SELECT igdb_id FROM game WHERE slug = 'portal-2-dry'")
                .mapTo(Long.class).one());
        assertThat(igdbId).isNull();
        jdbi.useHandle(h -> h.execute("DELETE FROM game WHERE slug = 'portal-2-dry'")); // the other tests count games
    }

    @Test
    void webhookSecretsAreEncryptedAndRotatedFromTheCommandLine() throws Exception {
        var jdbi = org.jdbi.v3.core.Jdbi.create(db.dataSource());
        String id = jdbi.withHandle(h -> h.createQuery("""
                INSERT INTO webhook (url, secret, last_event_id) VALUES ('https://hooks.example.com/x', :secret, 0)
                RETURNING id""").bind("secret", "a-plain-secret-from-before").mapTo(String.class).one());
        java.util.function.Supplier<String> stored = () -> jdbi.withHandle(h -> h.createQuery(
                "SELECT secret FROM webhook WHERE id = CAST(:id AS uuid)").bind("id", id).mapTo(String.class).one());
        String oldKey = run("secrets", "new-key").out().strip();
        String newKey = run("secrets", "new-key").out().strip();
        String oldId = questlog.common.SecretBox.Key.parse(oldKey).id();
        String newId = questlog.common.SecretBox.Key.parse(newKey).id();
        try {
            Cli.Run noKey = run("secrets", "rotate");
            assertThat(noKey.exitCode()).isEqualTo(2);
            assertThat(noKey.err()).contains("QUESTLOG_SECRET_KEY is not set").contains("openssl rand -base64 32");

            Cli.Run encrypted = run(Map.of("QUESTLOG_SECRET_KEY", oldKey), "secrets", "rotate");
            assertThat(encrypted.exitCode()).as(encrypted.err()).isZero();
            assertThat(encrypted.out()).contains("1 encrypted, 0 re-encrypted");
            assertThat(stored.get()).startsWith("v1:" + oldId + ":").doesNotContain("a-plain-secret");

            Cli.Run rotated = run(Map.of("QUESTLOG_SECRET_KEY", newKey, "QUESTLOG_SECRET_KEY_PREVIOUS", oldKey),
                    "secrets", "rotate");
            assertThat(rotated.out()).contains("0 encrypted, 1 re-encrypted with key " + newId);
            assertThat(stored.get()).startsWith("v1:" + newId + ":");

            Cli.Run wrong = run(Map.of("QUESTLOG_SECRET_KEY", oldKey), "secrets", "rotate");
            assertThat(wrong.exitCode()).isEqualTo(1);
            assertThat(wrong.out()).contains("1 that no configured key decrypts");
            assertThat(wrong.err()).contains("QUESTLOG_SECRET_KEY_PREVIOUS");
        } finally {
            jdbi.useHandle(h -> h.execute("DELETE FROM webhook"));
        }
    }

    @Test
    void invalidConfigurationIsReportedWithoutAStackTrace() throws Exception {
        Path env = dir.resolve("bad.env");
        Files.writeString(env, "PORT=abc\n");
        var err = new ByteArrayOutputStream();
        CommandLine cli = Main.commandLine();
        cli.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
        int code = cli.execute("--env-file", env.toString(), "migrate");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("PORT must be a whole number").doesNotContain("at questlog.");
    }

    /** An import that collided with another write: its message, to try again, without a stack trace. */
    @Test
    void anImportConflictIsReportedWithoutAStackTrace() throws Exception {
        var err = new ByteArrayOutputStream();
        CommandLine cli = Main.commandLine();
        cli.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
        var conflict = new questlog.common.dataset.ImportConflictException("nothing was written, try again",
                new IllegalStateException("deadlock detected"));
        int code = cli.getExecutionExceptionHandler().handleExecutionException(conflict, cli, null);
        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("nothing was written, try again").doesNotContain("at questlog.");
    }

    /**
     * Every command that opens the database (FILE: a readable file). Enrich gets IGDB
     * credentials, else it stops before that; nothing reaches IGDB.
     */
    static Stream<String> commands() {
        return Stream.of("serve", "migrate", "token list", "token create ci", "token revoke ci", "import json FILE",
                "export -", "enrich");
    }

    private Cli.Run runFailing(Map<String, String> env, String command) throws Exception {
        Path file = dir.resolve("empty.json");
        Files.writeString(file, "{}");
        Map<String, String> all = new HashMap<>(env);
        all.put("PORT", "0");
        all.put("IGDB_CLIENT_ID", "client");
        all.put("IGDB_CLIENT_SECRET", "secret");
        all.put("IGDB_BASE_URL", "http://127.0.0.1:1/");
        all.put("TWITCH_TOKEN_URL", "http://127.0.0.1:1/token");
        return run(all, command.replace("FILE", file.toString()).split(" "));
    }

    /** Exit code 2 and one line on stderr saying {@code what}, no stack trace. */
    private static void assertOneLineFailure(Cli.Run run, String what) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err().strip().lines()).as(run.err()).hasSize(1).first().asString().contains(what);
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @ParameterizedTest
    @MethodSource("commands")
    @Timeout(60)
    void aDataDirectoryThatCannotBeOneStopsEveryCommandWithOneLine(String command) throws Exception {
        Path notADirectory = dir.resolve("a-file");
        Files.writeString(notADirectory, "not a directory");
        Cli.Run run = runFailing(Map.of("DATABASE_URL", "", "QUESTLOG_DATA_DIR", notADirectory.toString()), command);
        assertOneLineFailure(run, "Cannot use the data directory " + notADirectory + ": a file is in the way");

        Path underAFile = notADirectory.resolve("questlog");
        run = runFailing(Map.of("DATABASE_URL", "", "QUESTLOG_DATA_DIR", underAFile.toString()), command);
        assertOneLineFailure(run, "Cannot use the data directory " + underAFile + ": Not a directory");
    }

    @ParameterizedTest
    @ValueSource(strings = {"serve", "token list", "import json FILE"})
    @Timeout(60)
    void anUnreachableDatabaseStopsTheServerAndCommandsWithOneLine(String command) throws Exception {
        Cli.Run run = runFailing(Map.of("DATABASE_URL", "postgres://nobody:secret@127.0.0.1:1/none"), command);
        assertOneLineFailure(run, "Cannot reach the database jdbc:postgresql://127.0.0.1:1/none: Connection to 127.0.0.1:1 refused");
        assertThat(run.err()).doesNotContain("secret");
    }

    @Test
    @Timeout(60)
    void aTakenPortStopsTheServerWithOneLineBeforeItStartsAnything() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Cli.Run run = run(Map.of("PORT", Integer.toString(taken.getLocalPort())), "serve");
            assertOneLineFailure(run, "Cannot listen on 0.0.0.0:" + taken.getLocalPort() + ": Address already in use");
        }
    }
}
