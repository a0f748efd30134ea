package questlog.library;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;

/** POST /api/import: the dataset format, or the original Questlog's {franchises, works, editions} body. */
final class ImportController {
    private final DatasetImporter importer;
    private final ObjectMapper json;

    ImportController(DatasetImporter importer, ObjectMapper json) {
        this.importer = importer;
        this.json = json;
    }

    void create(Context ctx) {
        throw new HttpResponseException(503, "Import is not available yet");
    }
}
