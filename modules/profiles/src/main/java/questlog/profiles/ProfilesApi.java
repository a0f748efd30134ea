package questlog.profiles;

import java.util.ArrayList;
import java.util.List;
import questlog.common.ApiOperation;
import questlog.common.ApiParam;
import questlog.common.ApiResponse;

/** The profiles routes as the OpenAPI document describes them, in the order of {@link ProfilesModule#routes()}. */
final class ProfilesApi {
    private ProfilesApi() {}

    private static final ApiParam PLUGIN = ApiParam.path("plugin", "The plugin's key: steam, ffxiv, destiny, poe, …");
    private static final ApiParam ID = ApiParam.path("id", "The profile's id (a UUID)");
    private static final String FAILURES = """
             Upstream failures are answered as such: an unknown player 404, a private profile 403, \
            throttling 429 with `Retry-After`, the service down or in maintenance 503, an answer that breaks \
            the service's contract 502; `reason` in the problem names which.""";

    static List<ApiOperation> operations(List<ProfilePlugin<?>> plugins) {
        List<ApiOperation> operations = new ArrayList<>(List.of(
                ApiOperation.get("/api/profiles", "List profiles", ApiResponse.pageOf(ProfileResponse.class))
                        .withDescription("Every profile, by plugin, then name. Profiles of plugins that are not "
                                + "installed are listed too (never synced).")
                        .withParams(ApiParam.query("limit", Integer.class, "Page size, 1 to 5000 (default 50)"),
                                ApiParam.query("offset", Integer.class, "Items to skip (default 0)"))
                        .withProblems(400),
                ApiOperation.get("/api/profiles/{plugin}", "List a plugin's profiles",
                                ApiResponse.pageOf(ProfileResponse.class))
                        .withParams(PLUGIN, ApiParam.query("limit", Integer.class, "Page size, 1 to 5000 (default 50)"),
                                ApiParam.query("offset", Integer.class, "Items to skip (default 0)"))
                        .withProblems(400, 404),
                ApiOperation.post("/api/profiles/{plugin}", "Add a profile",
                                ApiResponse.created(ProfileDetailResponse.class))
                        .withDescription("The plugin validates the handle and resolves it upstream (a Steam vanity "
                                + "name to its SteamID64) before anything is written; an invalid handle is a 422 on "
                                + "`handle`, an account that already has a profile of this plugin a 409. The first "
                                + "sync is queued as a job; later ones follow the plugin's schedule." + FAILURES)
                        .withParams(PLUGIN)
                        .withBody(CreateProfileRequest.class)
                        .withProblems(403, 404, 409, 422, 429, 502, 503),
                ApiOperation.get("/api/profiles/{plugin}/{id}", "Get a profile",
                                ApiResponse.ok(ProfileDetailResponse.class))
                        .withDescription("The profile with its latest data, its recent history (what changed at each "
                                + "sync that changed something lasting) and its plugin's read views.")
                        .withParams(PLUGIN, ID)
                        .withProblems(404),
                ApiOperation.patch("/api/profiles/{plugin}/{id}", "Change a profile's game or settings",
                                ApiResponse.ok(ProfileDetailResponse.class))
                        .withDescription("Only the fields present change; `game: null` detaches the profile.")
                        .withParams(PLUGIN, ID)
                        .withBody(UpdateProfileRequest.class)
                        .withProblems(404, 422),
                ApiOperation.delete("/api/profiles/{plugin}/{id}", "Remove a profile and its history",
                                ApiResponse.noContent())
                        .withParams(PLUGIN, ID)
                        .withProblems(404),
                ApiOperation.post("/api/profiles/{plugin}/{id}/sync", "Sync a profile now",
                                ApiResponse.accepted(SyncAcceptedResponse.class))
                        .withDescription("Queues a sync job (or returns the one already queued or running for this "
                                + "profile). A failed sync keeps the last good data and sets `sync_error`; the job "
                                + "fails with the same message.")
                        .withParams(PLUGIN, ID)
                        .withProblems(404, 503)));
        for (ProfilePlugin<?> plugin : plugins) {
            for (ProfileView<?> view : plugin.views()) {
                operations.add(viewOperation("/api/profiles/" + plugin.key() + "/{id}/" + view.name(), plugin, view)
                        .withParams(ID).withProblems(404));
            }
        }
        List<ApiOperation> tagged = new ArrayList<>(ApiOperation.tagged("Profiles", operations));
        for (ProfilePlugin<?> plugin : plugins) {
            for (ProfileView<?> view : plugin.views()) {
                if (view.legacyPath() != null) {
                    tagged.add(viewOperation(view.legacyPath(), plugin, view).withDescription(view.description()
                            + " Served from the first " + plugin.displayName() + " profile (the original Questlog's "
                            + "route).").withTag("Original Questlog API"));
                }
            }
        }
        return tagged;
    }

    private static ApiOperation viewOperation(String path, ProfilePlugin<?> plugin, ProfileView<?> view) {
        ApiResponse response = view.array() ? ApiResponse.arrayOf(view.responseType()) : ApiResponse.ok(view.responseType());
        ApiOperation operation = ApiOperation.get(path, plugin.displayName() + ": " + view.summary(), response)
                .withDescription(view.description());
        for (ProfileView.Param param : view.params()) {
            operation = operation.withParams(ApiParam.query(param.name(), param.type(), param.description()));
        }
        return operation;
    }
}
