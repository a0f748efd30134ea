package questlog.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.validation.ValidationError;
import io.javalin.validation.ValidationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdbi.v3.core.ConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import questlog.common.FieldError;
import questlog.common.InvalidInputException;
import questlog.common.Json;

/**
 * The one place that writes error bodies. Every non-2xx answer becomes
 * {@code application/problem+json}; unexpected exceptions are logged with the request id and
 * answered with a generic 500 that leaks nothing.
 */
public final class ProblemMappers {
    private static final Logger log = LoggerFactory.getLogger(ProblemMappers.class);

    private final ObjectMapper json;

    public ProblemMappers(ObjectMapper json) {
        this.json = json;
    }

    public void register(JavalinConfig config) {
        config.routes.exception(HttpResponseException.class, (e, ctx) -> write(ctx, fromHttpResponse(e, ctx)));
        config.routes.exception(ValidationException.class, (e, ctx) -> write(ctx, fromValidation(e, ctx)));
        config.routes.exception(InvalidInputException.class, (e, ctx) ->
                write(ctx, problem(e.status(), "invalid-input", e.getMessage(), ctx, e.errors(), Map.of())));
        config.routes.exception(Exception.class, (e, ctx) -> write(ctx, fromUnexpected(e, ctx)));
        // Unmatched routes and methods; bodies already written by a handler are kept.
        for (int status : new int[] {404, 405}) {
            config.routes.error(status, ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty()) {
                    String detail = status == 404
                            ? "No resource at " + HeadRequests.method(ctx) + " " + ctx.path()
                            : HeadRequests.method(ctx) + " is not allowed on " + ctx.path();
                    write(ctx, problem(status, null, detail, ctx, null, Map.of()));
                }
            });
        }
    }

    /** Writes a problem as the response; used by other app handlers too (auth, readiness). */
    void write(Context ctx, ProblemDetail problem) {
        try {
            ctx.status(problem.status()).contentType(ProblemDetail.CONTENT_TYPE).result(json.writeValueAsBytes(problem));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ProblemDetail problem(int status, String slug, String detail, Context ctx, List<FieldError> errors,
                                 Map<String, Object> extensions) {
        HttpStatus http = HttpStatus.forStatus(status);
        String title = http == HttpStatus.UNKNOWN ? "Error" : http.getMessage();
        String type = slug == null ? "about:blank" : ProblemDetail.TYPE_BASE + slug;
        return new ProblemDetail(type, title, status, detail, ctx.path(), errors, extensions);
    }

    private ProblemDetail fromHttpResponse(HttpResponseException e, Context ctx) {
        int status = e.getStatus();
        String detail = e.getMessage() == null || e.getMessage().isBlank() ? HttpStatus.forStatus(status).getMessage() : e.getMessage();
        if (status == 413) {
            detail = "The request body is too large";
        }
        // Details given by a handler become extension members (e.g. {"error": "Work not found"}).
        Map<String, Object> extensions = new LinkedHashMap<>(e.getDetails());
        if (status == 405) {
            allow(ctx, extensions);
        }
        return problem(status, null, detail, ctx, null, extensions);
    }

    /**
     * The {@code Allow} header of a 405 (RFC 9110 15.5.6): the methods Javalin found routed for
     * the path, which it gives as a detail ("availableMethods", or "Available methods" to a
     * client that accepts HTML), plus HEAD wherever GET is (see {@link HeadRequests}). The detail
     * in the body says the same.
     */
    private static void allow(Context ctx, Map<String, Object> extensions) {
        for (String key : List.of("availableMethods", "Available methods")) {
            if (extensions.get(key) instanceof String available) {
                List<String> methods = new ArrayList<>();
                for (String method : available.split(",")) {
                    String m = method.strip();
                    if (!m.isEmpty() && !m.equals("HEAD")) {
                        methods.add(m);
                        if (m.equals("GET")) {
                            methods.add("HEAD");
                        }
                    }
                }
                String allowed = String.join(", ", methods);
                extensions.put(key, allowed);
                ctx.header("Allow", allowed);
                return;
            }
        }
    }

    private ProblemDetail fromValidation(ValidationException e, Context ctx) {
        List<FieldError> errors = new ArrayList<>();
        e.getErrors().forEach((field, list) -> {
            for (ValidationError<?> error : list) {
                errors.add(new FieldError(field, describe(error)));
            }
        });
        String detail = errors.size() == 1 ? errors.getFirst().field() + ": " + errors.getFirst().message()
                : errors.size() + " parameters are invalid";
        return problem(400, "invalid-input", detail, ctx, errors, Map.of());
    }

    private static final java.util.regex.Pattern WHOLE_NUMBER = java.util.regex.Pattern.compile("[-+]?\\d+");

    private static String describe(ValidationError<?> error) {
        String message = error.getMessage();
        if ("TYPE_CONVERSION_FAILED".equals(message)) {
            // Digits that did not convert are a whole number too large for the parameter.
            return WHOLE_NUMBER.matcher(String.valueOf(error.value)).matches()
                    ? "is out of range (got '" + error.value + "'; whole numbers up to " + Integer.MAX_VALUE + ")"
                    : "has the wrong type (got '" + error.value + "')";
        }
        if ("NULLCHECK_FAILED".equals(message)) {
            return "is required";
        }
        return message;
    }

    private ProblemDetail fromUnexpected(Exception e, Context ctx) {
        JsonProcessingException jsonError = findCause(e, JsonProcessingException.class);
        if (jsonError != null) {
            return fromJson(jsonError, ctx);
        }
        if (findCause(e, ConnectionException.class) != null || findCause(e, java.sql.SQLTransientConnectionException.class) != null) {
            log.error("request {} {} {}: database unavailable", RequestIds.current(ctx), ctx.method(), ctx.path(), e);
            return problem(503, "database-unavailable", "The database is not reachable right now; try again shortly",
                    ctx, null, Map.of());
        }
        log.error("request {} {} {} failed", RequestIds.current(ctx), ctx.method(), ctx.path(), e);
        return problem(500, "internal", "Something went wrong on our side (request id " + RequestIds.current(ctx) + ")",
                ctx, null, Map.of("request_id", RequestIds.current(ctx)));
    }

    /**
     * Turns Jackson's errors into field errors without Java type names or parser internals. The
     * rule: a body that is not JSON, or not the JSON shape the route takes at all, is a 400; a
     * problem with one field (unknown, wrong type, wrong format) is a 422 naming it, like every
     * other broken rule about a field's value.
     */
    private ProblemDetail fromJson(JsonProcessingException e, Context ctx) {
        if (e instanceof Json.RefusedValue r) {
            String field = path(r, null);
            return problem(422, "invalid-input", field + ": " + r.reason(), ctx,
                    List.of(new FieldError(field, r.reason())), Map.of());
        }
        var twice = Json.duplicateMember(e);
        if (twice.isPresent()) {
            String field = twice.get();
            return problem(400, "invalid-json", "The request body has the member '" + field + "' twice (each name "
                    + "appears at most once in an object)", ctx, List.of(new FieldError(field, "appears twice")), Map.of());
        }
        if (e instanceof UnrecognizedPropertyException u) {
            String field = path(u, u.getPropertyName());
            return problem(422, "invalid-input", field + ": unknown field", ctx,
                    List.of(new FieldError(field, "unknown field")), Map.of());
        }
        if (e instanceof InvalidFormatException f) {
            String field = path(f, null);
            String message = "has the wrong type or format (got " + quoted(f.getValue()) + ", expected " + expected(f.getTargetType()) + ")";
            return problem(422, "invalid-input", field + ": " + message, ctx, List.of(new FieldError(field, message)), Map.of());
        }
        if (e instanceof MismatchedInputException m) {
            String field = path(m, null);
            String message = m.getTargetType() == null ? "has the wrong shape" : "has the wrong type (expected " + expected(m.getTargetType()) + ")";
            if (field.isEmpty()) {
                return problem(400, "invalid-json", "The request body has the wrong shape (expected "
                        + expected(m.getTargetType()) + ")", ctx, null, Map.of());
            }
            return problem(422, "invalid-input", field + ": " + message, ctx, List.of(new FieldError(field, message)), Map.of());
        }
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String field = path(m, null);
            return problem(422, "invalid-input", field + ": is invalid", ctx, List.of(new FieldError(field, "is invalid")), Map.of());
        }
        String where = "";
        if (e instanceof StreamReadException s && s.getLocation() != null) {
            where = " at line " + s.getLocation().getLineNr() + ", column " + s.getLocation().getColumnNr();
        }
        return problem(400, "invalid-json", "The request body is not valid JSON" + where, ctx, null, Map.of());
    }

    private static String path(JsonMappingException e, String leaf) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        if (leaf != null && !sb.toString().endsWith(leaf)) {
            sb.append(sb.isEmpty() ? "" : ".").append(leaf);
        }
        return sb.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "another type";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == java.time.LocalDate.class) {
            return "a date YYYY-MM-DD";
        }
        if (type == java.time.Instant.class || type == java.time.OffsetDateTime.class) {
            return "a timestamp like 2026-01-31T12:00:00Z";
        }
        if (type == java.util.UUID.class) {
            return "a UUID";
        }
        if (type.isEnum()) {
            List<String> names = new ArrayList<>();
            for (Object c : type.getEnumConstants()) {
                names.add(c.toString().toLowerCase(Locale.ROOT));
            }
            return "one of " + names;
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }

    private static String quoted(Object value) {
        return value instanceof String s ? "'" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "'" : String.valueOf(value);
    }

    private static <T extends Throwable> T findCause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
