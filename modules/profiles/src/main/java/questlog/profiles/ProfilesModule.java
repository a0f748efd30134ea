package questlog.profiles;

import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.patch;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.apibuilder.EndpointGroup;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import questlog.common.Access;
import questlog.common.ApiOperation;
import questlog.common.EventLog;
import questlog.common.EventTypes;
import questlog.common.FeatureModule;
import questlog.common.GameDetailSection;
import questlog.common.GameLookup;
import questlog.common.GameRemoval;
import questlog.common.JobHandler;
import questlog.common.Jobs;
import questlog.common.dataset.DatasetSection;
import questlog.profiles.steam.sync.SteamLibrary;

/**
 * Profiles: the profile plugins' core. It owns the profiles and their snapshot history, runs syncs
 * as jobs (on demand, and on each plugin's schedule), records {@code questlog:profile_synced},
 * serves {@code /api/profiles} and every plugin's read views (the original Questlog's routes
 * among them), and puts profiles in their games' detail and in Questlog's export; it also serves
 * the Steam library sync. Built by app with the plugins, in the order they are listed there.
 */
public final class ProfilesModule implements FeatureModule {
    /** How often due scheduled syncs are looked for. */
    static final Duration SCHEDULE_TICK = Duration.ofSeconds(30);

    private final ProfilePlugins plugins;
    private final ProfileService service;
    private final ProfileController controller;
    private final ViewController views;
    private final ProfilesDataset dataset;
    private final ProfileSync sync;
    private final ProfileScheduler scheduler;
    private final GameSection gameSection;
    private final SteamLibrary steamLibrary;

    /**
     * @param jobs    queues syncs (null where no jobs run: profiles are then only read)
     * @param plugins the installed plugins; profiles of other plugins are kept and shown, never synced
     * @param steamLibrary the Steam library sync, whose route and job the module serves
     */
    public ProfilesModule(Jdbi jdbi, ObjectMapper json, Clock clock, GameLookup games, EventLog events, Jobs jobs,
                          List<? extends ProfilePlugin<?>> plugins, SteamLibrary steamLibrary) {
        this.plugins = new ProfilePlugins(plugins);
        this.steamLibrary = steamLibrary;
        this.service = new ProfileService(jdbi, json, clock, games, events, jobs, this.plugins);
        this.controller = new ProfileController(jdbi, json, service,
                new ProfileAuthorizations(jdbi, json, clock, events, service));
        this.views = new ViewController(jdbi, json, clock, service);
        this.dataset = new ProfilesDataset(games);
        this.sync = new ProfileSync(jdbi, json, clock, events, this.plugins);
        this.scheduler = new ProfileScheduler(jdbi, jobs, this.plugins, clock, SCHEDULE_TICK);
        this.gameSection = new GameSection(json, this.plugins);
    }

    @Override
    public String name() {
        return "profiles";
    }

    /** A deleted game's profiles stay and lose their game, each with its event. */
    @Override
    public List<GameRemoval> gameRemovals() {
        return List.of(service::removeGame);
    }

    @Override
    public EndpointGroup routes() {
        return () -> {
            path("profiles", () -> {
                get(controller::list, Access.READ);
                path("{plugin}", () -> {
                    get(controller::listOfPlugin, Access.READ);
                    post(controller::create, Access.WRITE);
                    path("{id}", () -> {
                        get(controller::get, Access.READ);
                        patch(controller::update, Access.WRITE);
                        delete(controller::delete, Access.WRITE);
                        post("sync", controller::sync, Access.WRITE);
                        post("oauth/start", controller::startAuthorization, Access.WRITE);
                        post("oauth/callback", controller::completeAuthorization, Access.WRITE);
                    });
                });
                for (ProfilePlugin<?> plugin : plugins.all()) {
                    viewRoutes(plugin);
                }
            });
            for (ProfilePlugin<?> plugin : plugins.all()) {
                legacyRoutes(plugin);
            }
            steamLibrary.routes().addEndpoints();
        };
    }

    private <S> void viewRoutes(ProfilePlugin<S> plugin) {
        for (ProfileView<S> view : plugin.views()) {
            get(ProfilesApi.profilePath(plugin, view), views.ofProfile(plugin, view), Access.READ);
        }
    }

    private <S> void legacyRoutes(ProfilePlugin<S> plugin) {
        for (ProfileView<S> view : plugin.views()) {
            if (view.legacyPath() != null) {
                get(view.legacyPath().substring("/api/".length()), views.legacy(plugin, view), Access.READ);
            }
        }
    }

    @Override
    public List<ApiOperation> operations() {
        return Stream.concat(ProfilesApi.operations(plugins.all()).stream(), steamLibrary.operations().stream())
                .toList();
    }

    @Override
    public List<JobHandler> jobHandlers() {
        return Stream.concat(Stream.of(sync), steamLibrary.jobHandlers().stream()).toList();
    }

    @Override
    public List<DatasetSection> datasetSections() {
        return dataset.sections();
    }

    /** The profiles of a game: its own, then the account-wide ones that cover it. */
    @Override
    public List<GameDetailSection<?>> gameDetailSections() {
        return List.of(new GameDetailSection<>("profiles", GameProfileResponse.class, GameSection.OF_GAME,
                gameSection::read));
    }

    @Override
    public List<String> eventTypes() {
        return List.of(EventTypes.PROFILE_SYNCED);
    }

    /**
     * Views that refresh while read must reach their handler on every read (the read cache would
     * answer them without queuing the refresh): their legacy paths, and their plugin's profiles.
     */
    @Override
    public List<String> uncachedPaths() {
        List<String> paths = new ArrayList<>();
        for (ProfilePlugin<?> plugin : plugins.all()) {
            for (ProfileView<?> view : plugin.views()) {
                if (view.maxAge() != null) {
                    if (view.legacyPath() != null) {
                        paths.add(view.legacyPath());
                    }
                    String own = "/api/profiles/" + plugin.key();
                    if (!paths.contains(own)) {
                        paths.add(own);
                    }
                }
            }
        }
        return paths;
    }

    @Override
    public void start() {
        scheduler.start();
    }

    /** Stops the schedule, then closes the plugins that hold resources (their clients). */
    @Override
    public void close() {
        scheduler.close();
        for (ProfilePlugin<?> plugin : plugins.all()) {
            if (plugin instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    org.slf4j.LoggerFactory.getLogger(ProfilesModule.class).warn("closing the {} plugin failed",
                            plugin.key(), e);
                }
            }
        }
    }
}
