package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import questlog.common.EventTypes;
import questlog.common.FeatureModule;

/**
 * The rules every module follows, checked against the real schema and sources, so that a new
 * module learns them from a failing test rather than from a stale read cache or a lost event.
 */
class ModuleRulesTest {
    @RegisterExtension
    static final TestApp app = new TestApp();

    /**
     * Tables whose changes need not reach the read cache, and why. Every other table must notify
     * {@code questlog_changes} (the trigger function {@code questlog_notify_change}).
     */
    static final Map<String, String> NOT_IN_CHANGE_FEED = Map.ofEntries(
            Map.entry("flyway_schema_history", "migrations run before the server serves anything"),
            Map.entry("api_token", "no read route shows tokens"),
            Map.entry("job", "GET /api/jobs is never cached (the jobs module's uncached path)"),
            Map.entry("scheduled_tasks", "the job runner's own queue, never read by a route"),
            Map.entry("webhook", "GET /api/webhooks is never cached (the realtime module's uncached path)"),
            Map.entry("relay_cursor", "the relays' own position in the event log"),
            Map.entry("igdb_token", "the IGDB client's credentials, never read by a route"),
            Map.entry("igdb_response", "the IGDB client's response cache, never read by a route"),
            Map.entry("journal_stats_game", "derived by triggers from playthrough, game and game_genre, which notify"),
            Map.entry("journal_stats_delta", "derived by triggers from playthrough, game and game_genre, which notify"),
            Map.entry("profile_authorization", "started OAuth authorizations waiting for their callback, never read by a route"),
            Map.entry("game_platform", "derived from game and edition by their triggers, in the statements that notify for them"),
            Map.entry("game_count_delta", "derived from game by its triggers, in the statements that notify for it"));

    @Test
    void everyTableNotifiesTheChangeFeedOrSaysWhyNot() {
        List<String> tables = app.deps().jdbi().withHandle(h -> h.createQuery("""
                        SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY c.relname""")
                .mapTo(String.class).list());
        List<String> notifyingList = app.deps().jdbi().withHandle(h -> h.createQuery("""
                        SELECT DISTINCT c.relname FROM pg_trigger t
                        JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
                        WHERE p.proname = 'questlog_notify_change' AND NOT t.tgisinternal""")
                .mapTo(String.class).list());
        Set<String> notifying = new TreeSet<>(notifyingList);
        List<String> silent = tables.stream()
                .filter(t -> !notifying.contains(t) && !NOT_IN_CHANGE_FEED.containsKey(t)).toList();
        assertThat(silent).as("tables without the questlog_notify_change trigger (add it in the migration that "
                + "creates the table, or say here why the read cache may ignore the table)").isEmpty();
        assertThat(notifying).as("exempt tables that notify anyway").doesNotContainAnyElementsOf(NOT_IN_CHANGE_FEED.keySet());
        assertThat(tables).containsAll(NOT_IN_CHANGE_FEED.keySet());
    }

    @Test
    void everyEventTypeAModuleRecordsIsDeclaredAndKnown() {
        Map<String, String> typesByConstant = eventTypeConstants();
        for (FeatureModule module : app.deps().modules()) {
            Set<String> used = new TreeSet<>();
            Pattern constant = Pattern.compile("EventTypes\\.([A-Z][A-Z_]*)\\b");
            for (Path source : sources(module.name())) {
                // An @ApiEnum lists the types a client may name (webhook subscriptions), not ones recorded
                Matcher m = constant.matcher(read(source).replaceAll("@ApiEnum\\(\\{[^}]*\\}\\)", ""));
                while (m.find()) {
                    if (typesByConstant.containsKey(m.group(1))) {
                        used.add(typesByConstant.get(m.group(1)));
                    }
                }
            }
            assertThat(module.eventTypes()).as(module.name() + " declares every type its code records")
                    .containsAll(used);
            assertThat(EventTypes.ALL).as(module.name() + "'s types are in EventTypes.ALL (DESIGN.md section 6)")
                    .containsAll(module.eventTypes());
        }
    }

    @Test
    void everyModuleHasAUniqueNameAndUniqueSectionNames() {
        List<String> names = app.deps().modules().stream().map(FeatureModule::name).toList();
        assertThat(names).doesNotHaveDuplicates();
        List<String> detailSections = new ArrayList<>();
        app.deps().modules().forEach(m -> m.gameDetailSections().forEach(s -> detailSections.add(s.name())));
        assertThat(detailSections).doesNotHaveDuplicates().contains("playthroughs", "lists");
    }

    /**
     * EventTypes' constant names and their values; {@code STREAM_RESET} is a control message of
     * the event socket, never recorded (README "Live events").
     */
    static Map<String, String> eventTypeConstants() {
        Map<String, String> out = new java.util.HashMap<>();
        for (Field field : EventTypes.class.getFields()) {
            if (field.getType() == String.class && !field.getName().equals("STREAM_RESET")) {
                try {
                    out.put(field.getName(), (String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return out;
    }

    /** The main Java sources of a module, found from app's directory (tests run in app/). */
    static List<Path> sources(String module) {
        Path root = Path.of("..", "modules", module, "src", "main", "java");
        assertThat(root).as("sources of module " + module).isDirectory();
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".java")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
