package questlog.common;

import java.util.Optional;

/**
 * The successful answer of an operation: its status and its body, or no body at all (204).
 * Error answers are not described here: they are all {@code application/problem+json} and an
 * operation only lists their statuses ({@link ApiOperation#withProblems}).
 *
 * <pre>{@code
 * ApiResponse.ok(GameDetail.class)           // 200, one GameDetail
 * ApiResponse.pageOf(GameSummary.class)      // 200, Page<GameSummary>
 * ApiResponse.arrayOf(Work.class)            // 200, bare array (compatibility routes)
 * ApiResponse.created(GameDetail.class)      // 201
 * ApiResponse.noContent()                    // 204
 * }</pre>
 *
 * @param body null for no content
 */
public record ApiResponse(int status, ApiBody body, String description) {

    public ApiResponse {
        if (status < 200 || status > 299) {
            throw new IllegalArgumentException("a success response has a 2xx status, not " + status);
        }
        if ((status == 204) != (body == null)) {
            throw new IllegalArgumentException("204 and only 204 has no body");
        }
        if (description == null || description.isBlank()) {
            description = defaultDescription(status);
        }
    }

    public static ApiResponse of(int status, ApiBody body) {
        return new ApiResponse(status, body, null);
    }

    public static ApiResponse ok(Class<?> type) {
        return of(200, ApiBody.of(type));
    }

    public static ApiResponse ok(ApiBody body) {
        return of(200, body);
    }

    public static ApiResponse arrayOf(Class<?> itemType) {
        return of(200, ApiBody.arrayOf(itemType));
    }

    public static ApiResponse pageOf(Class<?> itemType) {
        return of(200, ApiBody.pageOf(itemType));
    }

    public static ApiResponse created(Class<?> type) {
        return of(201, ApiBody.of(type));
    }

    public static ApiResponse accepted(Class<?> type) {
        return of(202, ApiBody.of(type));
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204, null, null);
    }

    public ApiResponse withDescription(String description) {
        return new ApiResponse(status, body, description);
    }

    public Optional<ApiBody> content() {
        return Optional.ofNullable(body);
    }

    private static String defaultDescription(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted: the work goes on in the background";
            case 204 -> "No content";
            default -> "Success";
        };
    }
}
