package questlog.common.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import questlog.common.Slugs;
import questlog.common.Texts;

/**
 * Reads the fields of one record of an imported dataset document (a JSON object) and reports
 * every problem against that record to {@link DatasetProblems}: wrong types, missing or empty
 * required values, malformed ids, slugs, dates and timestamps (PostgreSQL's: none of the year
 * 0000), unknown fields, and text that cannot be stored exactly as sent (the NUL character, a
 * lone surrogate: {@link Texts#unstorable}, the API's rule), anywhere, JSON values included. A
 * missing nullable field counts as null. Each getter returns null when the value is unusable;
 * {@link #ok()} says whether the record can be kept. Every module's sections are read with it;
 * the problems go to the module's own collector ({@link Problems}).
 */
public final class RecordFields {

    /** Where a record's problems go: {@link DatasetProblems}, or a module's own collector. */
    @FunctionalInterface
    public interface Problems {
        /** A problem with one field of one record; {@code field} is the name inside the record (null: the record). */
        void record(String section, int index, Object id, String slug, String field, String message);
    }

    private static final Pattern DATE_TEXT = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}$");
    private static final Pattern TIMESTAMP_TEXT = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z$");
    /** PostgreSQL has no year 0000 (1 BC); its dates and timestamps begin at 0001 as far as this format goes. */
    private static final Instant FIRST_INSTANT = Instant.parse("0001-01-01T00:00:00Z");

    private final String section;
    private final int index;
    private final JsonNode node;
    private final Problems problems;
    private final String rawId;
    private final String rawSlug;
    private boolean ok = true;

    private RecordFields(String section, int index, JsonNode node, Problems problems) {
        this.section = section;
        this.index = index;
        this.node = node;
        this.problems = problems;
        this.rawId = node.path("id").isTextual() ? node.get("id").asText() : null;
        this.rawSlug = node.path("slug").isTextual() ? node.get("slug").asText() : null;
    }

    /**
     * Starts reading a record; returns null (after reporting it) when the element is not an
     * object. Fields outside {@code allowed} are reported as unknown.
     */
    public static RecordFields of(String section, int index, JsonNode node, Problems problems, Set<String> allowed) {
        if (!node.isObject()) {
            problems.record(section, index, null, null, null, "must be an object");
            return null;
        }
        RecordFields fields = new RecordFields(section, index, node, problems);
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                fields.fail(name, "unknown field");
            }
        }
        return fields;
    }

    public boolean ok() {
        return ok;
    }

    /** The record's slug as given (null when it is not a string), for reporting. */
    public String rawSlug() {
        return rawSlug;
    }

    /** Reports a problem with a field of this record (and marks the record unusable). */
    public void fail(String field, String message) {
        ok = false;
        problems.record(section, index, rawId, rawSlug, field, message);
    }

    public UUID id() {
        JsonNode value = node.get("id");
        if (value == null || value.isNull()) {
            fail("id", "is required");
            return null;
        }
        if (!value.isTextual() || !isUuid(value.asText())) {
            fail("id", "must be a UUID such as 0b7e5c1a-3f2d-4c6e-9a8b-1d2e3f4a5b6c");
            return null;
        }
        return UUID.fromString(value.asText());
    }

    /** The record's own slug: required. */
    public String slug() {
        String slug = requiredString("slug");
        if (slug != null && !isSlug(slug)) {
            fail("slug", "must be lowercase letters, digits and single hyphens, at most " + Slugs.MAX_LENGTH + " characters");
            return null;
        }
        return slug;
    }

    /** A required, non-empty string. */
    public String requiredString(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            fail(field, "is required");
            return null;
        }
        if (!value.isTextual()) {
            fail(field, "must be a string");
            return null;
        }
        if (value.asText().isBlank()) {
            fail(field, "must not be empty");
            return null;
        }
        return storable(field, value.asText());
    }

    /** A nullable string; an empty string is stored as null. */
    public String optionalText(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            fail(field, "must be a string or null");
            return null;
        }
        return value.asText().isEmpty() ? null : storable(field, value.asText());
    }

    /**
     * The text, when PostgreSQL can keep it exactly as sent ({@link Texts#unstorable}: no NUL, no
     * lone surrogate, which UTF-8 cannot encode and the driver would turn into '?').
     */
    private String storable(String field, String text) {
        String problem = Texts.unstorable(text);
        if (problem != null) {
            fail(field, problem);
            return null;
        }
        return text;
    }

    /** A reference to another record by slug, or null. */
    public String optionalSlugReference(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        return slugReference(field, value);
    }

    /** A required reference to another record by slug. */
    public String slugReference(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            fail(field, "is required");
            return null;
        }
        return slugReference(field, value);
    }

    private String slugReference(String field, JsonNode value) {
        if (!value.isTextual() || !isSlug(value.asText())) {
            fail(field, "must be a slug (lowercase letters, digits and single hyphens)");
            return null;
        }
        return value.asText();
    }

    /** A nullable whole number within bounds. */
    public Integer optionalInt(String field, int min, int max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < min || value.asInt() > max) {
            fail(field, "must be a whole number between " + min + " and " + max + " or null");
            return null;
        }
        return value.asInt();
    }

    /** A required true or false. */
    public Boolean requiredBoolean(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            fail(field, "is required");
            return null;
        }
        if (!value.isBoolean()) {
            fail(field, "must be true or false");
            return null;
        }
        return value.asBoolean();
    }

    /** A nullable date YYYY-MM-DD. */
    public LocalDate optionalDate(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual() && DATE_TEXT.matcher(value.asText()).matches()) {
            String text = value.asText();
            LocalDate date = null;
            try {
                // The digits are checked: the fields are read directly (LocalDate.parse's formatter
                // was a tenth of a large import's reading).
                date = LocalDate.of(Integer.parseInt(text, 0, 4, 10), Integer.parseInt(text, 5, 7, 10),
                        Integer.parseInt(text, 8, 10, 10));
            } catch (DateTimeException e) {
                // falls through to the error below (for example 2024-02-30)
            }
            if (date != null && date.getYear() == 0) {
                fail(field, "must be a date from 0001-01-01 on (there is no year 0000) or null");
                return null;
            }
            if (date != null) {
                return date;
            }
        }
        fail(field, "must be a date YYYY-MM-DD or null");
        return null;
    }

    /** A required UTC timestamp YYYY-MM-DDTHH:MM:SSZ (fractions of a second allowed). */
    public Instant requiredTimestamp(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            fail(field, "is required");
            return null;
        }
        if (value.isTextual() && TIMESTAMP_TEXT.matcher(value.asText()).matches()) {
            Instant instant = null;
            try {
                instant = Instant.parse(value.asText());
            } catch (DateTimeParseException e) {
                // falls through to the error below (for example 2024-02-30T00:00:00Z)
            }
            if (instant != null && instant.isBefore(FIRST_INSTANT)) {
                fail(field, "must be a timestamp from 0001-01-01T00:00:00Z on (there is no year 0000)");
                return null;
            }
            if (instant != null && instant.getNano() % 1000 != 0) {
                // PostgreSQL keeps microseconds: nanoseconds would be rounded, not stored as sent.
                fail(field, "must not be more precise than a microsecond (at most 6 digits after the second)");
                return null;
            }
            if (instant != null) {
                return instant;
            }
        }
        fail(field, "must be a UTC timestamp YYYY-MM-DDTHH:MM:SSZ");
        return null;
    }

    /** A nullable UTC timestamp YYYY-MM-DDTHH:MM:SS[.fraction]Z. */
    public Instant optionalTimestamp(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        return requiredTimestamp(field);
    }

    /** A required reference to another record by its id (a UUID). */
    public UUID uuidReference(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            fail(field, "is required");
            return null;
        }
        if (!value.isTextual() || !isUuid(value.asText())) {
            fail(field, "must be a UUID such as 0b7e5c1a-3f2d-4c6e-9a8b-1d2e3f4a5b6c");
            return null;
        }
        return UUID.fromString(value.asText());
    }

    /** A JSON object (free-form, kept as it is); null or missing is null unless {@code required}. */
    public JsonNode object(String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                fail(field, "is required");
            }
            return null;
        }
        if (!value.isObject()) {
            fail(field, "must be a JSON object" + (required ? "" : " or null"));
            return null;
        }
        return storableJson(field, value) ? value : null;
    }

    /**
     * Whether every string and key in {@code value} is storable ({@link Texts#unstorable}: jsonb
     * cannot hold U+0000, UTF-8 no lone surrogate); else the first offender is reported against
     * the field, with its path inside it (such as {@code igdb_data.genres[0].name}).
     */
    private boolean storableJson(String field, JsonNode value) {
        String problem = unstorableJson(field, value);
        if (problem != null) {
            fail(field, problem);
            return false;
        }
        return true;
    }

    private static String unstorableJson(String path, JsonNode value) {
        if (value.isTextual()) {
            String problem = Texts.unstorable(value.textValue());
            return problem == null ? null : path + " " + problem;
        }
        if (value.isObject()) {
            for (Iterator<java.util.Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
                var entry = fields.next();
                String problem = Texts.unstorable(entry.getKey());
                if (problem != null) {
                    return path + " has a member whose name " + problem;
                }
                problem = unstorableJson(path + "." + entry.getKey(), entry.getValue());
                if (problem != null) {
                    return problem;
                }
            }
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                String problem = unstorableJson(path + "[" + i + "]", value.get(i));
                if (problem != null) {
                    return problem;
                }
            }
        }
        return null;
    }

    /** A JSON array (free-form, kept as it is); missing or null is an empty array. */
    public JsonNode array(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        }
        if (!value.isArray()) {
            fail(field, "must be a JSON array");
            return null;
        }
        return storableJson(field, value) ? value : null;
    }

    /** An array of slugs without duplicates; missing or null is empty. */
    public List<String> slugList(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            fail(field, "must be an array of slugs");
            return null;
        }
        List<String> slugs = new ArrayList<>(value.size());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isTextual() || !isSlug(item.asText())) {
                fail(field + "[" + i + "]", "must be a slug (lowercase letters, digits and single hyphens)");
                return null;
            }
            if (!seen.add(item.asText())) {
                fail(field + "[" + i + "]", "'" + item.asText() + "' is listed twice");
                return null;
            }
            slugs.add(item.asText());
        }
        return slugs;
    }

    /** A nullable positive whole number (external ids). */
    public Long optionalPositiveLong(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 1) {
            fail(field, "must be a positive whole number or null");
            return null;
        }
        return value.asLong();
    }

    /** A required string out of a fixed set. */
    public String choice(String field, List<String> allowed) {
        String value = requiredString(field);
        if (value != null && !allowed.contains(value)) {
            fail(field, "must be one of " + String.join(", ", allowed) + " (got '" + value + "')");
            return null;
        }
        return value;
    }

    /** A nullable string out of a fixed set. */
    public String optionalChoice(String field, List<String> allowed) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || !allowed.contains(value.asText())) {
            fail(field, "must be one of " + String.join(", ", allowed) + " or null"
                    + (value.isTextual() ? " (got '" + value.asText() + "')" : ""));
            return null;
        }
        return value.asText();
    }

    /** A nullable string of at most {@code max} characters; an empty string is stored as null. */
    public String optionalText(String field, int max) {
        String text = optionalText(field);
        if (text != null && text.length() > max) {
            fail(field, "must be at most " + max + " characters");
            return null;
        }
        return text;
    }

    /** An array of strings (any storable text, duplicates allowed, order kept); missing or null is empty. */
    public List<String> stringList(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            fail(field, "must be an array of strings");
            return null;
        }
        List<String> items = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isTextual()) {
                fail(field + "[" + i + "]", "must be a string");
                return null;
            }
            if (storable(field + "[" + i + "]", item.textValue()) == null) {
                return null;
            }
            items.add(item.textValue());
        }
        return items;
    }

    /** A required UUID reference, or null when the field is null or missing. */
    public UUID optionalUuidReference(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        return uuidReference(field);
    }

    /**
     * The same test as {@link Slugs#isValid} (lowercase ASCII letters and digits in words joined
     * by single hyphens, at most {@link Slugs#MAX_LENGTH} characters), without a regular
     * expression: a large document has hundreds of thousands of slugs and references, and this
     * is several times faster. RecordFieldsTest pins the equivalence.
     */
    public static boolean isSlug(String value) {
        int length = value.length();
        if (length == 0 || length > Slugs.MAX_LENGTH || value.charAt(0) == '-' || value.charAt(length - 1) == '-') {
            return false;
        }
        char previous = ' ';
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (!alnum && (c != '-' || previous == '-')) {
                return false;
            }
            previous = c;
        }
        return true;
    }

    /** A UUID in its usual text form: 8-4-4-4-12 hexadecimal digits. */
    public static boolean isUuid(String value) {
        if (value.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = value.charAt(i);
            boolean ok = i == 8 || i == 13 || i == 18 || i == 23
                    ? c == '-'
                    : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
