package questlog.common.dataset;

import java.util.Arrays;
import java.util.Optional;

/**
 * The document formats a dataset import reads and an export writes. Both are one JSON object with
 * a header ({@code format}, {@code version}, {@code meta}) and one array member per section.
 */
public enum DatasetFormat {
    /**
     * Questlog's own backup format: every field of every section, losslessly. What
     * {@code questlog export} and {@code GET /api/export} write by default.
     */
    EXPORT("questlog-export", "export", 1),
    /**
     * The shared benchmark dataset format: the catalog, playthroughs and lists with a fixed, smaller
     * set of fields (no sessions, statuses, visibility or timestamps).
     */
    BENCH("questlog-bench-dataset", "bench", 1);

    private final String wireName;
    private final String shortName;
    private final int version;

    DatasetFormat(String wireName, String shortName, int version) {
        this.wireName = wireName;
        this.shortName = shortName;
        this.version = version;
    }

    /** The format an export is asked for by: its wire name or its short name ({@code export}, {@code bench}). */
    public static Optional<DatasetFormat> byName(String name) {
        return Arrays.stream(values()).filter(f -> f.wireName.equals(name) || f.shortName.equals(name)).findFirst();
    }

    /** The value of the document's {@code format} member. */
    public String wireName() {
        return wireName;
    }

    /** The one version of the format this server reads and writes. */
    public int version() {
        return version;
    }

    public static Optional<DatasetFormat> byWireName(String name) {
        return Arrays.stream(values()).filter(f -> f.wireName.equals(name)).findFirst();
    }

    /** "questlog-export or questlog-bench-dataset", for messages. */
    public static String names() {
        return String.join(" or ", Arrays.stream(values()).map(f -> "\"" + f.wireName + "\"").toList());
    }
}
