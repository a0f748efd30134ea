package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.common.dataset.DatasetImporter;

/**
 * A server's own import of a large document loads row by row: a bulk load would take the tables
 * it loads from the server's readers until it commits (common.dataset.BulkLoad).
 */
class ServerImportTest {
    @RegisterExtension
    static final TestApp app = new TestApp();

    @Test
    void aLargeDocumentPostedToARunningServerLoadsRowByRow() {
        List<Map<String, Object>> franchises = new ArrayList<>();
        for (int i = 0; i < DatasetImporter.BULK_LOAD_FROM; i++) {
            franchises.add(Map.of("id", UUID.randomUUID().toString(), "slug", "franchise-" + i, "name", "Franchise " + i));
        }
        var response = app.post("/api/import", Map.of("format", "questlog-bench-dataset", "version", 1,
                "franchises", franchises));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode report = response.json();
        assertThat(report.at("/sections/franchises/created").asInt()).isEqualTo(DatasetImporter.BULK_LOAD_FROM);
        assertThat(report.get("notes")).as("no bulk load").isEmpty();
    }
}
