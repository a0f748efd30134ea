package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Walks every write operation of the served OpenAPI document and sends, for each string field of
 * its request body, a NUL character, a 100,000-character string and a value of the wrong type:
 * every answer must be a 4xx problem+json naming the field, never a 5xx, and nothing may be
 * written. On the way, every handler must read the body type its operation documents.
 */
class WriteRoutesContractTest {
    @RegisterExtension
    static final TestApp app = new TestApp();

    static JsonNode document;
    static final Map<String, String> ids = new LinkedHashMap<>();

    @BeforeAll
    static void fixtures() {
        document = app.get("/api/openapi.json").json();
        created(app.post("/api/franchises", Map.of("name", "Fuzz Franchise")));
        created(app.post("/api/genres", Map.of("name", "Fuzz Genre")));
        created(app.post("/api/games", Map.of("name", "Fuzz Game")));
        created(app.post("/api/lists", Map.of("name", "Fuzz List", "is_ranked", true)));
        created(app.post("/api/lists/fuzz-list/entries", Map.of("game", "fuzz-game")));
        ids.put("playthrough", created(app.post("/api/games/fuzz-game/playthroughs", Map.of("status", "playing")))
                .get("id").asText());
        ids.put("session", created(app.post("/api/playthroughs/" + ids.get("playthrough") + "/sessions",
                Map.of("minutes", 30))).get("id").asText());
        ids.put("webhook", created(app.post("/api/webhooks", Map.of("url", "https://hooks.example.com/questlog")))
                .get("id").asText());
    }

    static JsonNode created(TestApp.Response response) {
        assertThat(response.status()).as(response.toString()).isBetween(200, 201);
        return response.json();
    }

