package questlog.library.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.util.Map;
import questlog.common.Bodies;
import questlog.common.Locations;

/** {@code /genres}: a bare array by name, in the original API's shape (which the canonical API shares). */
public final class GenreController {
    private final CatalogService catalog;
    private final ObjectMapper json;

    public GenreController(CatalogService catalog, ObjectMapper json) {
        this.catalog = catalog;
        this.json = json;
    }

    public void list(Context ctx) {
        ctx.json(catalog.genres().stream().map(GenreResponse::from).toList());
    }

    public void get(Context ctx) {
        ctx.json(GenreResponse.from(catalog.genre(ctx.pathParam("slug")).orElseThrow(() ->
                new NotFoundResponse("Genre not found", Map.of("error", "Genre not found")))));
    }

    public void create(Context ctx) throws IOException {
        CreateGenreRequest request = Bodies.read(ctx, json, CreateGenreRequest.class).value();
        request.validate();
        Genre created = Requests.conflictsAs409(() -> catalog.createGenre(request));
        ctx.status(201).header("Location", Locations.of(ctx, "genres", created.slug())).json(GenreResponse.from(created));
    }
}
