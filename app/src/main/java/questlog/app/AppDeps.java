package questlog.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import questlog.common.ApiOperation;
import questlog.journal.JournalModule;
import questlog.library.CatalogDataset;
import questlog.library.GameDirectory;
import questlog.library.LibraryModule;
import questlog.lists.ListsModule;

/**
 * Everything the HTTP app is made of, built in dependency order: metrics, database (migrated),
 * Jdbi, tokens, the change feed, then the feature modules. Tests build the same thing against
 * their own database with {@link #build(AppConfig)}.
 */
public final class AppDeps implements AutoCloseable {
    final AppConfig config;
    final ObjectMapper json;
    final Clock clock;
    final Metrics metrics;
    final Database database;
    final Jdbi jdbi;
    final ApiTokens tokens;
    final ChangeFeed changes;
    final LibraryModule library;
    final JournalModule journal;
    final ListsModule lists;
    final Importer importer;
    final Exporter exporter;

    private AppDeps(AppConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.json = Json.objectMapper();
        this.metrics = new Metrics();
        this.database = Database.open(config.database(), metrics.registry());
        try {
            database.migrate();
            this.jdbi = database.jdbi(json);
            this.tokens = new ApiTokens(jdbi, clock, config.security().apiKey());
            this.changes = new ChangeFeed(database.url()).start();
            // Journal and lists see the catalog through the library's directory; the library sees
            // their parts of a game's detail, and the importer and exporter span all three.
            var directory = new GameDirectory();
            this.journal = new JournalModule(jdbi, json, clock, CatalogAdapters.forJournal(directory));
            this.lists = new ListsModule(jdbi, json, clock, CatalogAdapters.forLists(directory), Auth::isReader);
            var catalogDataset = new CatalogDataset();
            this.importer = new Importer(jdbi, clock, catalogDataset, journal.dataset(), lists.dataset());
            this.exporter = new Exporter(jdbi, json, catalogDataset, journal.dataset(), lists.dataset());
            this.library = new LibraryModule(jdbi, json, clock, config.http().maxImportBytes(), importer,
                    CatalogAdapters.gameSections(journal, lists));
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    public static AppDeps build(AppConfig config) {
        return new AppDeps(config, Clock.systemUTC());
    }

    public static AppDeps build(AppConfig config, Clock clock) {
        return new AppDeps(config, clock);
    }

    public AppConfig config() {
        return config;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public ApiTokens tokens() {
        return tokens;
    }

    public LibraryModule library() {
        return library;
    }

    public JournalModule journal() {
        return journal;
    }

    public ListsModule lists() {
        return lists;
    }

    /**
     * The operations the feature modules describe for the OpenAPI document, one
     * {@code <module>.operations()} per module that has routes (see {@link ApiOperation}).
     */
    List<ApiOperation> moduleOperations() {
        return Stream.of(library.operations(), journal.operations(), lists.operations()).flatMap(List::stream).toList();
    }

    @Override
    public void close() {
        changes.close();
        database.close();
    }
}
