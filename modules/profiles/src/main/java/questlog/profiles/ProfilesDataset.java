package questlog.profiles;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import questlog.common.GameLookup;
import questlog.common.dataset.DatasetCounts;
import questlog.common.dataset.DatasetFormat;
import questlog.common.dataset.DatasetImport;
import questlog.common.dataset.DatasetProblems;
import questlog.common.dataset.DatasetSection;
import questlog.common.dataset.ExportRows;
import questlog.common.dataset.RecordFields;

/**
 * The profiles' sections of Questlog's own export format: {@code profiles} and
 * {@code profile_snapshots}, every column of both tables but the schedule's {@code next_sync_at}
 * (an imported profile is due for a sync at once) (the shared bench format has neither).
 * Records keep their ids and timestamps; a record whose id exists is rewritten, so importing the
 * same document twice changes nothing. A profile refers to its game by slug.
 */
final class ProfilesDataset {
    static final String PROFILES = "profiles";
    static final String SNAPSHOTS = "profile_snapshots";
    private static final Pattern PLUGIN = Pattern.compile("^[a-z][a-z0-9_]*$");
    private static final Pattern COVERED_GAME = Pattern.compile("^[a-z]+:[^\\s]+$");
    private static final Set<String> PROFILE_FIELDS = Set.of("id", "plugin", "account_id", "handle", "display_name",
            "game", "settings", "data", "games", "synced_at", "sync_error", "created_at", "updated_at");
    private static final Set<String> SNAPSHOT_FIELDS = Set.of("id", "profile", "taken_at", "data", "changes",
            "created_at", "updated_at");

    private final GameLookup games;

    ProfilesDataset(GameLookup games) {
        this.games = games;
    }

    List<DatasetSection> sections() {
        return List.of(new Profiles(), new Snapshots());
    }

    private record ProfileRow(int index, UUID id, String plugin, String accountId, String handle, String displayName,
                              String game, JsonNode settings, JsonNode data, List<String> games, Instant syncedAt,
                              String syncError, Instant createdAt, Instant updatedAt) {}

    private record SnapshotRow(int index, UUID id, UUID profile, Instant takenAt, JsonNode data, JsonNode changes,
                               Instant createdAt, Instant updatedAt) {}

    /** Questlog's own format only. */
    private abstract static class OwnFormatSection implements DatasetSection {
        @Override
        public boolean inFormat(DatasetFormat format) {
            return format == DatasetFormat.EXPORT;
        }
    }

    private final class Profiles extends OwnFormatSection {
        @Override
        public String name() {
            return PROFILES;
        }

        @Override
        public Set<String> references() {
            return Set.of("games");
        }

        @Override
        public SectionImport begin(DatasetImport document) {
            DatasetProblems problems = document.problems();
            List<ProfileRow> rows = new ArrayList<>();
            return new SectionImport() {
                @Override
                public void read(int index, JsonNode record) {
                    RecordFields f = RecordFields.of(PROFILES, index, record, problems, PROFILE_FIELDS);
                    if (f == null) {
                        return;
                    }
                    UUID id = f.id();
                    String plugin = f.requiredString("plugin");
                    if (plugin != null && !PLUGIN.matcher(plugin).matches()) {
                        f.fail("plugin", "must be a plugin key: lowercase letters, digits and underscores");
                    }
                    var row = new ProfileRow(index, id, plugin, f.requiredString("account_id"), f.requiredString("handle"),
                            f.optionalText("display_name"), f.optionalSlugReference("game"), f.object("settings", true),
                            f.object("data", false), coveredGames(f), f.optionalTimestamp("synced_at"),
                            f.optionalText("sync_error"),
                            f.requiredTimestamp("created_at"), f.requiredTimestamp("updated_at"));
                    if (f.ok()) {
                        rows.add(row);
                    }
                }

                @Override
                public DatasetCounts load(Handle h) {
                    return loadProfiles(h, rows, problems);
                }
            };
        }

