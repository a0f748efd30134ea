package questlog.profiles;

import java.util.List;
import questlog.profiles.ReplayingUpstream.Answer;

/** The test plugin passes the shared contract, as every plugin must. */
class ArcadePluginTest extends ProfilePluginContract<ArcadePlugin.Snapshot> {
    static final String PLAYER = """
            {"player": {"name": "Kiri", "level": 12, "minutes": 340, "trophies": ["first-win", "combo-50"],
                        "online": true, "games": [620, 730]}}""";
    static final String LATER = """
            {"player": {"name": "Kiri", "level": 13, "minutes": 400, "trophies": ["first-win", "combo-50", "boss"],
                        "online": false, "games": [620, 730]}}""";

    @Override
    protected ProfilePlugin<ArcadePlugin.Snapshot> plugin(String baseUrl) {
        return new ArcadePlugin(baseUrl, false);
    }

    @Override
    protected List<String> acceptedHandles() {
        return List.of("1234", " 987654321012 ", "@kiri");
    }

    @Override
    protected void prepareResolvable(ReplayingUpstream upstream) {
        upstream.always("/names/kiri", Answer.json("{\"id\": \"5551234\"}"));
    }

    @Override
    protected List<String> rejectedHandles() {
        return List.of("12", "kiri", "@", "1234567890123", "@Kiri!");
    }

    @Override
    protected String prepareAccount(ReplayingUpstream upstream) {
        upstream.always("/players/5551234", Answer.json(PLAYER));
        return "5551234";
    }

    @Override
    protected void prepareLaterState(ReplayingUpstream upstream) {
        upstream.always("/players/5551234", Answer.json(LATER));
    }

    @Override
    protected String prepareUnknownPlayer(ReplayingUpstream upstream) {
        upstream.always("/players/404404", Answer.json(404, "{\"error\": \"no such player\"}"));
        return "404404";
    }

    @Override
    protected String preparePrivateProfile(ReplayingUpstream upstream) {
        upstream.always("/players/777", Answer.json("{\"player\": null, \"private\": true}"));
        return "777";
    }

    @Override
    protected String prepareThrottled(ReplayingUpstream upstream) {
        upstream.always("/players/888", Answer.json(429, "{\"error\": \"slow down\"}").withHeader("Retry-After", "1"));
        return "888";
    }

    @Override
    protected String prepareDown(ReplayingUpstream upstream) {
        upstream.always("/players/999", Answer.html(503, "<html><body>Down for maintenance</body></html>"));
        return "999";
    }

    @Override
    protected String prepareMalformed(ReplayingUpstream upstream) {
        upstream.always("/players/555", Answer.html(200, "<!DOCTYPE html><html><body>Sign in</body></html>"));
        return "555";
    }
}
