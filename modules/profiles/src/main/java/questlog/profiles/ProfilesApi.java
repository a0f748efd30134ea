package questlog.profiles;

import java.util.ArrayList;
import java.util.List;
import questlog.common.ApiOperation;
import questlog.common.ApiParam;
import questlog.common.ApiResponse;

/** The profiles routes as the OpenAPI document describes them, in the order of {@link ProfilesModule#routes()}. */
final class ProfilesApi {
    private ProfilesApi() {}

    private static final ApiParam PLUGIN = ApiParam.path("plugin", "The plugin's key (`steam`, or another installed plugin's)");
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
                        .withProblems(404, 503),
                ApiOperation.post("/api/profiles/{plugin}/{id}/oauth/start", "Start the owner's authorization",
                                ApiResponse.ok(AuthorizationStartResponse.class))
                        .withDescription("For a plugin whose service shows an account only with its owner's consent "
                                + "(Path of Exile): a new OAuth authorization request (PKCE where the service uses "
                                + "it). Send the owner's browser to `authorize_url`; the service sends it back to "
                                + "the redirect URI registered for Questlog with `code` and `state`, which go to "
                                + "`.../oauth/callback` within " + ProfileAuthorizations.LIFETIME.toMinutes()
                                + " minutes (`expires_at`). The state and the PKCE verifier stay on the server. "
                                + "404 for a plugin that needs no authorization; 503 when the plugin's client is "
                                + "not configured here.")
                        .withParams(PLUGIN, ID)
                        .withProblems(404, 503),
                ApiOperation.post("/api/profiles/{plugin}/{id}/oauth/callback", "Complete the owner's authorization",
                                ApiResponse.accepted(SyncAcceptedResponse.class))
                        .withDescription("Checks the `state` (started for this profile, not used yet, not expired: "
                                + "else a 400 on `state`, and nothing is stored), exchanges the `code` at the "
                                + "service's token endpoint, stores the credentials sealed with "
                                + "`QUESTLOG_SECRET_KEY` in the profile's settings and queues a sync (202 with the "
                                + "job, as `.../sync`). A code the service refuses (invalid, expired, used) is a 400 "
                                + "with `reason` `refused`; a state works once either way." + FAILURES)
                        .withParams(PLUGIN, ID)
                        .withBody(AuthorizationCallbackRequest.class)
                        .withProblems(400, 403, 404, 422, 429, 502, 503)));
        for (ProfilePlugin<?> plugin : plugins) {
            for (ProfileView<?> view : plugin.views()) {
                operations.add(viewOperation("/api/profiles/" + profilePath(plugin, view), plugin, view)
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

    /**
     * A view's route under {@code /api/profiles/}: {@code {plugin}/{id}/{name}}, then the path
     * parameters of its legacy path ({@code .../{id}/activity/{instance_id}}).
     */
    static String profilePath(ProfilePlugin<?> plugin, ProfileView<?> view) {
        StringBuilder path = new StringBuilder(plugin.key() + "/{id}/" + view.name());
        if (view.legacyPath() != null) {
            for (String param : ApiOperation.pathParamNames(view.legacyPath())) {
                path.append("/{").append(param).append('}');
            }
        }
        return path.toString();
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
