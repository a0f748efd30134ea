package questlog.library;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import questlog.common.Bodies;

/** {@code /genres}: a bare array by name, in the original API's shape (which the canonical API shares). */
final class GenreController {
    private final CatalogService catalog;
    private final ObjectMapper json;

    GenreController(CatalogService catalog, ObjectMapper json) {
        this.catalog = catalog;
        this.json = json;
    }

    void list(Context ctx) {
        ctx.json(catalog.genres().stream().map(GenreResponse::from).toList());
    }

    void create(Context ctx) throws IOException {
        CreateGenreRequest request = Bodies.read(ctx, json, CreateGenreRequest.class).value();
        request.validate();
        ctx.status(201).json(GenreResponse.from(Requests.conflictsAs409(() -> catalog.createGenre(request))));
    }
}
