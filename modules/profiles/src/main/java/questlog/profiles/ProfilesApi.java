package questlog.profiles;

import java.util.List;
import questlog.common.ApiOperation;
import questlog.common.ApiParam;
import questlog.common.ApiResponse;

/** The profiles routes as the OpenAPI document describes them, in the order of {@link ProfilesModule#routes()}. */
final class ProfilesApi {
    private ProfilesApi() {}

    static List<ApiOperation> operations() {
        return ApiOperation.tagged("Profiles", List.of(
                ApiOperation.get("/api/profiles", "List profiles", ApiResponse.pageOf(ProfileResponse.class))
                        .withDescription("Every profile, by plugin, then name.")
                        .withParams(ApiParam.query("limit", Integer.class, "Page size, 1 to 5000 (default 50)"),
                                ApiParam.query("offset", Integer.class, "Items to skip (default 0)"))
                        .withProblems(400)));
    }
}
