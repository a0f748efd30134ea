package questlog.library;

import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.patch;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;
import static io.javalin.apibuilder.ApiBuilder.put;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.apibuilder.EndpointGroup;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import questlog.common.Access;
import questlog.common.ApiOperation;
import questlog.common.EventLog;
import questlog.common.JobHandler;
import questlog.common.Jobs;
import questlog.library.igdb.IgdbClient;

/**
 * The library: games (the original API's works), editions, franchises, genres and external ids,
 * the original Questlog's read API over them, and bulk import. Routes are relative to /api.
 */
public final class LibraryModule {
    /** The job type of IGDB enrichment, which {@code questlog enrich} queues. */
    public static final String ENRICH_JOB = IgdbEnrichment.TYPE;

    /** The parameters of an enrichment job: a dry run matches and reports without writing. */
    public static Object enrichParams(boolean dryRun) {
        return new IgdbEnrichment.Params(dryRun);
    }
    private final DatasetImporter importer;
    private final GameController games;
    private final EditionController editions;
    private final WorkController works;
    private final FranchiseController franchises;
    private final GenreController genres;
    private final ImportController imports;
    private final IgdbController igdbRoutes;
    private final List<JobHandler> jobHandlers;

    /**
     * The library on its own: game details without playthroughs or lists, imports of its sections
     * only. {@code maxImportBytes} caps the body of POST /api/import (other routes keep the
     * server's 1 MiB cap); {@code events} is where game changes are recorded, in their
     * transactions (app passes realtime's outbox).
     */
    public LibraryModule(Jdbi jdbi, ObjectMapper json, Clock clock, long maxImportBytes, EventLog events) {
        this(jdbi, json, clock, maxImportBytes, null, GameSections.NONE, events, Optional.empty(), null);
    }

    /**
     * With the other modules, as app builds it: {@code datasets} reads and loads whole dataset
     * documents for POST /api/import, {@code sections} fills in a game's playthroughs and lists;
     * {@code igdb} is absent when no IGDB credentials are configured (IGDB-only routes then answer
     * 503); {@code jobs} queues the re-sync and enrichment jobs, whose handlers
     * {@link #jobHandlers()} gives app to register.
     */
    public LibraryModule(Jdbi jdbi, ObjectMapper json, Clock clock, long maxImportBytes, DatasetLoader datasets,
                         GameSections sections, EventLog events, Optional<IgdbClient> igdb, Jobs jobs) {
        var gameService = new GameService(jdbi, clock, sections, events);
        var catalog = new CatalogService(jdbi, clock);
        var compat = new CompatService(jdbi);
        this.importer = new DatasetImporter(jdbi, json, clock, datasets, events);
        var gateway = new IgdbGateway(igdb);
        var metadata = new IgdbMetadata(json);
        this.games = new GameController(gameService, json, sections, gateway);
        this.igdbRoutes = new IgdbController(jdbi, gateway, jobs);
        this.jobHandlers = List.of(
                new IgdbJob(IgdbSync.TYPE, igdb.map(c -> new IgdbSync(jdbi, c, metadata, events, clock))),
                new IgdbJob(IgdbEnrichment.TYPE, igdb.map(c -> new IgdbEnrichment(jdbi, c, metadata, events, clock))));
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
                    put("sync", igdbRoutes::sync, Access.WRITE);
                });
            });
            // A proxy of IGDB's search for an admin form; writers only, since every call spends IGDB quota.
            get("igdb/search", igdbRoutes::search, Access.WRITE);
            path("franchises", () -> {
                get(franchises::list, Access.READ);
                post(franchises::create, Access.WRITE);
                get("{slug}", franchises::get, Access.READ);
            });
            path("genres", () -> {
                get(genres::list, Access.READ);
                post(genres::create, Access.WRITE);
                get("{slug}", genres::get, Access.READ);
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

    /**
     * The library's background jobs ({@code igdb_sync}, {@code igdb_enrich}), for app to register
     * with the job runner. Registered with or without IGDB credentials, so a job queued earlier is
     * still picked up; without them it fails saying which variables to set.
     */
    public List<JobHandler> jobHandlers() {
        return jobHandlers;
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
