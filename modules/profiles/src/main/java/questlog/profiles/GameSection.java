package questlog.profiles;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import questlog.common.GameLookup;

/**
 * The {@code profiles} member of a game's detail: the game's own profiles with their latest data,
 * then the account-wide profiles that cover it with their plugin's part about the game.
 */
final class GameSection {
    private final ObjectMapper json;
    private final ProfilePlugins plugins;

    GameSection(ObjectMapper json, ProfilePlugins plugins) {
        this.json = json;
        this.plugins = plugins;
    }

    List<GameProfileResponse> read(Handle h, GameLookup.GameRef game, boolean seesPrivate) {
        ProfileDao dao = h.attach(ProfileDao.class);
        List<Profile> profiles = dao.ofGame(game.id());
        if (profiles.isEmpty()) {
            return List.of();
        }
        List<ExternalGame> ids = profiles.stream().anyMatch(p -> p.gameId() == null)
                ? dao.externalIdsOfGame(game.id()).stream().map(GameSection::external).toList()
                : List.of();
        return profiles.stream().map(p -> {
            boolean accountWide = p.gameId() == null;
            Object data = accountWide ? partAbout(p, ids) : p.data();
            return new GameProfileResponse(p.id(), p.plugin(), p.accountId(), p.handle(), p.displayName(), accountWide,
                    data, p.syncedAt(), p.syncError(), "/api/profiles/" + p.plugin() + "/" + p.id());
        }).toList();
    }

    private Object partAbout(Profile p, List<ExternalGame> ids) {
        Optional<ProfilePlugin<?>> plugin = plugins.find(p.plugin());
        if (plugin.isEmpty() || p.data() == null || p.data().isNull()) {
            return null;
        }
        return partAbout(plugin.get(), p.data(), ids);
    }

    private <S> Object partAbout(ProfilePlugin<S> plugin, JsonNode data, List<ExternalGame> ids) {
        try {
            return plugin.gameData(json.treeToValue(data, plugin.snapshotType()), ids);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return null;
        }
    }

    private static ExternalGame external(String sourceAndId) {
        int colon = sourceAndId.indexOf(':');
        return new ExternalGame(sourceAndId.substring(0, colon), sourceAndId.substring(colon + 1));
    }
}
