package questlog.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;

/**
 * {@code questlog import gist FILE|URL|-}: a client of {@code POST /api/import/gist}. It reads the
 * gist (a file, standard input, or a URL: a gist.github.com page URL is fetched raw), sends it
 * whole, and the server plans and writes it in one transaction. On a terminal a progress bar
 * follows the server's progress lines; then it prints what was created, matched and skipped
 * ({@code --dry-run}: what would be, line by line), or the report as JSON ({@code --json}).
 */
final class GistImportCommand {
    private static final MediaType MARKDOWN = MediaType.get("text/markdown; charset=utf-8");

    private final ApiTarget target;
    private final ObjectMapper json;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;
    private final OkHttpClient http = ApiTarget.client();

    GistImportCommand(ApiTarget target, ObjectMapper json, PrintStream out, PrintStream err, boolean terminal) {
        this.target = target;
        this.json = json;
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    int run(String source, boolean dryRun, boolean asJson) throws IOException {
        byte[] markdown = read(source);
        HttpUrl url = target.url("api/import/gist").addQueryParameter("dry_run", Boolean.toString(dryRun)).build();
        Request request = target.request(url)
                .header("Accept", "application/x-ndjson, application/json;q=0.5")
                .post(RequestBody.create(markdown, MARKDOWN))
                .build();
        try (Response response = http.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                err.println(ProblemText.of(json, response));
                return 1;
            }
            JsonNode report = follow(response.body().source());
            if (report == null) {
                return 1;
            }
            if (asJson) {
                out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(report));
            } else {
                print(report);
            }
            return 0;
        } catch (IOException e) {
            throw new Main.UserError("Cannot reach " + target.base() + ": " + e.getMessage());
        }
    }

    /** Reads the progress lines (a bar on a terminal) up to the report; null after an error line. */
    private JsonNode follow(BufferedSource lines) throws IOException {
        ProgressBar bar = terminal ? new ProgressBarBuilder().setTaskName("Importing").setStyle(ProgressBarStyle.ASCII)
                .setInitialMax(-1).setUnit(" steps", 1).continuousUpdate().build() : null; // on stderr
        try {
            String line;
            while ((line = lines.readUtf8Line()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode message = json.readTree(line);
                if (message.has("progress")) {
                    if (bar != null) {
                        bar.maxHint(message.at("/progress/total").asLong());
                        bar.stepTo(message.at("/progress/done").asLong());
                    }
                } else if (message.has("report")) {
                    return message.get("report");
                } else if (message.has("error")) {
                    err.println("The import failed: " + message.at("/error/detail").asText());
                    return null;
                } else if (message.has("dry_run")) {
                    return message; // a server answering plain JSON
                }
            }
            err.println("The server closed the connection before the import's report");
            return null;
        } finally {
            if (bar != null) {
                bar.close();
            }
        }
    }

    private void print(JsonNode report) {
        boolean dryRun = report.get("dry_run").asBoolean();
        for (JsonNode action : report.get("actions")) {
            String verb = action.get("action").asText();
            // A real run lists what it did not do; a dry run everything it would do.
            if (dryRun || verb.equals("skipped")) {
                out.printf("line %4d  %-9s %-11s %s%s%n", action.get("line").asInt(), verb, action.get("kind").asText(),
                        action.get("name").asText(), action.get("detail").isNull() ? "" : "  (" + action.get("detail").asText() + ")");
            }
        }
        out.printf("%s %d items: created %s; matched %s; already imported %d playthroughs, %d list entries; skipped %d lines%n",
                dryRun ? "Dry run, nothing written." : "Imported", report.get("items").asInt(),
                counts(report.get("created")), counts(report.get("matched")),
                report.at("/unchanged/playthroughs").asInt(), report.at("/unchanged/list_entries").asInt(),
                report.get("skipped").asInt());
    }

    private static String counts(JsonNode c) {
        return c.get("franchises").asInt() + " franchises, " + c.get("games").asInt() + " games, "
                + c.get("playthroughs").asInt() + " playthroughs, " + c.get("lists").asInt() + " lists, "
                + c.get("list_entries").asInt() + " list entries";
    }

    private byte[] read(String source) throws IOException {
        if (source.equals("-")) {
            return System.in.readAllBytes();
        }
        if (source.startsWith("http://") || source.startsWith("https://")) {
            HttpUrl url = HttpUrl.parse(source);
            if (url == null) {
                throw new Main.UserError("Not a URL: " + source);
            }
            try (Response response = http.newCall(new Request.Builder().url(rawGist(url)).build()).execute()) {
                if (!response.isSuccessful()) {
                    throw new Main.UserError("GET " + url + " answered " + response.code());
                }
                return response.body().bytes();
            }
        }
        Path file = Path.of(source);
        if (!Files.isReadable(file)) {
            throw new Main.UserError("Cannot read " + file);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return in.readAllBytes();
        }
    }

    /** A gist's page (gist.github.com/USER/ID) is HTML; its raw text is at .../raw. */
    static HttpUrl rawGist(HttpUrl url) {
        if (url.host().equals("gist.github.com") && url.pathSize() == 2 && !url.pathSegments().get(1).isEmpty()) {
            return url.newBuilder().addPathSegment("raw").build();
        }
        return url;
    }
}
