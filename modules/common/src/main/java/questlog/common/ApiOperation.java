package questlog.common;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One HTTP operation as the OpenAPI document at {@code /api/openapi.json} shows it. Modules
 * describe their routes with these, next to the routes themselves; app turns them into the
 * document, generating the JSON schemas from the record classes named here. A test in app
 * checks that every registered route is described (same method, path and access role) and that
 * recorded responses validate against the document, so a description cannot drift from its
 * route unnoticed.
 *
 * <h2>How a module documents its routes</h2>
 * <ol>
 * <li>Next to {@code <Feature>Module}, add a package-private {@code <Feature>Api} class with one
 * static method listing the operations, in the order of {@code routes()}:
 * <pre>{@code
 * final class LibraryApi {
 *     private LibraryApi() {}
 *
 *     static List<ApiOperation> operations() {
 *         return ApiOperation.tagged("Games", List.of(
 *             ApiOperation.get("/api/games", "List games", ApiResponse.pageOf(GameSummary.class))
 *                 .withParams(ApiParam.query("q", String.class, "Search in names"),
 *                             ApiParam.query("limit", Integer.class, "Page size, 1 to 5000 (default 100)"))
 *                 .withProblems(400),
 *             ApiOperation.get("/api/games/{slug}", "Get a game", ApiResponse.ok(GameDetail.class))
 *                 .withParams(ApiParam.path("slug", "The game's slug"))
 *                 .withProblems(404),
 *             ApiOperation.post("/api/games", "Add a game", ApiResponse.created(GameDetail.class))
 *                 .withBody(CreateGameRequest.class)
 *                 .withProblems(409, 422)));
 *     }
 * }
 * }</pre>
 * Paths are full and in Javalin syntax ({@code /api/games/{slug}}), without a trailing slash.
 * GET operations default to {@link Access#READ}, the others to {@link Access#WRITE}; say
 * {@link #withAccess} when the route is tagged otherwise. Path parameters not listed are
 * documented as plain text.</li>
 * <li>Give the module its one extra public method:
 * <pre>{@code
 * public List<ApiOperation> operations() {
 *     return LibraryApi.operations();
 * }
 * }</pre></li>
 * <li>app lists it once in {@code AppDeps.moduleOperations()}.</li>
 * </ol>
 * Error answers need no schema: every operation may answer {@code application/problem+json};
 * list the statuses a client should expect ({@code withProblems(404, 409)}). 401 and 403 are
 * added to WRITE operations, and 400 to operations with a body or typed query parameters.
 *
 * @param method       GET, POST, PUT, PATCH or DELETE
 * @param path         in Javalin syntax, e.g. {@code /api/games/{slug}}
 * @param summary      one short line
 * @param description  longer text (CommonMark), may be empty
 * @param access       the role the route is tagged with
 * @param params       path, query and header parameters
 * @param requestBody  null when the operation reads no body
 * @param response     the successful answer
 * @param problemStatuses the 4xx/5xx statuses worth listing, answered as problem+json
 * @param tag          the group shown in the browsable docs, null for none
 * @param jsonErrors   4xx/5xx statuses answered with a plain JSON object of the protocol's own
 *                     instead of a problem (the MCP endpoint's JSON-RPC errors), each with its description
 */
public record ApiOperation(String method, String path, String summary, String description, Access access,
                           List<ApiParam> params, ApiBody requestBody, ApiResponse response,
                           List<Integer> problemStatuses, String tag, Map<Integer, String> jsonErrors) {

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}/]+)}|<([^>/]+)>");

    public ApiOperation {
        Objects.requireNonNull(method, "method");
        method = method.toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("method must be one of " + METHODS + ", not " + method);
        }
        if (path == null || !path.startsWith("/") || (path.length() > 1 && path.endsWith("/"))) {
            throw new IllegalArgumentException("path must start with / and not end with one: " + path);
        }
        if (summary == null || summary.isBlank()) {
            throw new IllegalArgumentException(method + " " + path + ": a summary is required");
        }
        description = description == null ? "" : description;
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(response, "response");
        if (requestBody != null && requestBody.shape() == ApiBody.Shape.PAGE) {
            throw new IllegalArgumentException(method + " " + path + ": a request body is never a page");
        }
        if (requestBody != null && method.equals("GET")) {
            throw new IllegalArgumentException(method + " " + path + ": GET reads no body");
        }
        params = withPathParams(method + " " + path, path, params == null ? List.of() : params);
        TreeSet<Integer> statuses = new TreeSet<>(problemStatuses == null ? List.of() : problemStatuses);
        for (int status : statuses) {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException(method + " " + path + ": problem status " + status + " is not 4xx/5xx");
            }
        }
        problemStatuses = List.copyOf(statuses);
        jsonErrors = jsonErrors == null ? Map.of() : Map.copyOf(new TreeMap<>(jsonErrors));
        for (int status : jsonErrors.keySet()) {
            if (status < 400 || status > 599 || statuses.contains(status)) {
                throw new IllegalArgumentException(method + " " + path + ": JSON error status " + status
                        + " is not 4xx/5xx or is also a problem status");
            }
        }
    }

    public static ApiOperation get(String path, String summary, ApiResponse response) {
        return of("GET", path, summary, response);
    }

    public static ApiOperation post(String path, String summary, ApiResponse response) {
        return of("POST", path, summary, response);
    }

    public static ApiOperation put(String path, String summary, ApiResponse response) {
        return of("PUT", path, summary, response);
    }

    public static ApiOperation patch(String path, String summary, ApiResponse response) {
        return of("PATCH", path, summary, response);
    }

    public static ApiOperation delete(String path, String summary, ApiResponse response) {
        return of("DELETE", path, summary, response);
    }

    /** GET defaults to {@link Access#READ}, every other method to {@link Access#WRITE}. */
    public static ApiOperation of(String method, String path, String summary, ApiResponse response) {
        Access access = "GET".equalsIgnoreCase(method) ? Access.READ : Access.WRITE;
        return new ApiOperation(method, path, summary, "", access, List.of(), null, response, List.of(), null, Map.of());
    }

    /** The same operations, all in the given group of the browsable docs. */
    public static List<ApiOperation> tagged(String tag, List<ApiOperation> operations) {
        return operations.stream().map(o -> o.withTag(tag)).toList();
    }

    public ApiOperation withDescription(String description) {
        return new ApiOperation(method, path, summary, description, access, params, requestBody, response, problemStatuses, tag, jsonErrors);
    }

    public ApiOperation withAccess(Access access) {
        return new ApiOperation(method, path, summary, description, access, params, requestBody, response, problemStatuses, tag, jsonErrors);
    }

    /** Adds parameters; a path parameter given here replaces the plain-text default. */
    public ApiOperation withParams(ApiParam... more) {
        List<ApiParam> all = new ArrayList<>(params);
        for (ApiParam p : more) {
            all.removeIf(existing -> existing.in() == p.in() && existing.name().equals(p.name())
                    && existing.in() == ApiParam.In.PATH);
            all.add(p);
        }
        return new ApiOperation(method, path, summary, description, access, all, requestBody, response, problemStatuses, tag, jsonErrors);
    }

    /** A JSON request body of one record. */
    public ApiOperation withBody(Class<?> type) {
        return withBody(ApiBody.of(type));
    }

    public ApiOperation withBody(ApiBody body) {
        return new ApiOperation(method, path, summary, description, access, params, body, response, problemStatuses, tag, jsonErrors);
    }

    public ApiOperation withProblems(Integer... statuses) {
        List<Integer> all = new ArrayList<>(problemStatuses);
        all.addAll(Arrays.asList(statuses));
        return new ApiOperation(method, path, summary, description, access, params, requestBody, response, all, tag, jsonErrors);
    }

    /** A status answered with a plain JSON object of the protocol's own, not a problem. */
    public ApiOperation withJsonError(int status, String description) {
        Map<Integer, String> all = new TreeMap<>(jsonErrors);
        all.put(status, description);
        List<Integer> problems = new ArrayList<>(problemStatuses);
        problems.remove(Integer.valueOf(status));
        return new ApiOperation(method, path, summary, this.description, access, params, requestBody, response, problems, tag, all);
    }

    public ApiOperation withTag(String tag) {
        return new ApiOperation(method, path, summary, description, access, params, requestBody, response, problemStatuses, tag, jsonErrors);
    }

    /** The names in the path's {@code {braces}} (or Javalin's {@code <angle>} form), in order. */
    public static List<String> pathParamNames(String path) {
        List<String> names = new ArrayList<>();
        Matcher m = PATH_PARAM.matcher(path);
        while (m.find()) {
            names.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return names;
    }

    private static List<ApiParam> withPathParams(String what, String path, List<ApiParam> given) {
        List<String> inPath = pathParamNames(path);
        Set<String> seen = new HashSet<>();
        for (ApiParam p : given) {
            if (!seen.add(p.in() + ":" + p.name())) {
                throw new IllegalArgumentException(what + ": parameter '" + p.name() + "' is listed twice");
            }
            if (p.in() == ApiParam.In.PATH && !inPath.contains(p.name())) {
                throw new IllegalArgumentException(what + ": path parameter '" + p.name() + "' is not in the path");
            }
        }
        LinkedHashSet<ApiParam> all = new LinkedHashSet<>();
        for (String name : inPath) {
            all.add(given.stream().filter(p -> p.in() == ApiParam.In.PATH && p.name().equals(name)).findFirst()
                    .orElse(ApiParam.path(name, "")));
        }
        given.stream().filter(p -> p.in() != ApiParam.In.PATH).forEach(all::add);
        return List.copyOf(all);
    }
}
