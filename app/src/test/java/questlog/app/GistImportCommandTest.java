package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * {@code questlog import gist} as a user runs it, against a running server given by --api and
 * --token: the dry run prints every line's fate and writes nothing, the import reads a gist from
 * a URL, the second import creates nothing, and a refused token is said plainly.
 */
@Isolated
class GistImportCommandTest {
    @RegisterExtension
    static final TestApp app = new TestApp();

    @TempDir
    Path dir;

    @Test
    void importsAGistFromAFileOrAUrlOnceAndSaysWhatItDid() throws IOException {
        byte[] gist;
        try (InputStream in = getClass().getResourceAsStream("/gists/rpgs.md")) {
            gist = in.readAllBytes();
        }
        Path file = dir.resolve("rpgs.md");
        Files.write(file, gist);
        String[] server = {"--api", app.baseUrl(), "--token", app.writeToken()};

        Cli.Run dry = Cli.run(dir.resolve("env"), Map.of(), concat(new String[] {"import", "gist", file.toString(), "--dry-run"}, server));
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        assertThat(dry.out())
                .contains("line    7  created   franchise   Final Fantasy  (final-fantasy)")
                .contains("line   12  created   game        Stormblood  (stormblood, expansion of final-fantasy-xiv)")
                .contains("line   49  skipped   line        https://example.com/my-favourite-game")
                .contains("Dry run, nothing written. 27 items: created 4 franchises, 20 games, 21 playthroughs, 1 lists, 5 list entries");
        assertThat(app.get("/api/games?limit=1").json().get("total").asInt()).isZero();

        HttpServer gists = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gists.createContext("/owner/rpgs.md", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(200, gist.length);
            exchange.getResponseBody().write(gist);
            exchange.close();
        });
        gists.start();
        try {
            String url = "http://127.0.0.1:" + gists.getAddress().getPort() + "/owner/rpgs.md";
            Cli.Run first = Cli.run(dir.resolve("env"), Map.of(), concat(new String[] {"import", "gist", url}, server));
            assertThat(first.exitCode()).as(first.err()).isZero();
            assertThat(first.out())
                    .contains("line   59  skipped   line        [ ] Sea of Stars")
                    .contains("Imported 27 items: created 4 franchises, 20 games, 21 playthroughs, 1 lists, 5 list entries")
                    .doesNotContain("created   game");
        } finally {
            gists.stop(0);
        }
        assertThat(app.get("/api/games?limit=1").json().get("total").asInt()).isEqualTo(20);

        Cli.Run second = Cli.run(dir.resolve("env"), Map.of(), concat(new String[] {"import", "gist", file.toString(), "--json"}, server));
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(TestApp.JSON.readTree(second.out()).at("/created/playthroughs").asInt()).isZero();
        assertThat(TestApp.JSON.readTree(second.out()).at("/unchanged/playthroughs").asInt()).isEqualTo(21);

        Cli.Run refused = Cli.run(dir.resolve("env"), Map.of(), "import", "gist", file.toString(), "--api", app.baseUrl(),
                "--token", "not-a-token");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("POST /api/import/gist answered 401: Unauthorized");
    }

    @Test
    void aGistPageUrlIsReadRaw() {
        assertThat(GistImportCommand.rawGist(okhttp3.HttpUrl.get("https://gist.github.com/owner/0123abc")).toString())
                .isEqualTo("https://gist.github.com/owner/0123abc/raw");
        assertThat(GistImportCommand.rawGist(okhttp3.HttpUrl.get("https://example.com/a/b")).toString())
                .isEqualTo("https://example.com/a/b");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
