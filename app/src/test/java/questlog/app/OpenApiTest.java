package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.javalin.http.HandlerType;
import io.javalin.router.ParsedEndpoint;
import io.javalin.security.Roles;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.common.Access;

/**
 * Keeps {@code /api/openapi.json} true: every route of the app is in it (same method, path and
 * access), everything in it is a route, and real answers validate against its schemas. Route
 * tests elsewhere can check their own answers with
 * {@link #assertMatchesSpec(TestApp, String, String, TestApp.Response)}.
 */
class OpenApiTest {
    @RegisterExtension
    static final TestApp app = new TestApp();

    private static final Set<String> HTTP_METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    @Test
    void servesAnOpenApi31DocumentWithTheBuildVersion() {
        var response = app.get("/api/openapi.json");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        JsonNode doc = response.json();
        assertThat(doc.get("openapi").asText()).matches("3\\.1\\.\\d+");
        assertThat(doc.at("/info/title").asText()).isEqualTo("Questlog");
        assertThat(doc.at("/info/version").asText()).isEqualTo(OpenApi.build().getProperty("version")).doesNotContain("${");
        assertThat(doc.at("/info/description").asText()).contains("snake_case", "null", "ETag", "problem+json", "Bearer");
        assertThat(doc.at("/components/securitySchemes/bearerAuth/scheme").asText()).isEqualTo("bearer");
        // Paths are relative to the server the document came from (redocly's no-empty-servers).
        assertThat(doc.at("/servers/0/url").asText()).isEqualTo("/");
        assertThat(doc.at("/components/schemas/Problem/additionalProperties").asBoolean()).isTrue();
        assertThat(response.header("ETag")).as("read cache applies to the document too").isNotBlank();
    }

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedOperationIsARoute() {
        Set<String> routes = new TreeSet<>(routeRoles().keySet());
        Set<String> documented = new TreeSet<>(documentedOperations(spec(app).doc).keySet());

        Set<String> undocumented = new TreeSet<>(routes);
        undocumented.removeAll(documented);
        Set<String> notRoutes = new TreeSet<>(documented);
        notRoutes.removeAll(routes);
        assertThat(undocumented)
                .as("routes missing from /api/openapi.json (describe them in the module's <Feature>Api, see ApiOperation):%n  %s",
                        String.join("\n  ", undocumented))
                .isEmpty();
        assertThat(notRoutes)
                .as("operations in /api/openapi.json with no route:%n  %s", String.join("\n  ", notRoutes))
                .isEmpty();
        assertThat(routes).contains("GET /health", "GET /health/ready", "GET /metrics", "GET /api/openapi.json",
                "GET /api/docs", "GET /api/docs/assets/{}");
    }

    @Test
    void documentedSecurityMatchesEachRoutesAccessRole() {
        Map<String, JsonNode> documented = documentedOperations(spec(app).doc);
        List<String> wrong = new ArrayList<>();
        routeRoles().forEach((route, access) -> {
            JsonNode operation = documented.get(route);
            if (operation == null) {
                return;   // reported by the test above
            }
            String expected = switch (access) {
                case PUBLIC -> "[]";
                case READ -> "[{},{\"bearerAuth\":[]}]";
                case WRITE -> "[{\"bearerAuth\":[]}]";
            };
            String actual = operation.path("security").toString();
            if (!expected.equals(actual)) {
                wrong.add(route + " is tagged " + access + " but documented with security " + actual);
            }
        });
        assertThat(wrong).isEmpty();
    }

    /** The MCP endpoint's refusals are JSON-RPC errors, and its document says so rather than problem+json. */
    @Test
    void theMcpEndpointDocumentsItsJsonRpcErrors() {
        JsonNode responses = spec(app).doc.at("/paths/~1mcp/post/responses");
        for (String status : List.of("400", "415")) {
            assertThat(responses.at("/" + status + "/content").fieldNames()).toIterable().as(status)
                    .containsExactly("application/json");
        }
        var refused = app.send("POST", "/mcp", "not json".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "Content-Type", "application/json", "Accept", "application/json, text/event-stream");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/json");
        assertThat(refused.json().at("/error/code").asInt()).isEqualTo(-32700);
    }