    @Test
    void everyStringFieldOfEveryWriteOperationRefusesWhatItCannotStore() {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (var path : document.get("paths").properties()) {
            for (var operation : path.getValue().properties()) {
                String method = operation.getKey().toUpperCase();
                JsonNode schema = operation.getValue().at("/requestBody/content/application~1json/schema");
                if (method.equals("GET") || schema.isMissingNode()) {
                    continue;
                }
                String url = concrete(path.getKey());
                JsonNode resolved = resolve(schema);
                for (var field : stringFields(resolved).entrySet()) {
                    for (JsonNode bad : badValues(field.getValue())) {
                        // The other required fields are there, so the one bad field is the problem.
                        JsonNode body = bad;
                        if (!field.getKey().isEmpty()) {
                            ObjectNode object = TestApp.JSON.createObjectNode();
                            resolved.path("required").forEach(r -> object.set(r.asText(),
                                    plausible(resolve(resolved.at("/properties/" + r.asText())))));
                            object.set(field.getKey(), bad);
                            body = object;
                        }
                        String before = fingerprint();
                        TestApp.Response response = app.send(method, url, body.toString(),
                                "Authorization", "Bearer " + app.writeToken());
                        checked++;
                        String what = method + " " + url + " " + field.getKey() + "=" + abbreviated(bad) + " → "
                                + abbreviated(response.body());
                        if (response.status() < 400 || response.status() >= 500) {
                            failures.add("not a 4xx: " + what);
                            continue;
                        }
                        if (response.contentType() == null || !response.contentType().startsWith(ProblemDetail.CONTENT_TYPE)) {
                            failures.add("not problem+json: " + what);
                            continue;
                        }
                        boolean wholeBodyOfAnotherType = field.getKey().isEmpty() && response.status() == 400;
                        if (!wholeBodyOfAnotherType && !namesField(response.json(), field.getKey())) {
                            failures.add("does not name the field: " + what);
                        }
                        if (!before.equals(fingerprint())) {
                            failures.add("wrote something: " + what);
                        }
                    }
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(checked).as("requests sent").isGreaterThan(150);
        assertThat(app.deps().bodyContract.violations()).as("routes reading another body than documented").isEmpty();
    }

    @Test
    void everyRequiredFieldOfEveryRequestSchemaIsEnforcedByItsRoute() {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (var path : document.get("paths").properties()) {
            for (var operation : path.getValue().properties()) {
                String method = operation.getKey().toUpperCase();
                JsonNode schema = resolve(operation.getValue().at("/requestBody/content/application~1json/schema"));
                if (method.equals("GET") || !schema.has("required")) {
                    continue;
                }
                List<String> required = new ArrayList<>();
                schema.get("required").forEach(r -> required.add(r.asText()));
                for (String missing : required) {
                    ObjectNode body = TestApp.JSON.createObjectNode();
                    for (String other : required) {
                        if (!other.equals(missing)) {
                            body.set(other, plausible(resolve(schema.at("/properties/" + other))));
                        }
                    }
                    String before = fingerprint();
                    TestApp.Response response = app.send(method, concrete(path.getKey()), body.toString(),
                            "Authorization", "Bearer " + app.writeToken());
                    checked++;
                    String what = method + " " + path.getKey() + " without " + missing + " → " + abbreviated(response.body());
                    if (response.status() != 422 || !namesField(response.json(), missing)) {
                        failures.add(what);
                    }
                    if (!before.equals(fingerprint())) {
                        failures.add("wrote something: " + what);
                    }
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(checked).as("required fields checked").isGreaterThanOrEqualTo(7);
    }

    /** A value of the schema's type (the first allowed one for an enum). */
    static JsonNode plausible(JsonNode schema) {
        var nodes = TestApp.JSON.getNodeFactory();
        if (schema.has("enum")) {
            return schema.get("enum").get(0);
        }
        if (hasType(schema, "integer") || hasType(schema, "number")) {
            return nodes.numberNode(30);
        }
        if (hasType(schema, "boolean")) {
            return nodes.booleanNode(true);
        }
        if (hasType(schema, "array")) {
            return TestApp.JSON.createArrayNode();
        }
        if (hasType(schema, "object")) {
            return TestApp.JSON.createObjectNode();
        }
        return nodes.textNode("plausible-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** The path with its parameters filled in from the fixtures. */
    static String concrete(String template) {
        String url = template;
        if (url.startsWith("/api/games/")) {
            url = url.replace("{slug}", "fuzz-game");
        }
        if (url.startsWith("/api/lists/")) {
            url = url.replace("{slug}", "fuzz-list").replace("{game}", "fuzz-game");
        }
        if (url.startsWith("/api/playthroughs/")) {
            url = url.replace("{id}", ids.get("playthrough")).replace("{session}", ids.get("session"));
        }
        if (url.startsWith("/api/webhooks/")) {
            url = url.replace("{id}", ids.get("webhook"));
        }
        return url.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
    }

    /** Follows a {@code $ref} into components. */
    static JsonNode resolve(JsonNode schema) {
        if (schema.has("$ref")) {
            return document.at(schema.get("$ref").asText().substring(1));
        }
        return schema;
    }

    /**
     * The fields of a body schema that hold text: {@code ""} for a body that is itself an array of
     * strings, else the name of each string or array-of-strings property.
     */
    static Map<String, JsonNode> stringFields(JsonNode schema) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        if (isArrayOfStrings(schema)) {
            fields.put("", schema);
            return fields;
        }
        JsonNode properties = schema.path("properties");
        for (var property : properties.properties()) {
            JsonNode field = resolve(property.getValue());
            if (hasType(field, "string") || isArrayOfStrings(field)) {
                fields.put(property.getKey(), field);
            }
        }
        return fields;
    }

    static boolean hasType(JsonNode schema, String type) {
        JsonNode t = schema.path("type");
        if (t.isTextual()) {
            return t.asText().equals(type);
        }
        for (JsonNode one : t) {
            if (one.asText().equals(type)) {
                return true;
            }
        }
        return false;
    }

    static boolean isArrayOfStrings(JsonNode schema) {
        return hasType(schema, "array") && hasType(resolve(schema.path("items")), "string");
    }

    /** A NUL character, 100,000 characters, and a number where text belongs (in an array when the field is one). */
    static List<JsonNode> badValues(JsonNode field) {
        List<JsonNode> values = new ArrayList<>();
        values.add(TestApp.JSON.getNodeFactory().textNode("nul\u0000here"));
        values.add(TestApp.JSON.getNodeFactory().textNode("x".repeat(100_000)));
        values.add(TestApp.JSON.getNodeFactory().numberNode(12345));
        if (isArrayOfStrings(field)) {
            List<JsonNode> arrays = new ArrayList<>();
            for (JsonNode value : values) {
                ArrayNode array = TestApp.JSON.createArrayNode();
                array.add(value);
                arrays.add(array);
            }
            arrays.add(TestApp.JSON.getNodeFactory().numberNode(12345));
            return arrays;
        }
        return values;
    }

    static boolean namesField(JsonNode problem, String field) {
        for (JsonNode error : problem.path("errors")) {
            String named = error.path("field").asText();
            if (field.isEmpty() ? named.startsWith("[") || named.equals("body") : named.equals(field)
                    || named.startsWith(field + "[") || named.startsWith(field + ".")) {
                return true;
            }
        }
        return false;
    }

    /** Row counts and the newest change of every table, and the newest event: changes when anything is written. */
    static String fingerprint() {
        return app.deps().jdbi().withHandle(h -> {
            StringBuilder out = new StringBuilder();
            for (String table : h.createQuery("""
                            SELECT table_name FROM information_schema.tables
                            WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name""")
                    .mapTo(String.class).list()) {
                // A webhook's delivery bookkeeping moves its updated_at by itself; its row count still tells.
                boolean stamped = !table.equals("webhook") && h.createQuery("""
                                SELECT count(*) > 0 FROM information_schema.columns
                                WHERE table_schema = 'public' AND table_name = :t AND column_name = 'updated_at'""")
                        .bind("t", table).mapTo(Boolean.class).one();
                out.append(table).append('=').append(h.createQuery("SELECT count(*)"
                        + (stamped ? " || '/' || coalesce(max(updated_at)::text, '-')" : "") + " FROM " + table)
                        .mapTo(String.class).one()).append(' ');
            }
            return out.toString();
        });
    }

    static String abbreviated(Object value) {
        String text = String.valueOf(value).replace("\u0000", "\\u0000");
        return text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }

}
