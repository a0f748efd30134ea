package questlog.lists;

import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.patch;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;
import static io.javalin.apibuilder.ApiBuilder.put;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.List;
import java.util.function.Predicate;
import org.jdbi.v3.core.Jdbi;
import questlog.common.GameLookup;
import questlog.common.ListWrites;
import questlog.common.CollectedEvents;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import questlog.common.Access;
import questlog.common.ApiOperation;
import questlog.common.EventLog;
import questlog.common.EventTypes;
import questlog.common.FeatureModule;
import questlog.common.GameRemoval;
import questlog.common.GameDetailSection;
import questlog.common.dataset.DatasetSection;

/**
 * Lists and their entries and history. Built by app with the one {@link Jdbi}, the app's
 * {@link ObjectMapper}, a {@link Clock}, the {@link GameLookup} that answers for the library,
 * and {@code seesPrivate}, which tells whether a request may see private lists (app: it carries
 * a valid token), and the {@link EventLog} its changes are recorded in (the realtime module's).
 */
public final class ListsModule implements FeatureModule {
    private final ListService service;
    private final ListController controller;
    private final ListsDataset dataset;

    public ListsModule(Jdbi jdbi, ObjectMapper json, Clock clock, GameLookup catalog, Predicate<Context> seesPrivate,
                       EventLog events) {
        this.service = new ListService(jdbi, json, clock, catalog, events);
        this.controller = new ListController(service, json, seesPrivate);
        this.dataset = new ListsDataset(catalog, json, events);
    }

    /** Lists and entries for importers, on their own transaction. */
    public ListWrites writes() {
        return new ListWrites() {
            @Override
            public Map<String, ListRef> listsBySlug(Handle handle, Collection<String> slugs) {
                return service.listsBySlug(handle, slugs);
            }

            @Override
            public Set<UUID> gameIds(Handle handle, UUID listId) {
                return service.gameIds(handle, listId);
            }

            @Override
            public ListRef create(Handle handle, String name, String slug, boolean ranked, CollectedEvents events) {
                return service.createIn(handle, name, slug, ranked, events);
            }

            @Override
            public questlog.common.CopyCounts copy(Handle handle, List<CopiedList> lists, CollectedEvents events) {
                return service.copyIn(handle, lists, events);
            }

            @Override
            public void append(Handle handle, ListRef list, List<GameLookup.GameRef> games, CollectedEvents events) {
                service.appendIn(handle, list, games, events);
            }
        };
    }

    @Override
    public String name() {
        return "lists";
    }

    /** A game leaving the library leaves every list, as a removal of the lists' own (history and event). */
    @Override
    public List<GameRemoval> gameRemovals() {
        return List.of(service::removeGame);
    }

    /** The lists routes, mounted by app inside {@code path("api")}. */
    @Override
    public EndpointGroup routes() {
        return () -> path("lists", () -> {
            get(controller::list, Access.READ);
            post(controller::create, Access.WRITE);
            path("{slug}", () -> {
                get(controller::get, Access.READ);
                patch(controller::update, Access.WRITE);
                delete(controller::delete, Access.WRITE);
                get("activity", controller::activity, Access.READ);
                put("order", controller::setOrder, Access.WRITE);
                path("entries", () -> {
                    post(controller::addEntry, Access.WRITE);
                    post("bulk", controller::bulkAdd, Access.WRITE);
                    get("{game}", controller::getEntry, Access.READ);
                    patch("{game}", controller::updateEntry, Access.WRITE);
                    delete("{game}", controller::removeEntry, Access.WRITE);
                });
            });
        });
    }

    @Override
    public List<DatasetSection> datasetSections() {
        return dataset.sections();
    }

    /** The lists routes for the OpenAPI document. */
    @Override
    public List<ApiOperation> operations() {
        return ListsApi.operations();
    }

    /**
     * The lists a game is in, in its detail: by list name, with the game's position and notes in
     * each; private ones only for requests that may see them.
     */
    @Override
    public List<GameDetailSection<?>> gameDetailSections() {
        return List.of(new GameDetailSection<>("lists", GameListMembership.class, ListReads.LISTS_OF_GAME,
                (rows, handle, game, seesPrivate) -> ListReads.listsOfGame(rows)));
    }

    @Override
    public List<String> eventTypes() {
        return List.of(EventTypes.LIST_UPDATED);
    }
}
