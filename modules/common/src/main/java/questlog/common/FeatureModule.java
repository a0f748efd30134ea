package questlog.common;

import io.javalin.apibuilder.EndpointGroup;
import java.util.List;
import questlog.common.dataset.DatasetSection;

/**
 * What a feature module hands the app. app keeps one explicit, ordered list of modules and loops
 * over it for every concern below; a module never registers itself anywhere else. A module is
 * built by its own constructor from what app passes in (the {@code Jdbi}, a {@code Clock}, the
 * {@link EventLog}, a {@link GameLookup}, its config record, …); nothing is discovered by
 * reflection. Every method but {@link #name} has a default, so a module names only what it has.
 *
 * <p>The order of the list matters in two places: the sections of a dataset document are written
 * and loaded in module order (a later module's references are checked against what the earlier
 * ones just wrote, in the same transaction), and the sections of a game's detail appear in it in
 * module order.
 */
public interface FeatureModule extends AutoCloseable {

    /** A short, stable name ("library", "journal", …), for logs and readiness checks. */
    String name();

    /** The module's routes, relative to {@code /api}, each tagged with its {@link Access}. */
    default EndpointGroup routes() {
        return () -> { };
    }

    /**
     * Routes outside {@code /api} (a protocol endpoint, a page), with full paths and their
     * {@link Access}; the access check, request ids, logs and metrics apply to them as to any route.
     */
    default EndpointGroup rootRoutes() {
        return () -> { };
    }

    /** Every route of {@link #routes()} and {@link #rootRoutes()} as the OpenAPI document describes it (a test checks they agree). */
    default List<ApiOperation> operations() {
        return List.of();
    }

    /** Handlers of the background job types the module submits (registered with the job runner). */
    default List<JobHandler> jobHandlers() {
        return List.of();
    }

    /** The module's sections of dataset documents (import and export), in document order. */
    default List<DatasetSection> datasetSections() {
        return List.of();
    }

    /** The module's members of a game's detail ({@code GET /api/games/{slug}}). */
    default List<GameDetailSection<?>> gameDetailSections() {
        return List.of();
    }

    /** What the module removes, in the library's delete transaction, when a game leaves the library. */
    default List<GameRemoval> gameRemovals() {
        return List.of();
    }

    /** Every event type the module records (full names, {@code questlog:...}); a test checks they are known. */
    default List<String> eventTypes() {
        return List.of();
    }

    /**
     * Paths under {@code /api} never served from the read cache, because what they show changes
     * without a change event (job progress, say). A path covers itself and everything below it.
     */
    default List<String> uncachedPaths() {
        return List.of();
    }

    /** Checks that {@code /health/ready} runs besides the database's. */
    default List<HealthCheck> healthChecks() {
        return List.of();
    }

    /** Starts background work; app calls it once every module is built and the routes are known. */
    default void start() {
    }

    /** Stops background work; app calls it in reverse module order on shutdown. */
    @Override
    default void close() {
    }
}
