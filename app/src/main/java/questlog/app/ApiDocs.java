package questlog.app;

import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.path;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;
import questlog.common.Access;

/**
 * Serves the OpenAPI document ({@code GET /api/openapi.json}) and a Swagger UI page over it
 * ({@code GET /api/docs}), with Swagger UI's files taken from the webjar on the classpath and
 * served under {@code /api/docs/assets/}, so the docs work on a server with no internet. Only
 * the listed files are served. Everything is built or read once, on first use rather than at
 * startup: generating the document takes about a second of a cold JVM.
 */
final class ApiDocs {
    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    private static final String JS = "text/javascript; charset=utf-8";

    private record Asset(byte[] bytes, String contentType) {}

    private final Supplier<byte[]> document;
    private final Supplier<byte[]> page;
    private final Supplier<Map<String, Asset>> assets;

    ApiDocs(ObjectMapper json, Supplier<ObjectNode> document) {
        this.document = once(() -> {
            try {
                return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(document.get());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        });
        String version = OpenApi.build().getProperty("swagger-ui.version");
        String ui = WEBJAR + version + "/";
        this.page = once(() -> OpenApi.text("openapi/docs.html").replace("{{version}}", version).getBytes(StandardCharsets.UTF_8));
        this.assets = once(() -> Map.of(
                "swagger-ui-bundle.js", load(ui + "swagger-ui-bundle.js", JS),
                "swagger-ui.css", load(ui + "swagger-ui.css", "text/css; charset=utf-8"),
                "favicon-32x32.png", load(ui + "favicon-32x32.png", "image/png"),
                "favicon-16x16.png", load(ui + "favicon-16x16.png", "image/png"),
                "questlog-docs.js", load("openapi/questlog-docs.js", JS)));
    }

    /** Mounted inside {@code path("api", ...)}. */
    EndpointGroup routes() {
        return () -> {
            get("openapi.json", this::document, Access.PUBLIC);
            path("docs", () -> {
                get(this::page, Access.PUBLIC);
                get("assets/{file}", this::asset, Access.PUBLIC);
            });
        };
    }

    private void document(Context ctx) {
        ctx.contentType("application/json").result(document.get());
    }

    private void page(Context ctx) {
        ctx.header("Cache-Control", "no-cache").contentType("text/html; charset=utf-8").result(page.get());
    }

    private void asset(Context ctx) {
        Asset asset = assets.get().get(ctx.pathParam("file"));
        if (asset == null) {
            throw new NotFoundResponse("No such file of the docs page: " + ctx.pathParam("file"));
        }
        // Links carry ?v=<Swagger UI version>, so a new version is a new URL.
        ctx.header("Cache-Control", "public, max-age=604800").contentType(asset.contentType()).result(asset.bytes());
    }

    /** The value computed on the first call and kept (thread-safe). */
    private static <T> Supplier<T> once(Supplier<T> compute) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public T get() {
                T v = value;
                if (v == null) {
                    synchronized (this) {
                        v = value;
                        if (v == null) {
                            v = compute.get();
                            value = v;
                        }
                    }
                }
                return v;
            }
        };
    }

    private static Asset load(String resource, String contentType) {
        try (InputStream in = OpenApi.resource(resource)) {
            return new Asset(in.readAllBytes(), contentType);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
