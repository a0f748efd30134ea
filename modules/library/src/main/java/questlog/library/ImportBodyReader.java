package questlog.library;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import questlog.common.InvalidInputException;

/**
 * Reads a POST /api/import body in one streaming pass and decides by its top-level keys which
 * format it is. A key only the dataset format has ({@code format}, {@code version}, {@code genres},
 * {@code games}, ...) makes it a dataset document; {@code works} makes it the original Questlog's
 * body. {@code franchises} and {@code editions} exist in both, so they are held as tokens until a
 * deciding key arrives; a body with neither kind of deciding key is the original's body.
 * Malformed JSON surfaces as Jackson's exception (a 400 in app); a body that is not an object
 * is a 400 as well.
 */
final class ImportBodyReader {
    private static final Set<String> DATASET_KEYS =
            Set.of("format", "version", "meta", "genres", "games", "playthroughs", "lists", "list_entries");
    private static final Set<String> SHARED_KEYS = Set.of("franchises", "editions");

    private final ObjectMapper json;
    /** Reads values one at a time out of the body's stream, so the value's end is not the input's. */
    private final ObjectReader values;
    /** Where a dataset document's members go (see {@link DatasetLoader#newDocument}). */
    private final Supplier<DatasetMembers> documents;

    ImportBodyReader(ObjectMapper json, Supplier<DatasetMembers> documents) {
        this.json = json;
        this.values = json.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.documents = documents;
    }

    /** Either format, decided by the keys. */
    ImportBody read(InputStream in) throws IOException {
        return read(in, false);
    }

    /** The dataset format only (the CLI's {@code import json}); other keys are reported as unknown members. */
    ReadDataset readDataset(InputStream in) throws IOException {
        return (ReadDataset) read(in, true);
    }

    private ImportBody read(InputStream in, boolean datasetOnly) throws IOException {
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
            DatasetMembers dataset = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                p.nextToken();
                if (dataset == null && !datasetOnly && !DATASET_KEYS.contains(key)) {
                    if (SHARED_KEYS.contains(key) && !held.containsKey(key)) {
                        TokenBuffer buffer = new TokenBuffer(p);
                        buffer.copyCurrentStructure(p);
                        held.put(key, buffer);
                        continue;
                    }
                    return legacy(p, held, key);
                }
                if (dataset == null) {
                    dataset = documents.get();
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
                    return new ReadDataset(dataset);
                }
            }
            expectEnd(p);
            if (dataset != null) {
                return new ReadDataset(dataset);
            }
            if (datasetOnly) {
                return new ReadDataset(documents.get());
            }
            return legacy(p, held, null);
        }
    }

    /** Finishes reading as the original's body: the held members, the current one, then the rest. */
    private LegacyImportRequest legacy(JsonParser p, Map<String, TokenBuffer> held, String currentKey) throws IOException {
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
        return json.treeToValue(root, LegacyImportRequest.class);
    }

    private static void expectEnd(JsonParser p) throws IOException {
        if (p.nextToken() != null) {
            throw new InvalidInputException(400, "The request body has content after its JSON object", List.of());
        }
    }
}
