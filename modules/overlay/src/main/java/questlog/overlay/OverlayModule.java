package questlog.overlay;

import static io.javalin.apibuilder.ApiBuilder.get;

import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import questlog.common.Access;
import questlog.common.ApiOperation;
import questlog.common.FeatureModule;

/**
 * The stream overlay: {@code GET /overlay/} serves a static page (plain HTML, CSS and JavaScript,
 * no build step) for an OBS browser source. The page itself reads the live event socket; the
 * files are public, and with {@code QUESTLOG_PRIVATE=true} the page passes its {@code ?token=} on
 * to the socket. Only the page's own three files are served.
 */
public final class OverlayModule implements FeatureModule {
    public static final String PATH = "/overlay";
    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "overlay.css", "text/css; charset=utf-8",
            "overlay.js", "text/javascript; charset=utf-8");
    private final Map<String, byte[]> contents;

    public OverlayModule() {
        this.contents = FILES.keySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(f -> f,
                OverlayModule::load));
    }

    @Override
    public String name() {
        return "overlay";
    }

    @Override
    public EndpointGroup rootRoutes() {
        return () -> {
            get(PATH, ctx -> serve(ctx, "index.html"), Access.PUBLIC);
            get(PATH + "/{file}", ctx -> serve(ctx, ctx.pathParam("file")), Access.PUBLIC);
        };
    }

    @Override
    public List<ApiOperation> operations() {
        return OverlayApi.operations();
    }

    private void serve(Context ctx, String file) {
        byte[] body = contents.get(file);
        if (body == null) {
            throw new NotFoundResponse("No such file of the overlay: " + file);
        }
        // Small and changed only by a new version: browsers may keep it a few minutes.
        ctx.header("Cache-Control", "public, max-age=300");
        ctx.contentType(FILES.get(file)).result(body);
    }

    private static byte[] load(String file) {
        try (InputStream in = OverlayModule.class.getResourceAsStream("/questlog/overlay/" + file)) {
            if (in == null) {
                throw new IllegalStateException("overlay file missing from the jar: " + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
