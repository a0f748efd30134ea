package questlog.profiles;

import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.path;

import io.javalin.apibuilder.EndpointGroup;
import java.util.List;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import questlog.common.Access;
import questlog.common.ApiOperation;
import questlog.common.FeatureModule;
import questlog.common.GameDetailSection;
import questlog.common.GameLookup;
import questlog.common.JobHandler;
import questlog.common.dataset.DatasetSection;
import questlog.profiles.steam.sync.SteamLibrary;

/**
 * Profiles: the stored profiles and their snapshot history, and the Steam library sync. Built by
 * app with the one {@link Jdbi}, the library's {@link GameLookup} and the {@link SteamLibrary}.
 */
public final class ProfilesModule implements FeatureModule {
    private final Jdbi jdbi;
    private final ProfileController controller;
    private final ProfilesDataset dataset;
    private final SteamLibrary steamLibrary;

    public ProfilesModule(Jdbi jdbi, GameLookup games, SteamLibrary steamLibrary) {
        this.jdbi = jdbi;
        this.steamLibrary = steamLibrary;
        this.controller = new ProfileController(jdbi);
        this.dataset = new ProfilesDataset(games);
    }

    @Override
    public String name() {
        return "profiles";
    }

    @Override
    public EndpointGroup routes() {
        return () -> {
            path("profiles", () -> get(controller::list, Access.READ));
            steamLibrary.routes().addEndpoints();
        };
    }

    @Override
    public List<ApiOperation> operations() {
        return Stream.concat(ProfilesApi.operations().stream(), steamLibrary.operations().stream()).toList();
    }

    @Override
    public List<JobHandler> jobHandlers() {
        return steamLibrary.jobHandlers();
    }

    @Override
    public List<DatasetSection> datasetSections() {
        return dataset.sections();
    }

    /** The profiles that belong to a game, in its detail. */
    @Override
    public List<GameDetailSection<?>> gameDetailSections() {
        return List.of(new GameDetailSection<>("profiles", ProfileResponse.class, (handle, game, seesPrivate) ->
                handle.attach(ProfileDao.class).ofGame(game.id()).stream().map(ProfileResponse::from).toList()));
    }
}
