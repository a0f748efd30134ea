package questlog.app;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import questlog.common.InvalidInputException;
import questlog.common.Json;
import questlog.common.dataset.DatasetImporter;

/**
 * Reads a POST /api/import body in one streaming pass and decides by its top-level keys which
 * format it is. A member only dataset documents have ({@code format}, {@code version}, a section
 * of a module such as {@code games}) makes it a dataset document, whose members go to the
 * {@link DatasetImporter} as they stream past; {@code works} makes it the original Questlog's
 * body. The original's {@code franchises} and {@code editions} are dataset sections too, so they
 * are held as tokens until a deciding key arrives; a body with neither kind of deciding key is
 * the original's body, and an empty object is neither (422). Malformed JSON surfaces as Jackson's
 * exception (a 400); a body that is not an object is a 400 as well.
 */
final class ImportBodyReader {
    /** The top-level members of the original Questlog's import body. */
    private static final Set<String> LEGACY_KEYS = Set.of("franchises", "works", "editions");

    /** What the body turned out to be. */
    sealed interface ImportBody permits Dataset, Legacy {}

    /** A dataset document, read into the importer's receiver. */
    record Dataset(DatasetImporter.Document document) implements ImportBody {}

    /** The original Questlog's {@code {franchises, works, editions}} body, as a tree. */
    record Legacy(ObjectNode body) implements ImportBody {}

    private final ObjectMapper json;
    /** Reads values one at a time out of the body's stream, so the value's end is not the input's. */
    private final ObjectReader values;
    private final DatasetImporter importer;
    private final Set<String> datasetOnlyKeys;
    private final Set<String> sharedKeys;

    ImportBodyReader(ObjectMapper json, DatasetImporter importer) {
        this.json = json;
        // As every request body: a member name twice in one object is a 400 naming where.
        this.values = Json.bodyReader(json).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.importer = importer;
        this.datasetOnlyKeys = new HashSet<>(importer.memberNames());
        this.datasetOnlyKeys.removeAll(LEGACY_KEYS);
        this.sharedKeys = new HashSet<>(importer.memberNames());
        this.sharedKeys.retainAll(LEGACY_KEYS);
    }

    /** Either format, decided by the keys. */
    ImportBody read(InputStream in) throws IOException {
        try (JsonParser p = values.createParser(in)) {
            p.setCodec(values);
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new InvalidInputException(400, "The request body is empty; expected a JSON object", List.of());
            }
            if (first != JsonToken.START_OBJECT) {
                throw new InvalidInputException(400, "The request body must be a JSON object", List.of());
            }
            Map<String, TokenBuffer> held = new LinkedHashMap<>();
            DatasetImporter.Document dataset = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                p.nextToken();
                if (dataset == null && !datasetOnlyKeys.contains(key)) {
                    if (sharedKeys.contains(key) && !held.containsKey(key)) {
                        TokenBuffer buffer = new TokenBuffer(p);
                        buffer.copyCurrentStructure(p);
                        held.put(key, buffer);
                        continue;
                    }
                    return legacy(p, held, key);
                }
                if (dataset == null) {
                    dataset = importer.newDocument();
                    for (var entry : held.entrySet()) {
                        try (JsonParser replay = entry.getValue().asParser(p.getCodec())) {
                            replay.nextToken();
                            dataset.member(entry.getKey(), replay);
                        }
                    }
                }
                dataset.member(key, p);
                if (dataset.headerRejected()) {
                    // Another format or version: stop reading, the answer is the same whatever follows.
                    return new Dataset(dataset);
                }
            }
            expectEnd(p);
            if (dataset != null) {
                return new Dataset(dataset);
            }
            if (held.isEmpty()) {
                throw new InvalidInputException(422, "The body is an empty object: send a dataset document (with format "
                        + "and version) or the original Questlog's {franchises, works, editions}", List.of());
            }
            return legacy(p, held, null);
        }
    }

    /** Finishes reading as the original's body: the held members, the current one, then the rest. */
    private Legacy legacy(JsonParser p, Map<String, TokenBuffer> held, String currentKey) throws IOException {
        ObjectNode root = json.createObjectNode();
        for (var entry : held.entrySet()) {
            try (JsonParser replay = entry.getValue().asParser(p.getCodec())) {
                replay.nextToken();
                root.set(entry.getKey(), replay.readValueAsTree());
            }
        }
        if (currentKey != null) {
            root.set(currentKey, p.readValueAsTree());
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                p.nextToken();
                root.set(key, p.readValueAsTree());
            }
            expectEnd(p);
        }
        return new Legacy(root);
    }

    private static void expectEnd(JsonParser p) throws IOException {
        if (p.nextToken() != null) {
            throw new InvalidInputException(400, "The request body has content after its JSON object", List.of());
        }
    }
}