    @Test
    void writeOperationsListTheAuthProblems() {
        documentedOperations(spec(app).doc).forEach((route, operation) -> {
            if (!operation.path("security").toString().equals("[{\"bearerAuth\":[]}]")) {
                return;
            }
            assertThat(operation.at("/responses/401/content/application~1problem+json/schema/$ref").asText())
                    .as(route).isEqualTo("#/components/schemas/Problem");
            assertThat(operation.at("/responses/403").isMissingNode()).as(route).isFalse();
        });
    }

    @Test
    void appRoutesAnswerAsDocumented() {
        for (String path : List.of("/health", "/health/", "/health/ready", "/metrics", "/api/openapi.json", "/api/docs",
                "/api/docs/assets/swagger-ui.css", "/api/docs/assets/favicon-32x32.png", "/api/docs/assets/nope.js")) {
            assertMatchesSpec(app, "GET", path, app.get(path));
        }
    }

    @Test
    void theSpecCheckRejectsAnswersThatDoNotMatch() {
        var wrongType = response(200, "application/json", "{\"status\": 5}");
        assertThatThrownBy(() -> assertMatchesSpec(app, "GET", "/health", wrongType))
                .isInstanceOf(AssertionError.class).satisfies(e -> assertThat(findings(e)).contains("/status"));
        var missingField = response(200, "application/json", "{\"checks\": {\"database\": \"ok\"}}");
        assertThatThrownBy(() -> assertMatchesSpec(app, "GET", "/health/ready", missingField))
                .isInstanceOf(AssertionError.class).satisfies(e -> assertThat(findings(e)).contains("status"));
        var notJson = response(200, "text/html", "<p>ok</p>");
        assertThatThrownBy(() -> assertMatchesSpec(app, "GET", "/health", notJson))
                .isInstanceOf(AssertionError.class).hasMessageContaining("text/html");
        var badProblem = response(404, "application/problem+json", "{\"status\": \"404\"}");
        assertThatThrownBy(() -> assertMatchesSpec(app, "GET", "/api/docs/assets/x.js", badProblem))
                .isInstanceOf(AssertionError.class).satisfies(e -> assertThat(findings(e)).contains("/status", "title"));
        var undocumentedStatus = response(201, "application/json", "{\"status\": \"ok\"}");
        assertThatThrownBy(() -> assertMatchesSpec(app, "GET", "/health", undocumentedStatus))
                .isInstanceOf(AssertionError.class).hasMessageContaining("201");
        assertThatThrownBy(() -> assertMatchesSpec(app, "POST", "/health", app.get("/health")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("POST /health");
        assertThatThrownBy(() -> assertMatchesSpec(app, "GET", "/no/such/route", app.get("/health")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("/no/such/route");
    }

    @Test
    void docsPageIsHtmlAndEveryAssetItLinksLoads() {
        var page = app.get("/api/docs");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("<div id=\"swagger-ui\">");

        Matcher links = Pattern.compile("(?:src|href)=\"(/api/docs/assets/[^\"]+)\"").matcher(page.body());
        Map<String, String> expectedTypes = Map.of(".js", "text/javascript", ".css", "text/css", ".png", "image/png");
        List<String> loaded = new ArrayList<>();
        while (links.find()) {
            String url = links.group(1);
            var asset = app.get(url);
            assertThat(asset.status()).as(url).isEqualTo(200);
            String extension = url.replaceAll("\\?.*", "").replaceAll(".*(\\.[a-z]+)$", "$1");
            assertThat(asset.contentType()).as(url).startsWith(expectedTypes.get(extension));
            assertThat(asset.bytes()).as(url).isNotEmpty();
            assertThat(asset.header("Cache-Control")).as(url).contains("max-age");
            loaded.add(url.replaceAll("\\?.*", ""));
        }
        assertThat(loaded).contains("/api/docs/assets/swagger-ui-bundle.js", "/api/docs/assets/swagger-ui.css",
                "/api/docs/assets/questlog-docs.js");

        var script = app.get("/api/docs/assets/questlog-docs.js");
        assertThat(script.body()).contains("SwaggerUIBundle(", "\"/api/openapi.json\"");
        assertThat(app.get("/api/docs/assets/swagger-ui-bundle.js").body()).contains("SwaggerUIBundle");
        assertThat(app.get("/api/docs/").status()).isEqualTo(200);
    }

    @Test
    void docsServeOnlyTheirOwnFiles() {
        for (String path : List.of("/api/docs/assets/index.html", "/api/docs/assets/swagger-initializer.js",
                "/api/docs/assets/..%2Fopenapi%2Fbuild.properties", "/api/docs/assets/%2E%2E%2F%2E%2E%2Fpom.xml")) {
            var response = app.get(path);
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.contentType()).as(path).startsWith("application/problem+json");
        }
    }

    // ---------------------------------------------------------------------------------------
    // The contract check, for any route test in this package.

    private static final Map<String, Spec> SPECS = new ConcurrentHashMap<>();

    /**
     * Fails unless {@code response}, recorded from {@code method path} on the running app, is
     * what /api/openapi.json promises: the operation exists, the status is listed (or, for an
     * error, the {@code default} problem), the content type matches, and a JSON body validates
     * against the schema (draft 2020-12, formats asserted).
     */
    static void assertMatchesSpec(TestApp app, String method, String path, TestApp.Response response) {
        spec(app).check(method.toUpperCase(Locale.ROOT), path, response);
    }

    /** What {@link #assertMatchesSpec} found wrong with a body, without the body itself. */
    static String findings(Throwable e) {
        String message = e.getMessage();
        int body = message.indexOf("\nbody: ");
        return body < 0 ? message : message.substring(0, body);
    }

    private static Spec spec(TestApp app) {
        return SPECS.computeIfAbsent(app.baseUrl(), url -> new Spec(app.get("/api/openapi.json").json()));
    }

    /** The served document, plus compiled schemas for the responses checked so far. */
    static final class Spec {
        private static final String BASE = "https://questlog.test/components.json";
        private static final String COMPONENTS = "#/components/schemas/";

        final JsonNode doc;
        private final JsonSchemaFactory factory;
        private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        private final Map<String, JsonSchema> compiled = new ConcurrentHashMap<>();
        private final List<Map.Entry<Pattern, String>> templates;

        Spec(JsonNode doc) {
            this.doc = doc;
            // the factory sees the component schemas as one 2020-12 document of $defs
            ObjectNode defs = TestApp.JSON.createObjectNode();
            defs.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            defs.set("$defs", rewriteRefs(doc.at("/components/schemas").deepCopy(), "#/$defs/"));
            String text = defs.toString();
            this.factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                    builder -> builder.schemaLoaders(loaders -> loaders.schemas(Map.of(BASE, text))));
            // literal paths win over templated ones: fewer parameters first
            List<Map.Entry<Pattern, String>> list = new ArrayList<>();
            doc.get("paths").fieldNames().forEachRemaining(template -> list.add(Map.entry(
                    Pattern.compile(Pattern.quote(template).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q")), template)));
            list.sort(Comparator.comparingInt(e -> e.getValue().split("\\{", -1).length));
            this.templates = list;
        }

        void check(String method, String rawPath, TestApp.Response response) {
            String path = rawPath.replaceAll("\\?.*", "");
            if (path.length() > 1 && path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            String requestPath = path;
            String template = templates.stream().filter(e -> e.getKey().matcher(requestPath).matches())
                    .map(Map.Entry::getValue).findFirst()
                    .orElseThrow(() -> new AssertionError("no path in /api/openapi.json matches " + rawPath));
            String what = method + " " + rawPath + " (" + template + ") answered " + response.status();
            JsonNode operation = doc.get("paths").get(template).get(method.toLowerCase(Locale.ROOT));
            if (operation == null) {
                throw new AssertionError(method + " " + template + " is not in /api/openapi.json");
            }
            String status = Integer.toString(response.status());
            JsonNode responses = operation.get("responses");
            String key = responses.has(status) ? status : response.status() >= 400 && responses.has("default") ? "default" : null;
            if (key == null) {
                throw new AssertionError(what + ", a status the document does not list (it lists "
                        + iterable(responses.fieldNames()) + "); body: " + response.body());
            }
            JsonNode content = responses.get(key).get("content");
            if (content == null) {
                if (response.bytes().length != 0) {
                    throw new AssertionError(what + " with a body, but the document says no content: " + response.body());
                }
                return;
            }
            String contentType = response.contentType();
            String mediaType = iterable(content.fieldNames()).stream().filter(m -> mediaTypeMatches(m, contentType))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(what + " as " + contentType + ", but the document says "
                            + iterable(content.fieldNames())));
            if (!isJson(mediaType)) {
                return;
            }
            JsonSchema schema = compiled.computeIfAbsent(template + " " + method + " " + key + " " + mediaType,
                    k -> factory.getSchema(rewriteRefs(content.get(mediaType).get("schema").deepCopy(), BASE + "#/$defs/"), config));
            JsonNode body = response.json();
            Set<ValidationMessage> errors = schema.validate(body);
            if (!errors.isEmpty()) {
                throw new AssertionError(what + ", whose body does not match the document:\n  "
                        + errors.stream().map(ValidationMessage::toString).sorted().collect(Collectors.joining("\n  "))
                        + "\nbody: " + abbreviate(response.body()));
            }
        }

        /** Points {@code #/components/schemas/X} refs at {@code prefix + X}. */
        private static JsonNode rewriteRefs(JsonNode schema, String prefix) {
            if (schema instanceof ObjectNode object) {
                JsonNode ref = object.get("$ref");
                if (ref != null && ref.asText().startsWith(COMPONENTS)) {
                    object.put("$ref", prefix + ref.asText().substring(COMPONENTS.length()));
                }
                object.forEach(child -> rewriteRefs(child, prefix));
            } else if (schema.isArray()) {
                schema.forEach(child -> rewriteRefs(child, prefix));
            }
            return schema;
        }

        private static boolean mediaTypeMatches(String documented, String actual) {
            if (actual == null) {
                return false;
            }
            String want = base(documented);
            String got = base(actual);
            return want.equals("*/*") || want.equals(got)
                    || (want.endsWith("/*") && got.startsWith(want.substring(0, want.length() - 1)));
        }

        private static String base(String mediaType) {
            return mediaType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        }

        private static boolean isJson(String mediaType) {
            String b = base(mediaType);
            return b.equals("application/json") || b.endsWith("+json");
        }

        private static List<String> iterable(java.util.Iterator<String> names) {
            List<String> list = new ArrayList<>();
            names.forEachRemaining(list::add);
            return list;
        }

        private static String abbreviate(String body) {
            return body.length() > 2000 ? body.substring(0, 2000) + "…" : body;
        }
    }

    // ---------------------------------------------------------------------------------------

    /**
     * Every HTTP route of the app ("GET /api/games/{}") with the access it is tagged with. The
     * route table comes from {@link App#create} over the test app's own dependencies, the same
     * factory the running server was built by; before/after handlers are not routes.
     */
    private static Map<String, Access> routeRoles() {
        Map<String, Access> routes = new TreeMap<>();
        for (ParsedEndpoint parsed : App.create(app.deps()).unsafe.internalRouter.allHttpHandlers()) {
            HandlerType method = parsed.endpoint.method;
            if (!HTTP_METHODS.contains(method.name())) {
                continue;
            }
            Roles roles = parsed.endpoint.metadata(Roles.class);
            Access access = Auth.required(roles == null ? Set.of() : roles.getRoles());
            routes.put(method.name() + " " + OpenApi.normalisedPath(parsed.endpoint.path), access);
        }
        return routes;
    }

    /** Every operation of the document, keyed like {@link #routeRoles()}. */
    private static Map<String, JsonNode> documentedOperations(JsonNode doc) {
        Map<String, JsonNode> operations = new TreeMap<>();
        for (var path : doc.get("paths").properties()) {
            for (var op : path.getValue().properties()) {
                String method = op.getKey().toUpperCase(Locale.ROOT);
                if (HTTP_METHODS.contains(method)) {
                    operations.put(method + " " + OpenApi.normalisedPath(path.getKey()), op.getValue());
                }
            }
        }
        return operations;
    }

    private static TestApp.Response response(int status, String contentType, String body) {
        return new TestApp.Response(status, Map.of("Content-Type", List.of(contentType)), body.getBytes(StandardCharsets.UTF_8));
    }
}