        @Override
        public long count(Handle h) {
            return h.createQuery("SELECT count(*) FROM profile").mapTo(Long.class).one();
        }

        @Override
        public void export(Handle h, JsonGenerator out, DatasetFormat format, int fetchSize) throws IOException {
            ExportRows.stream(h, """
                    SELECT p.id, p.plugin, p.account_id, p.handle, p.display_name, g.slug AS game, p.settings::text AS settings,
                           p.data::text AS data, p.games, p.synced_at, p.sync_error, p.created_at, p.updated_at
                    FROM profile p LEFT JOIN game g ON g.id = p.game_id ORDER BY p.id""", fetchSize, rs -> {
                out.writeStartObject();
                out.writeStringField("id", rs.getString("id"));
                out.writeStringField("plugin", rs.getString("plugin"));
                out.writeStringField("account_id", rs.getString("account_id"));
                out.writeStringField("handle", rs.getString("handle"));
                out.writeStringField("display_name", rs.getString("display_name"));
                out.writeStringField("game", rs.getString("game"));
                out.writeFieldName("settings");
                out.writeRawValue(rs.getString("settings"));
                out.writeFieldName("data");
                raw(out, rs.getString("data"));
                out.writeArrayFieldStart("games");
                for (String game : (String[]) rs.getArray("games").getArray()) {
                    out.writeString(game);
                }
                out.writeEndArray();
                out.writeStringField("synced_at", instant(rs, "synced_at"));
                out.writeStringField("sync_error", rs.getString("sync_error"));
                out.writeStringField("created_at", instant(rs, "created_at"));
                out.writeStringField("updated_at", instant(rs, "updated_at"));
                out.writeEndObject();
            });
        }
    }

    private final class Snapshots extends OwnFormatSection {
        @Override
        public String name() {
            return SNAPSHOTS;
        }

        @Override
        public Set<String> references() {
            return Set.of(PROFILES);
        }

        @Override
        public SectionImport begin(DatasetImport document) {
            DatasetProblems problems = document.problems();
            List<SnapshotRow> rows = new ArrayList<>();
            return new SectionImport() {
                @Override
                public void read(int index, JsonNode record) {
                    RecordFields f = RecordFields.of(SNAPSHOTS, index, record, problems, SNAPSHOT_FIELDS);
                    if (f == null) {
                        return;
                    }
                    var row = new SnapshotRow(index, f.id(), f.uuidReference("profile"), f.requiredTimestamp("taken_at"),
                            f.object("data", true), f.array("changes"), f.requiredTimestamp("created_at"),
                            f.requiredTimestamp("updated_at"));
                    if (f.ok()) {
                        rows.add(row);
                    }
                }

                @Override
                public DatasetCounts load(Handle h) {
                    return loadSnapshots(h, rows, problems);
                }
            };
        }

        @Override
        public long count(Handle h) {
            return h.createQuery("SELECT count(*) FROM profile_snapshot").mapTo(Long.class).one();
        }

        @Override
        public void export(Handle h, JsonGenerator out, DatasetFormat format, int fetchSize) throws IOException {
            ExportRows.stream(h, """
                    SELECT id, profile_id, taken_at, data::text AS data, changes::text AS changes, created_at, updated_at
                    FROM profile_snapshot ORDER BY profile_id, taken_at, id""", fetchSize, rs -> {
                out.writeStartObject();
                out.writeStringField("id", rs.getString("id"));
                out.writeStringField("profile", rs.getString("profile_id"));
                out.writeStringField("taken_at", instant(rs, "taken_at"));
                out.writeFieldName("data");
                out.writeRawValue(rs.getString("data"));
                out.writeFieldName("changes");
                out.writeRawValue(rs.getString("changes"));
                out.writeStringField("created_at", instant(rs, "created_at"));
                out.writeStringField("updated_at", instant(rs, "updated_at"));
                out.writeEndObject();
            });
        }
    }

