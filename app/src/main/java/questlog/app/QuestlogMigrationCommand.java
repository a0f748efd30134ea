package questlog.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * {@code questlog import questlog URL}: copies a running original Questlog into a server, through
 * both HTTP APIs. It reads the original's read API (franchises, genres, works and editions page by
 * page, lists, each list's entries and activity; a list gone between the index and its detail, a
 * 404 {@code {"error": ...}}, is reported and left out) and sends the records to the server's
 * {@code POST /api/import/questlog}, which keeps their ids, so running it again changes nothing.
 * Up to {@link #ONE_REQUEST_BYTES} it is one request and one transaction; a larger library goes in
 * chunks (catalog, works by {@link #WORKS_PER_CHUNK}, lists), each a transaction of its own and
 * safe to repeat. A progress bar on a terminal counts the requests.
 */
final class QuestlogMigrationCommand {
    static final int PAGE = 500;
    static final int WORKS_PER_CHUNK = 500;
    static final int LISTS_PER_CHUNK = 20;
    static final int ONE_REQUEST_BYTES = 900_000;
    private static final MediaType JSON_TYPE = MediaType.get("application/json");

    private final HttpUrl original;
    private final ApiTarget target;
    private final ObjectMapper json;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;
    private final OkHttpClient http = ApiTarget.client();
    private ProgressBar bar;
    private long steps;

    QuestlogMigrationCommand(String original, ApiTarget target, ObjectMapper json, PrintStream out, PrintStream err,
                             boolean terminal) {
        HttpUrl url = HttpUrl.parse(original.endsWith("/") ? original : original + "/");
        if (url == null) {
            throw new Main.UserError("Not an http(s) URL: " + original);
        }
        this.original = url;
        this.target = target;
        this.json = json;
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    int run(boolean dryRun) throws IOException {
        bar = terminal ? new ProgressBarBuilder().setTaskName("Copying").setStyle(ProgressBarStyle.ASCII)
                .setInitialMax(-1).setUnit(" requests", 1).continuousUpdate().build() : null;
        try {
            ArrayNode franchises = array(get("api/franchises", Map.of()), "franchises");
            ArrayNode genres = array(get("api/genres", Map.of()), "genres");
            List<JsonNode> works = pages("api/works");
            Map<String, ArrayNode> editionsByWork = new LinkedHashMap<>();
            for (JsonNode e : pages("api/editions")) {
                editionsByWork.computeIfAbsent(e.path("work_id").asText(), k -> json.createArrayNode()).add(edition(e));
            }
            List<ObjectNode> lists = new ArrayList<>();
            for (JsonNode summary : array(get("api/lists", Map.of()), "lists")) {
                ObjectNode list = list(summary.path("slug").asText());
                if (list != null) {
                    lists.add(list);
                }
            }
            ArrayNode workNodes = json.createArrayNode();
            for (JsonNode w : works) {
                workNodes.add(work(w, editionsByWork.getOrDefault(w.path("id").asText(), json.createArrayNode())));
            }
            line("Read %d franchises, %d genres, %d works, %d editions, %d lists from %s", franchises.size(), genres.size(),
                    workNodes.size(), editionsByWork.values().stream().mapToInt(ArrayNode::size).sum(), lists.size(), original);
            return send(franchises, genres, workNodes, lists, dryRun);
        } finally {
            if (bar != null) {
                bar.close();
            }
        }
    }

    private int send(ArrayNode franchises, ArrayNode genres, ArrayNode works, List<ObjectNode> lists, boolean dryRun)
            throws IOException {
        ObjectNode whole = json.createObjectNode();
        whole.set("franchises", franchises);
        whole.set("genres", genres);
        whole.set("works", works);
        whole.set("lists", json.createArrayNode().addAll(lists));
        byte[] body = json.writeValueAsBytes(whole);
        List<JsonNode> reports = new ArrayList<>();
        if (body.length <= ONE_REQUEST_BYTES) {
            reports.add(post(body, dryRun));
        } else if (dryRun) {
            throw new Main.UserError("The library is " + body.length / 1000 + " KB, more than one dry-run request carries; "
                    + "a real run sends it in parts (each safe to repeat)");
        } else {
            ObjectNode catalog = json.createObjectNode();
            catalog.set("franchises", franchises);
            catalog.set("genres", genres);
            reports.add(post(json.writeValueAsBytes(catalog), false));
            for (int i = 0; i < works.size(); i += WORKS_PER_CHUNK) {
                ArrayNode chunk = json.createArrayNode();
                for (int j = i; j < Math.min(i + WORKS_PER_CHUNK, works.size()); j++) {
                    chunk.add(works.get(j));
                }
                reports.add(post(json.writeValueAsBytes(json.createObjectNode().set("works", chunk)), false));
            }
            for (int i = 0; i < lists.size(); i += LISTS_PER_CHUNK) {
                ArrayNode chunk = json.createArrayNode().addAll(lists.subList(i, Math.min(i + LISTS_PER_CHUNK, lists.size())));
                reports.add(post(json.writeValueAsBytes(json.createObjectNode().set("lists", chunk)), false));
            }
        }
        if (reports.contains(null)) {
            return 1;
        }
        StringBuilder summary = new StringBuilder(dryRun ? "Dry run, nothing written:" : "Copied:");
        for (String kind : List.of("franchises", "genres", "works", "editions", "lists")) {
            int created = 0;
            int updated = 0;
            int unchanged = 0;
            for (JsonNode r : reports) {
                created += r.at("/" + kind + "/created").asInt();
                updated += r.at("/" + kind + "/updated").asInt();
                unchanged += r.at("/" + kind + "/unchanged").asInt();
            }
            summary.append(String.format(" %s %d created, %d updated, %d unchanged;", kind, created, updated, unchanged));
        }
        out.println(summary.substring(0, summary.length() - 1));
        return 0;
    }

    private JsonNode post(byte[] body, boolean dryRun) throws IOException {
        HttpUrl url = target.url("api/import/questlog").addQueryParameter("dry_run", Boolean.toString(dryRun)).build();
        try (Response response = http.newCall(target.request(url).post(RequestBody.create(body, JSON_TYPE)).build()).execute()) {
            step();
            if (!response.isSuccessful()) {
                err.println(ProblemText.of(json, response));
                return null;
            }
            return json.readTree(response.body().bytes());
        } catch (IOException e) {
            throw new Main.UserError("Cannot reach " + target.base() + ": " + e.getMessage());
        }
    }

    /** Every page of a paged bare-array route, until a page is short. */
    private List<JsonNode> pages(String path) throws IOException {
        List<JsonNode> all = new ArrayList<>();
        for (int offset = 0; ; offset += PAGE) {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("limit", Integer.toString(PAGE));
            query.put("offset", Integer.toString(offset));
            ArrayNode page = array(get(path, query), path);
            page.forEach(all::add);
            if (page.size() < PAGE) {
                return all;
            }
        }
    }

    /** A list with its entries and activity, in the shape the server takes; null when the original no longer has it. */
    private ObjectNode list(String slug) throws IOException {
        JsonNode detail = get("api/lists/" + slug, Map.of());
        JsonNode activity = detail == null ? null : get("api/lists/" + slug + "/activity", Map.of("limit", "5000"));
        if (detail == null || activity == null) {
            line("List '%s' is gone from %s (404): left out", slug, original);
            return null;
        }
        ObjectNode list = pick(detail, "id", "slug", "name", "description", "is_ranked");
        ArrayNode entries = list.putArray("entries");
        for (JsonNode e : detail.path("entries")) {
            entries.add(pick(e, "id", "work_id", "position", "notes"));
        }
        ArrayNode history = list.putArray("activity");
        for (JsonNode a : array(activity, "activity of " + slug)) {
            history.add(pick(a, "id", "timestamp", "verb", "entries", "metadata"));
        }
        return list;
    }

    private ObjectNode work(JsonNode w, ArrayNode editions) {
        ObjectNode work = pick(w, "id", "name", "slug", "original_release_year");
        JsonNode franchise = w.path("franchise");
        work.set("franchise", franchise.isObject() ? pick(franchise, "id", "name", "slug") : null);
        work.set("editions", editions);
        return work;
    }

    private ObjectNode edition(JsonNode e) {
        return pick(e, "id", "work_id", "name", "slug", "edition_type", "igdb_id", "twitch_category_id", "cover_url",
                "release_date", "summary");
    }

    /** The named members of {@code node} (null when absent), nothing else. */
    private ObjectNode pick(JsonNode node, String... fields) {
        ObjectNode picked = json.createObjectNode();
        for (String f : fields) {
            picked.set(f, node.hasNonNull(f) ? node.get(f) : null);
        }
        return picked;
    }

    private ArrayNode array(JsonNode node, String what) {
        if (node == null || !node.isArray()) {
            throw new Main.UserError(original + ": expected a JSON array of " + what + ", got "
                    + (node == null ? "a 404" : node.getNodeType()));
        }
        return (ArrayNode) node;
    }

    /** A GET of the original's API: the JSON, or null for a 404; anything else stops the copy. */
    private JsonNode get(String path, Map<String, String> query) throws IOException {
        HttpUrl.Builder url = original.newBuilder().addPathSegments(path);
        query.forEach(url::addQueryParameter);
        Request request = new Request.Builder().url(url.build()).header("Accept", "application/json").build();
        for (int attempt = 1; ; attempt++) {
            try (Response response = http.newCall(request).execute()) {
                step();
                if (response.code() == 404) {
                    return null;
                }
                if (response.code() >= 500 && attempt < 3) {
                    sleep(attempt);
                    continue;
                }
                if (!response.isSuccessful()) {
                    throw new Main.UserError("GET " + request.url() + " answered " + response.code());
                }
                return json.readTree(response.body().bytes());
            } catch (IOException e) {
                if (attempt >= 3) {
                    throw new Main.UserError("Cannot read " + request.url() + ": " + e.getMessage());
                }
                sleep(attempt);
            }
        }
    }

    private static void sleep(int attempt) {
        try {
            Thread.sleep(500L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Main.UserError("Interrupted");
        }
    }

    private void step() {
        steps++;
        if (bar != null) {
            bar.stepTo(steps);
        } else if (steps % 50 == 0) {
            err.println(steps + " requests");
        }
    }

    private void line(String format, Object... args) {
        err.println(String.format(format, args));
    }
}
