package questlog.library;

import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.patch;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.apibuilder.EndpointGroup;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import questlog.common.Access;
import questlog.common.ApiOperation;
import questlog.common.EventLog;

/**
 * The library: games (the original API's works), editions, franchises, genres and external ids,
 * the original Questlog's read API over them, and bulk import. Routes are relative to /api.
 */
public final class LibraryModule {
    private final DatasetImporter importer;
    private final GameController games;
    private final EditionController editions;
    private final WorkController works;
    private final FranchiseController franchises;
    private final GenreController genres;
    private final ImportController imports;

    /**
     * The library on its own: game details without playthroughs or lists, imports of its sections
     * only. {@code maxImportBytes} caps the body of POST /api/import (other routes keep the
     * server's 1 MiB cap); {@code events} is where game changes are recorded, in their
     * transactions (app passes realtime's outbox).
     */
    public LibraryModule(Jdbi jdbi, ObjectMapper json, Clock clock, long maxImportBytes, EventLog events) {
        this(jdbi, json, clock, maxImportBytes, null, GameSections.NONE, events);
    }

    /**
     * With the other modules, as app builds it: {@code datasets} reads and loads whole dataset
     * documents for POST /api/import, {@code sections} fills in a game's playthroughs and lists.
     */
    public LibraryModule(Jdbi jdbi, ObjectMapper json, Clock clock, long maxImportBytes, DatasetLoader datasets,
                         GameSections sections, EventLog events) {
        var gameService = new GameService(jdbi, clock, sections, events);
        var catalog = new CatalogService(jdbi, clock);
        var compat = new CompatService(jdbi);
        this.importer = new DatasetImporter(jdbi, json, clock, datasets, events);
        this.games = new GameController(gameService, json, sections);
        this.editions = new EditionController(compat, gameService, json);
        this.works = new WorkController(compat);
        this.franchises = new FranchiseController(catalog, json);
        this.genres = new GenreController(catalog, json);
        this.imports = new ImportController(importer, json, maxImportBytes);
    }

    public EndpointGroup routes() {
        return () -> {
            path("games", () -> {
                get(games::list, Access.READ);
                post(games::create, Access.WRITE);
                path("{slug}", () -> {
                    get(games::get, Access.READ);
                    patch(games::update, Access.WRITE);
                    delete(games::delete, Access.WRITE);
                    post("editions", editions::create, Access.WRITE);
                });
            });
            path("franchises", () -> {
                get(franchises::list, Access.READ);
                post(franchises::create, Access.WRITE);
            });
            path("genres", () -> {
                get(genres::list, Access.READ);
                post(genres::create, Access.WRITE);
            });
            // The original Questlog's read API.
            path("works", () -> {
                get(works::list, Access.READ);
                get("{slug}", works::get, Access.READ);
            });
            path("editions", () -> {
                get(editions::list, Access.READ);
                get("{slug}", editions::get, Access.READ);
                get("by-twitch/{id}", editions::getWorkByTwitchCategory, Access.READ);
            });
            post("import", imports::create, Access.WRITE);
        };
    }

    /** The routes above as the OpenAPI document describes them. */
    public List<ApiOperation> operations() {
        return LibraryApi.operations();
    }

    /** Loads a dataset file (format questlog-bench-dataset, version 1) in one transaction. */
    public ImportReport importDataset(InputStream in, boolean dryRun) {
        return importer.importDataset(in, dryRun);
    }
}