    /** The games an account-wide profile covers, as 'source:external_id' texts; missing (older documents) is none. */
    private static List<String> coveredGames(RecordFields f) {
        JsonNode games = f.array("games");
        if (games == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>(games.size());
        for (int i = 0; i < games.size(); i++) {
            JsonNode game = games.get(i);
            if (!game.isTextual() || !COVERED_GAME.matcher(game.textValue()).matches()) {
                f.fail("games[" + i + "]", "must be a source and an id, such as 'steam:620'");
                return List.of();
            }
            out.add(game.textValue());
        }
        return out;
    }

    private DatasetCounts loadProfiles(Handle h, List<ProfileRow> rows, DatasetProblems problems) {
        Map<UUID, ProfileRow> byId = new HashMap<>();
        Map<String, ProfileRow> byAccount = new HashMap<>();
        Set<String> gameSlugs = new HashSet<>();
        for (ProfileRow row : rows) {
            ProfileRow sameId = byId.putIfAbsent(row.id(), row);
            if (sameId != null) {
                problems.record(PROFILES, row.index(), row.id(), null, "id",
                        "is used twice in profiles: also at profiles[" + sameId.index() + "]");
            }
            ProfileRow sameAccount = byAccount.putIfAbsent(row.plugin() + "/" + row.accountId(), row);
            if (sameAccount != null) {
                problems.record(PROFILES, row.index(), row.id(), null, "account_id",
                        "is used twice for plugin " + row.plugin() + ": also at profiles[" + sameAccount.index() + "]");
            }
            if (row.game() != null) {
                gameSlugs.add(row.game());
            }
        }
        Map<String, GameLookup.GameRef> found = gameSlugs.isEmpty() ? Map.of() : games.gamesBySlug(h, gameSlugs);
        for (ProfileRow row : rows) {
            if (row.game() != null && !found.containsKey(row.game())) {
                problems.record(PROFILES, row.index(), row.id(), null, "game", "refers to game '" + row.game()
                        + "', which is neither in the document's games nor in the library");
            }
            UUID owner = h.createQuery("SELECT id FROM profile WHERE plugin = :plugin AND account_id = :account")
                    .bind("plugin", row.plugin()).bind("account", row.accountId()).mapTo(UUID.class).findOne().orElse(null);
            if (owner != null && !owner.equals(row.id())) {
                problems.record(PROFILES, row.index(), row.id(), null, "account_id",
                        "is already the account of another " + row.plugin() + " profile in the library (id " + owner + ")");
            }
        }
        if (problems.count(PROFILES) > 0) {
            return DatasetCounts.none(rows.size());
        }
        int created = 0;
        int updated = 0;
        for (ProfileRow row : rows) {
            GameLookup.GameRef game = row.game() == null ? null : found.get(row.game());
            Boolean wasCreated = h.createQuery("""
                            INSERT INTO profile AS p (id, plugin, account_id, handle, display_name, game_id, settings, data,
                                                      games, synced_at, sync_error, created_at, updated_at)
                            VALUES (:id, :plugin, :account, :handle, :name, :game, CAST(:settings AS jsonb),
                                    CAST(:data AS jsonb), :games, :synced, :error, :created, :updated)
                            ON CONFLICT (id) DO UPDATE SET plugin = excluded.plugin, account_id = excluded.account_id,
                                handle = excluded.handle, display_name = excluded.display_name, game_id = excluded.game_id,
                                settings = excluded.settings, data = excluded.data, games = excluded.games,
                                synced_at = excluded.synced_at, sync_error = excluded.sync_error,
                                created_at = excluded.created_at, updated_at = excluded.updated_at
                            WHERE (p.plugin, p.account_id, p.handle, p.display_name, p.game_id, p.settings, p.data,
                                   p.games, p.synced_at, p.sync_error, p.created_at, p.updated_at)
                                  IS DISTINCT FROM
                                  (excluded.plugin, excluded.account_id, excluded.handle, excluded.display_name,
                                   excluded.game_id, excluded.settings, excluded.data, excluded.games, excluded.synced_at,
                                   excluded.sync_error, excluded.created_at, excluded.updated_at)
                            RETURNING (xmax = 0)""")
                    .bind("id", row.id()).bind("plugin", row.plugin()).bind("account", row.accountId())
                    .bind("handle", row.handle()).bind("name", row.displayName())
                    .bind("game", game == null ? null : game.id())
                    .bind("settings", row.settings().toString())
                    .bind("data", row.data() == null ? null : row.data().toString())
                    .bind("games", row.games().toArray(String[]::new))
                    .bind("synced", offset(row.syncedAt())).bind("error", row.syncError())
                    .bind("created", offset(row.createdAt())).bind("updated", offset(row.updatedAt()))
                    .mapTo(Boolean.class).findOne().orElse(null);
            if (wasCreated != null) {
                if (wasCreated) {
                    created++;
                } else {
                    updated++;
                }
            }
        }
        return new DatasetCounts(rows.size(), created, updated, rows.size() - created - updated);
    }

    private DatasetCounts loadSnapshots(Handle h, List<SnapshotRow> rows, DatasetProblems problems) {
        Map<UUID, SnapshotRow> byId = new HashMap<>();
        Set<UUID> profiles = new HashSet<>();
        for (SnapshotRow row : rows) {
            SnapshotRow sameId = byId.putIfAbsent(row.id(), row);
            if (sameId != null) {
                problems.record(SNAPSHOTS, row.index(), row.id(), null, "id",
                        "is used twice in profile_snapshots: also at profile_snapshots[" + sameId.index() + "]");
            }
            profiles.add(row.profile());
        }
        Set<UUID> known = new HashSet<>(profiles.isEmpty() ? List.of() : h.createQuery(
                        "SELECT id FROM profile WHERE id = ANY(:ids)").bindArray("ids", UUID.class, profiles)
                .mapTo(UUID.class).list());
        for (SnapshotRow row : rows) {
            if (!known.contains(row.profile())) {
                problems.record(SNAPSHOTS, row.index(), row.id(), null, "profile", "refers to profile " + row.profile()
                        + ", which is neither in the document's profiles nor in the library");
            }
        }
        if (problems.count(SNAPSHOTS) > 0) {
            return DatasetCounts.none(rows.size());
        }
        int created = 0;
        int updated = 0;
        for (SnapshotRow row : rows) {
            Boolean wasCreated = h.createQuery("""
                            INSERT INTO profile_snapshot AS s (id, profile_id, taken_at, data, changes, created_at, updated_at)
                            VALUES (:id, :profile, :taken, CAST(:data AS jsonb), CAST(:changes AS jsonb), :created, :updated)
                            ON CONFLICT (id) DO UPDATE SET profile_id = excluded.profile_id, taken_at = excluded.taken_at,
                                data = excluded.data, changes = excluded.changes, created_at = excluded.created_at,
                                updated_at = excluded.updated_at
                            WHERE (s.profile_id, s.taken_at, s.data, s.changes, s.created_at, s.updated_at)
                                  IS DISTINCT FROM (excluded.profile_id, excluded.taken_at, excluded.data,
                                                    excluded.changes, excluded.created_at, excluded.updated_at)
                            RETURNING (xmax = 0)""")
                    .bind("id", row.id()).bind("profile", row.profile()).bind("taken", offset(row.takenAt()))
                    .bind("data", row.data().toString()).bind("changes", row.changes().toString())
                    .bind("created", offset(row.createdAt())).bind("updated", offset(row.updatedAt()))
                    .mapTo(Boolean.class).findOne().orElse(null);
            if (wasCreated != null) {
                if (wasCreated) {
                    created++;
                } else {
                    updated++;
                }
            }
        }
        return new DatasetCounts(rows.size(), created, updated, rows.size() - created - updated);
    }

    private static void raw(JsonGenerator out, String json) throws IOException {
        if (json == null) {
            out.writeNull();
        } else {
            out.writeRawValue(json);
        }
    }

    private static String instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant().toString();
    }

    private static OffsetDateTime offset(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, java.time.ZoneOffset.UTC);
    }
}
