package questlog.library;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import questlog.common.Bodies;

/**
 * {@code /franchises}. The original API answers a bare array here and the canonical API shares
 * the path, so both get the same bare array, by name.
 */
final class FranchiseController {
    private final CatalogService catalog;
    private final ObjectMapper json;

    FranchiseController(CatalogService catalog, ObjectMapper json) {
        this.catalog = catalog;
        this.json = json;
    }

    void list(Context ctx) {
        ctx.json(catalog.franchises().stream().map(RefResponse::from).toList());
    }

    void create(Context ctx) throws IOException {
        CreateFranchiseRequest request = Bodies.read(ctx, json, CreateFranchiseRequest.class).value();
        request.validate();
        ctx.status(201).json(RefResponse.from(Requests.conflictsAs409(() -> catalog.createFranchise(request))));
    }
}
