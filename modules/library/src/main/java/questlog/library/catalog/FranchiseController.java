package questlog.library.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.util.Map;
import questlog.common.Bodies;
import questlog.common.Locations;

/**
 * {@code /franchises}. The original API answers a bare array here and the canonical API shares
 * the path, so both get the same bare array, by name.
 */
public final class FranchiseController {
    private final CatalogService catalog;
    private final ObjectMapper json;

    public FranchiseController(CatalogService catalog, ObjectMapper json) {
        this.catalog = catalog;
        this.json = json;
    }

    public void list(Context ctx) {
        ctx.json(catalog.franchises().stream().map(RefResponse::from).toList());
    }

    public void get(Context ctx) {
        ctx.json(RefResponse.from(catalog.franchise(ctx.pathParam("slug")).orElseThrow(() ->
                new NotFoundResponse("Franchise not found", Map.of("error", "Franchise not found")))));
    }

    public void create(Context ctx) throws IOException {
        CreateFranchiseRequest request = Bodies.read(ctx, json, CreateFranchiseRequest.class).value();
        request.validate();
        Franchise created = Requests.conflictsAs409(() -> catalog.createFranchise(request));
        ctx.status(201).header("Location", Locations.of(ctx, "franchises", created.slug())).json(RefResponse.from(created));
    }
}
