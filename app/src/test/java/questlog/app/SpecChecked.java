package questlog.app;

/**
 * The requests of {@link TestApp}, each answer checked against /api/openapi.json
 * ({@link OpenApiTest#assertMatchesSpec}) before the test looks at it.
 */
final class SpecChecked {
    private final TestApp app;

    SpecChecked(TestApp app) {
        this.app = app;
    }

    TestApp.Response get(String path, String... headers) {
        return checked("GET", path, app.get(path, headers));
    }

    TestApp.Response post(String path, Object body) {
        return checked("POST", path, app.post(path, body));
    }

    TestApp.Response put(String path, Object body) {
        return checked("PUT", path, app.put(path, body));
    }

    TestApp.Response patch(String path, Object body) {
        return checked("PATCH", path, app.patch(path, body));
    }

    TestApp.Response delete(String path) {
        return checked("DELETE", path, app.delete(path));
    }

    TestApp.Response send(String method, String path, Object body, String... headers) {
        return checked(method, path, app.send(method, path, body, headers));
    }

    private TestApp.Response checked(String method, String path, TestApp.Response response) {
        OpenApiTest.assertMatchesSpec(app, method, path.replaceAll("\\?.*", ""), response);
        return response;
    }
}
