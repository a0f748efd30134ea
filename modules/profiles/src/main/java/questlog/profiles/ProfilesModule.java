package questlog.profiles;

import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.path;

import io.javalin.apibuilder.EndpointGroup;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import questlog.common.Access;
import questlog.common.ApiOperation;
import questlog.common.FeatureModule;
import questlog.common.GameDetailSection;
import questlog.common.GameLookup;
import questlog.common.dataset.DatasetSection;

/**
 * Profiles: the stored profiles and their snapshot history. Built by app with the one
 * {@link Jdbi} and the library's {@link GameLookup}.
 */
public final class ProfilesModule implements FeatureModule {
    private final Jdbi jdbi;
    private final ProfileController controller;
    private final ProfilesDataset dataset;

    public ProfilesModule(Jdbi jdbi, GameLookup games) {
        this.jdbi = jdbi;
        this.controller = new ProfileController(jdbi);
        this.dataset = new ProfilesDataset(games);
    }

    @Override
    public String name() {
        return "profiles";
    }

    @Override
    public EndpointGroup routes() {
        return () -> path("profiles", () -> get(controller::list, Access.READ));
    }

    @Override
    public List<ApiOperation> operations() {
        return ProfilesApi.operations();
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
