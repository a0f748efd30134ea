package questlog.common.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import questlog.common.Slugs;

class RecordFieldsTest {

    @Test
    void isSlugAgreesWithSlugsIsValid() {
        String alphabet = "ab9z0--A_ é.";
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder candidate = new StringBuilder();
            int length = random.nextInt(8);
            for (int j = 0; j < length; j++) {
                candidate.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = candidate.toString();
            assertThat(RecordFields.isSlug(s)).as("'%s'", s).isEqualTo(Slugs.isValid(s));
        }
        for (String s : new String[] {"", "-", "a", "a-b", "a--b", "-a", "a-", "final-fantasy-vii", "4x", "A", "a_b",
                "a".repeat(Slugs.MAX_LENGTH), "a".repeat(Slugs.MAX_LENGTH + 1), "a-".repeat(127) + "a"}) {
            assertThat(RecordFields.isSlug(s)).as("'%s'", s).isEqualTo(Slugs.isValid(s));
        }
    }

    @Test
    void isUuidTakesTheUsualTextFormOnly() {
        for (int i = 0; i < 100; i++) {
            String uuid = UUID.randomUUID().toString();
            assertThat(RecordFields.isUuid(uuid)).isTrue();
            assertThat(RecordFields.isUuid(uuid.toUpperCase())).isTrue();
        }
        for (String s : new String[] {"", "not-a-uuid", "0b7e5c1a3f2d4c6e9a8b1d2e3f4a5b6c",
                "0b7e5c1a-3f2d-4c6e-9a8b-1d2e3f4a5b6", "0b7e5c1a-3f2d-4c6e-9a8b-1d2e3f4a5b6cc",
                "0b7e5c1a-3f2d-4c6e-9a8b_1d2e3f4a5b6c", "0b7e5c1g-3f2d-4c6e-9a8b-1d2e3f4a5b6c"}) {
            assertThat(RecordFields.isUuid(s)).as("'%s'", s).isFalse();
        }
    }

    @Test
    void textThatCannotBeStoredAsSentIsAProblemOfItsField() throws Exception {
        // JSON escapes: Jackson reads them into lone surrogates, which UTF-8 cannot carry (the driver sent '?').
        JsonNode record = new ObjectMapper().readTree("""
                {"name": "Game\\udc00X", "notes": "lone\\ud800surrogate", "nul": "a\\u0000b",
                 "pair": "\\ud83c\\udfae", "tags": ["ok", "x\\ud800"], "data": {"list": [{"k": "v\\udfff"}]}}""");
        // Jackson's parser refuses such a member name; a tree made otherwise may still hold one.
        ((ObjectNode) record).putObject("keys").put("k\udc00", 1);
        List<String> problems = new ArrayList<>();
        RecordFields f = RecordFields.of("games", 0, record, (section, index, id, slug, field, message) ->
                problems.add(field + ": " + message), Set.of("name", "notes", "nul", "pair", "tags", "data", "keys"));

        assertThat(f.requiredString("name")).isNull();
        assertThat(f.optionalText("notes")).isNull();
        assertThat(f.optionalText("nul")).isNull();
        assertThat(f.requiredString("pair")).as("a surrogate pair is a character like any other").isEqualTo("\ud83c\udfae");
        assertThat(f.stringList("tags")).isNull();
        assertThat(f.object("data", false)).isNull();
        assertThat(f.object("keys", false)).isNull();
        assertThat(f.ok()).isFalse();
        assertThat(problems).containsExactly(
                "name: is not valid Unicode (a lone surrogate \\udc00)",
                "notes: is not valid Unicode (a lone surrogate \\ud800)",
                "nul: must not contain the NUL character (\\u0000)",
                "tags[1]: is not valid Unicode (a lone surrogate \\ud800)",
                "data: data.list[0].k is not valid Unicode (a lone surrogate \\udfff)",
                "keys: keys has a member whose name is not valid Unicode (a lone surrogate \\udc00)");
    }

    @Test
    void datesAndTimestampsOfTheYear0000AreProblemsNotDatabaseErrors() throws Exception {
        // PostgreSQL has no year 0 ("date/time field value out of range"); 0001 is its first.
        JsonNode record = new ObjectMapper().readTree("""
                {"date": "0000-01-01", "at": "0000-12-31T23:59:59.999999Z", "first": "0001-01-01",
                 "first_at": "0001-01-01T00:00:00Z"}""");
        List<String> problems = new ArrayList<>();
        RecordFields f = RecordFields.of("editions", 0, record, (section, index, id, slug, field, message) ->
                problems.add(field), Set.of("date", "at", "first", "first_at"));

        assertThat(f.optionalDate("date")).isNull();
        assertThat(f.requiredTimestamp("at")).isNull();
        assertThat(f.optionalDate("first")).hasToString("0001-01-01");
        assertThat(f.requiredTimestamp("first_at")).hasToString("0001-01-01T00:00:00Z");
        assertThat(problems).containsExactly("date", "at");
    }
}
