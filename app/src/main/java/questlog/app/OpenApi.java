package questlog.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import questlog.common.Access;
import questlog.common.ApiBody;
import questlog.common.ApiOperation;
import questlog.common.ApiParam;

/**
 * Builds the OpenAPI 3.1 document served at {@code /api/openapi.json} from the operations the
 * modules describe plus app's own ({@link OpenApiAppRoutes}). Built once at startup. Bodies get
 * schemas generated from their Java types ({@link OpenApiSchemas}); every error is the one
 * hand-written {@code Problem} schema; WRITE operations need the bearer scheme.
 */
final class OpenApi {
    static final String OPENAPI_VERSION = "3.1.1";
    static final String BEARER = "bearerAuth";
    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    private final ObjectMapper json;
    private final OpenApiSchemas schemas;

    private OpenApi(ObjectMapper json) {
        this.json = json;
        this.schemas = new OpenApiSchemas(json);
    }

    /** The whole document: app's own operations first, then the modules'. */
    static ObjectNode document(ObjectMapper json, List<ApiOperation> moduleOperations) {
        List<ApiOperation> all = new ArrayList<>(OpenApiAppRoutes.operations());
        all.addAll(moduleOperations);
        return new OpenApi(json).build(all);
    }

    /**
     * Facts about this build, written by Maven into {@code openapi/build.properties}: {@code version}
     * (the project's, e.g. 0.1.0-SNAPSHOT) and {@code swagger-ui.version} (the webjar's).
     */
    static Properties build() {
        Properties build = new Properties();
        try (InputStream in = resource("openapi/build.properties")) {
            build.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return build;
    }

    private ObjectNode build(List<ApiOperation> operations) {
        ObjectNode doc = json.createObjectNode();
        doc.put("openapi", OPENAPI_VERSION);
        ObjectNode info = doc.putObject("info");
        info.put("title", "Questlog");
        info.put("version", build().getProperty("version"));
        info.put("summary", "A self-hosted personal gaming journal: games, playthroughs, lists, profiles and stats.");
        info.put("description", text("openapi/description.md"));
        // The paths are relative to wherever the document was fetched from.
        doc.putArray("servers").addObject().put("url", "/");

        Set<String> tags = new LinkedHashSet<>();
        Set<String> seen = new HashSet<>();
        Set<String> operationIds = new HashSet<>();
        ObjectNode paths = doc.putObject("paths");
        for (ApiOperation op : operations) {
            String path = openApiPath(op.path());
            if (!seen.add(op.method() + " " + normalisedPath(op.path()))) {
                throw new IllegalStateException("OpenAPI: " + op.method() + " " + op.path() + " is described twice");
            }
            ObjectNode item = paths.has(path) ? (ObjectNode) paths.get(path) : paths.putObject(path);
            ObjectNode operation = operation(op);
            if (!operationIds.add(operation.get("operationId").asText())) {
                throw new IllegalStateException("OpenAPI: operation id " + operation.get("operationId") + " is taken");
            }
            item.set(op.method().toLowerCase(Locale.ROOT), operation);
            if (op.tag() != null) {
                tags.add(op.tag());
            }
        }
        ArrayNode tagList = doc.putArray("tags");
        tags.forEach(t -> tagList.addObject().put("name", t));

        ObjectNode components = doc.putObject("components");
        ObjectNode componentSchemas = schemas.components();
        if (componentSchemas.has("Problem")) {
            throw new IllegalStateException("OpenAPI: a body type is named Problem, which is the error schema's name");
        }
        componentSchemas.set("Problem", problemSchema());
        components.set("schemas", componentSchemas);
        components.putObject("securitySchemes").putObject(BEARER)
                .put("type", "http")
                .put("scheme", "bearer")
                .put("description", "A token from `questlog token create` (or the QUESTLOG_API_KEY value), sent as "
                        + "`Authorization: Bearer <token>`. Needed for every write; for reads only when the server runs "
                        + "with QUESTLOG_PRIVATE=true.");
        return doc;
    }

    private ObjectNode operation(ApiOperation op) {
        ObjectNode node = json.createObjectNode();
        node.put("operationId", operationId(op));
        if (op.tag() != null) {
            node.putArray("tags").add(op.tag());
        }
        node.put("summary", op.summary());
        if (!op.description().isBlank()) {
            node.put("description", op.description());
        }
        if (!op.params().isEmpty()) {
            ArrayNode params = node.putArray("parameters");
            for (ApiParam p : op.params()) {
                ObjectNode param = params.addObject();
                param.put("name", p.name());
                param.put("in", p.in().name().toLowerCase(Locale.ROOT));
                param.put("required", p.required());
                if (!p.description().isBlank()) {
                    param.put("description", p.description());
                }
                param.set("schema", schemas.parameter(p.type()));
            }
        }
        if (op.requestBody() != null) {
            ObjectNode body = node.putObject("requestBody");
            body.put("required", true);
            body.putObject("content").putObject(op.requestBody().mediaType()).set("schema", schemas.request(op.requestBody()));
        }

        ObjectNode responses = node.putObject("responses");
        ObjectNode success = responses.putObject(Integer.toString(op.response().status()));
        success.put("description", op.response().description());
        op.response().content().ifPresent(body -> {
            success.putObject("content").putObject(body.mediaType()).set("schema", schemas.response(body));
            if (isCachedRead(op, body)) {
                success.putObject("headers").putObject("ETag")
                        .put("description", "Tag of this representation; send it back in If-None-Match to get a 304")
                        .putObject("schema").put("type", "string");
            }
        });
        if (op.response().status() == 201) {
            success.putObject("headers").putObject("Location")
                    .put("description", "The URL of what was created (an absolute path); a GET answers it")
                    .putObject("schema").put("type", "string");
        }
        if (op.response().body() != null && isCachedRead(op, op.response().body())) {
            responses.putObject("304").put("description", "Not modified: the If-None-Match tag still matches");
        }
        for (int status : problemStatuses(op)) {
            responses.set(Integer.toString(status), problemResponse(reason(status)));
        }
        new TreeMap<>(op.jsonErrors()).forEach((status, description) -> {
            ObjectNode error = responses.putObject(Integer.toString(status)).put("description", description);
            error.putObject("content").putObject("application/json").putObject("schema").put("type", "object");
        });
        responses.set("default", problemResponse("Any other error (for example 500, or 503 while the database is unreachable)"));

        ArrayNode security = node.putArray("security");
        switch (op.access()) {
            case WRITE -> security.addObject().putArray(BEARER);
            case READ -> {
                security.addObject();   // anonymous, unless reads are private
                security.addObject().putArray(BEARER);
            }
            case PUBLIC -> { }
        }
        return node;
    }

    /** The listed statuses plus the ones every operation of its kind can answer. */
    private static Set<Integer> problemStatuses(ApiOperation op) {
        Set<Integer> statuses = new TreeSet<>(op.problemStatuses());
        boolean typedInput = op.requestBody() != null
                || op.params().stream().anyMatch(p -> p.in() != ApiParam.In.PATH && p.type() != String.class);
        if (typedInput) {
            statuses.add(400);
        }
        if (op.access() == Access.WRITE) {
            statuses.add(401);
            statuses.add(403);
        }
        statuses.removeAll(op.jsonErrors().keySet());   // answered in the protocol's own shape
        return statuses;
    }

    /** GET JSON under /api passes through the read cache, which adds an ETag and answers If-None-Match. */
    private static boolean isCachedRead(ApiOperation op, ApiBody body) {
        return op.method().equals("GET") && op.path().startsWith("/api/") && body.isJson() && op.response().status() == 200;
    }

    private ObjectNode problemResponse(String description) {
        ObjectNode response = json.createObjectNode();
        response.put("description", description);
        response.putObject("content").putObject("application/problem+json").putObject("schema").put("$ref", PROBLEM_REF);
        return response;
    }

    /** RFC 9457 problem details as {@link ProblemMappers} writes them. */
    private ObjectNode problemSchema() {
        ObjectNode schema = json.createObjectNode();
        schema.put("type", "object");
        schema.put("description", "An RFC 9457 problem. Compatibility routes add the original API's members, "
                + "e.g. `error` (\"Work not found\"); other extension members may appear.");
        ObjectNode props = schema.putObject("properties");
        props.putObject("type").put("type", "string").put("description", "A URI naming the kind of problem, or about:blank");
        props.putObject("title").put("type", "string").put("description", "The HTTP reason phrase");
        props.putObject("status").put("type", "integer").put("format", "int32");
        props.putObject("detail").put("type", "string").put("description", "What went wrong, for people");
        props.putObject("instance").put("type", "string").put("description", "The request path");
        ObjectNode errors = props.putObject("errors");
        errors.put("type", "array");
        errors.put("description", "Validation problems, one per offending field");
        ObjectNode error = errors.putObject("items");
        error.put("type", "object");
        ObjectNode errorProps = error.putObject("properties");
        errorProps.putObject("field").put("type", "string");
        errorProps.putObject("message").put("type", "string");
        error.putArray("required").add("field").add("message");
        props.putObject("error").put("type", "string").put("description", "Compatibility routes only: the original API's message");
        schema.putArray("required").add("type").add("title").add("status").add("detail");
        schema.put("additionalProperties", true);
        return schema;
    }

    /** {@code GET /api/games/{slug}/playthroughs} → {@code getApiGamesBySlugPlaythroughs}. */
    static String operationId(ApiOperation op) {
        StringBuilder id = new StringBuilder(op.method().toLowerCase(Locale.ROOT));
        for (String segment : op.path().split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            boolean param = segment.startsWith("{") || segment.startsWith("<");
            if (param) {
                id.append("By");
            }
            for (String word : segment.split("[^A-Za-z0-9]+")) {
                if (!word.isEmpty()) {
                    id.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
                }
            }
        }
        return id.toString();
    }

    /** Javalin's {@code <name>} form becomes OpenAPI's {@code {name}}. */
    static String openApiPath(String javalinPath) {
        return javalinPath.replaceAll("<([^>/]+)>", "{$1}");
    }

    /** The path with every parameter written {@code {}} and no trailing slash: what makes two routes the same. */
    static String normalisedPath(String path) {
        String p = path.replaceAll("\\{[^}/]+}|<[^>/]+>", "{}");
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    private static String reason(int status) {
        HttpStatus http = HttpStatus.forStatus(status);
        return switch (status) {
            case 400 -> "Bad request: malformed input (problem with `errors` per field)";
            case 401 -> "Unauthorized: no valid bearer token";
            case 403 -> "Forbidden: the token lacks the needed scope";
            case 404 -> "Not found";
            case 409 -> "Conflict: for example a slug or IGDB id already in use";
            case 422 -> "Unprocessable: the input breaks a rule (problem with `errors` per field)";
            default -> http == HttpStatus.UNKNOWN ? "Error " + status : http.getMessage();
        };
    }

    static String text(String resource) {
        try (InputStream in = resource(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static InputStream resource(String name) {
        InputStream in = OpenApi.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("missing resource " + name);
        }
        return in;
    }
}
