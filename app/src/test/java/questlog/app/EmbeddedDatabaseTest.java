package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The no-setup default: without DATABASE_URL the app runs on an embedded PostgreSQL whose data
 * lives in QUESTLOG_DATA_DIR, with PostgreSQL's durable settings. Commands run beside the server
 * use its database; a second server on the directory is refused; once the server has stopped,
 * a command starts its own database and finds what the server wrote. (This machine runs tests as
 * root: the embedded server copes with that.) One server for the class: each start costs seconds.
 */
@Isolated("captures System.out and System.err for the commands")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedDatabaseTest {
    @TempDir
    static Path dataDir;
    @TempDir
    static Path work;

    static AppDeps deps;
    static Javalin server;
    static final HttpClient http = HttpClient.newHttpClient();

    static Map<String, String> env() {
        return Map.of("QUESTLOG_DATA_DIR", dataDir.toString(), "DATABASE_URL", "", "PORT", "0");
    }

    @BeforeAll
    static void startServer() {
        deps = AppDeps.build(AppConfig.fromEnv(env()));
        server = App.create(deps).start("127.0.0.1", 0);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.stop();
            deps.close();
        }
    }

    @Test
    @Order(1)
    void theServerRunsPostgresWithItsDurableSettings() throws Exception {
        assertThat(deps.database.isEmbedded()).isTrue();
        for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
            String value = deps.jdbi().withHandle(h -> h.createQuery("SHOW " + setting).mapTo(String.class).one());
            assertThat(value).as(setting).isEqualTo("on");
        }
        assertThat(Files.readString(dataDir.resolve(DataDirectory.SERVER_FILE)))
                .contains("port=").contains("pid=" + ProcessHandle.current().pid());
    }

    @Test
    @Order(2)
    void aCommandUsesTheRunningServersDatabase() throws Exception {
        long postmaster = EmbeddedPostgresServer.runningPostmaster(dataDir.resolve("postgres")).orElseThrow().pid();

        Cli.Run created = Cli.run(work.resolve("cli.env"), env(), "token", "create", "from-the-cli");

        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.err()).contains("Using the embedded PostgreSQL of the questlog server running on " + dataDir)
                .doesNotContain("Starting embedded PostgreSQL");
        assertThat(EmbeddedPostgresServer.runningPostmaster(dataDir.resolve("postgres")).map(ProcessHandle::pid))
                .contains(postmaster);
        // The server knows the token at once: one database.
        var response = post("/api/games", created.out().strip(), "{\"name\":\"Ōkami\",\"original_release_year\":2006}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    @Test
    @Order(3)
    void aSecondServerOnTheDataDirectoryIsRefusedAtOnce() throws Exception {
        long started = System.nanoTime();
        Cli.Run second = Cli.run(work.resolve("serve.env"), env(), "serve");

        assertThat(second.exitCode()).as(second.err()).isEqualTo(2);
        assertThat(second.err().strip()).isEqualTo("The data directory " + dataDir + " is in use by questlog serve (pid "
                + ProcessHandle.current().pid() + "): stop it first, or give this server another QUESTLOG_DATA_DIR"
                + " (or a DATABASE_URL)");
        // At once, not after waiting for the embedded PostgreSQL to give up.
        assertThat(System.nanoTime() - started).isLessThan(EmbeddedPostgresServer.WAIT.toNanos() / 2);
    }

    @Test
    @Order(4)
    void afterTheServerStopsACommandStartsItsOwnDatabaseAndFindsWhatTheServerWrote() throws Exception {
        Path pgData = dataDir.resolve("postgres");
        long postmaster = EmbeddedPostgresServer.runningPostmaster(pgData).orElseThrow().pid();
        stopServer();
        server = null;
        assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive)).isIn(Optional.empty(), Optional.of(false));
        assertThat(dataDir.resolve(DataDirectory.SERVER_FILE)).doesNotExist();

        Cli.Run exported = Cli.run(work.resolve("export.env"), env(), "export", "-");

        assertThat(exported.exitCode()).as(exported.err()).isZero();
        assertThat(exported.err()).contains("Starting embedded PostgreSQL with data in " + pgData);
        var games = TestApp.JSON.readTree(exported.out()).get("games");
        assertThat(games).hasSize(1);
        assertThat(games.get(0).get("name").asText()).isEqualTo("Ōkami");
        assertThat(games.get(0).get("original_release_year").asInt()).isEqualTo(2006);
        // The command stopped its PostgreSQL and let go of the directory.
        assertThat(EmbeddedPostgresServer.runningPostmaster(pgData)).isEmpty();
        try (var claim = DataDirectory.open(dataDir).tryClaim("test").orElseThrow()) {
            assertThat(claim).isNotNull();
        }
    }

    static HttpResponse<String> post(String path, String token, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
