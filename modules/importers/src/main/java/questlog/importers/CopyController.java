package questlog.importers;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import questlog.common.Bodies;

/** {@code POST /api/import/questlog}: a {@link CopyRequest} body, {@code ?dry_run=true} to check and count only. */
final class CopyController {
    private final QuestlogCopy copies;
    private final ObjectMapper json;

    CopyController(QuestlogCopy copies, ObjectMapper json) {
        this.copies = copies;
        this.json = json;
    }

    void create(Context ctx) {
        boolean dryRun = GistController.dryRun(ctx.queryParam("dry_run"));
        CopyRequest request = Bodies.read(ctx, json, CopyRequest.class).value();
        ctx.json(copies.run(request, dryRun));
    }
}
