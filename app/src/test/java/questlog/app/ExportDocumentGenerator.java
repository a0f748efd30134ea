package questlog.app;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Makes a {@code questlog-export} document of a whole library from a seed: every section, every
 * field set (and, where it may be, null somewhere), every value of every enumeration at least
 * once (cycled, not drawn, so coverage does not depend on luck), texts with quotes, backslashes,
 * tabs, newlines, accents and emoji, timestamps with microseconds, and references across
 * sections (genre parents, game parents, editions, playthroughs, sessions, entries, history).
 */
final class ExportDocumentGenerator {
    static final List<String> PLAYTHROUGH_STATUSES = List.of("planned", "playing", "paused", "completed", "abandoned");
    static final List<String> COMPLETIONS = List.of("story", "100%", "other");
    static final List<String> SOURCES = List.of("manual", "steam", "import");
    static final List<String> EDITION_TYPES = List.of("original", "port", "remaster", "enhanced", "remake", "definitive");
    static final List<String> RELATIONSHIPS = List.of("sequel", "prequel", "spinoff", "epilogue", "expansion");
    static final List<String> EXTERNAL_SOURCES = List.of("igdb", "steam", "gog", "twitch", "xbox", "psn");
    static final List<String> WEBHOOK_STATUSES = List.of("active", "paused");
    static final List<String> EVENT_TYPES = List.of("questlog:game_added", "questlog:playthrough_complete",
            "questlog:list_updated", "questlog:game_updated");
    static final List<String> VERBS = List.of("created", "added", "removed", "reordered", "updated");
    private static final String[] WORDS = {"Ōkami", "NieR:Automata", "Baldur's Gate", "Half-Life", "Tears \"of\" the Kingdom",
            "back\\slash", "tab\there", "line\nbreak", "Pokémon™", "🎮 Quest", "ファイナルファンタジー", "Œuvre", "S.T.A.L.K.E.R."};

    private final Random random;
    private final JsonNodeFactory nodes = JsonNodeFactory.instance;
    private final Instant base = Instant.parse("2019-05-04T03:02:01.123456Z");

    ExportDocumentGenerator(long seed) {
        this.random = new Random(seed);
    }

    ObjectNode document(int gameCount) {
        ObjectNode doc = nodes.objectNode().put("format", "questlog-export").put("version", 1);
        List<String> genres = genres(doc.putArray("genres"), 8);
        List<String> franchises = franchises(doc.putArray("franchises"), 4);
        List<String> games = games(doc.putArray("games"), gameCount, genres, franchises);
        List<String[]> editions = editions(doc.putArray("editions"), games);
        externalIds(doc.putArray("external_ids"), games, editions);
        platforms(doc.putArray("platforms"));
        List<String> playthroughs = playthroughs(doc.putArray("playthroughs"), editions);
        sessions(doc.putArray("play_sessions"), playthroughs);
        lists(doc, games);
        profiles(doc, games);
        webhooks(doc.putArray("webhooks"));
        return doc;
    }

    private List<String> genres(ArrayNode out, int count) {
        List<String> slugs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String slug = "genre-" + i;
            ObjectNode g = out.addObject().put("id", id()).put("slug", slug).put("name", text() + " " + i);
            g.put("igdb_id", i % 3 == 0 ? null : (Long) (long) (100 + i));
            g.put("parent", i > 0 && i % 2 == 0 ? slugs.get(random.nextInt(slugs.size())) : null);
            stamps(g);
            slugs.add(slug);
        }
        return slugs;
    }

    private List<String> franchises(ArrayNode out, int count) {
        List<String> slugs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String slug = "franchise-" + i;
            stamps(out.addObject().put("id", id()).put("slug", slug).put("name", text()));
            slugs.add(slug);
        }
        return slugs;
    }

    private List<String> games(ArrayNode out, int count, List<String> genres, List<String> franchises) {
        List<String> slugs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String slug = "game-" + i;
            ObjectNode g = out.addObject().put("id", id()).put("slug", slug).put("name", text() + " " + i);
            g.put("sort_name", i % 4 == 0 ? "Sort " + text() : null);
            g.put("franchise", i % 3 == 0 ? null : franchises.get(i % franchises.size()));
            ArrayNode gs = g.putArray("genres");
            List<String> picked = new ArrayList<>(genres.subList(0, i % 4));
            Collections.sort(picked);
            picked.forEach(gs::add);
            boolean child = i > 0 && i % 3 == 1;
            g.put("parent_game", child ? slugs.get(random.nextInt(slugs.size())) : null);
            g.put("relationship_type", child ? RELATIONSHIPS.get((i / 3) % RELATIONSHIPS.size()) : null);
            g.put("primary_genre", i % 5 == 0 ? null : genres.get(i % genres.size()));
            g.put("original_release_year", i % 6 == 0 ? null : (Integer) (1980 + i));
            g.put("summary", i % 2 == 0 ? null : text() + "\n" + text());
            g.put("cover_url", i % 2 == 1 ? null : "https://images.igdb.com/igdb/image/upload/t_cover_big/co" + i + ".jpg");
            ArrayNode platforms = g.putArray("platforms");
            if (i % 4 != 0) {
                platforms.add("switch").add("pc").add(i % 2 == 0 ? "ps4" : "xbox-one");   // stored order, not sorted
            }
            g.put("igdb_id", i % 3 == 2 ? null : (Long) (long) (1000 + i));
            if (i % 2 == 0) {
                g.putObject("igdb_data").put("id", 1000 + i).put("name", text()).put("rating", 87.25)
                        .putArray("platforms").add(6).add(48);
            } else {
                g.putNull("igdb_data");
            }
            g.put("last_synced_at", i % 2 == 0 ? timestamp() : null);
            stamps(g);
            slugs.add(slug);
        }
        return slugs;
    }

    /** Each edition as {slug, game slug}. */
    private List<String[]> editions(ArrayNode out, List<String> games) {
        List<String[]> editions = new ArrayList<>();
        int n = 0;
        for (String game : games) {
            for (int k = 0; k < 1 + n % 2; k++, n++) {
                String slug = game + "-edition-" + k;
                ObjectNode e = out.addObject().put("id", id()).put("slug", slug).put("game", game).put("name", text())
                        .put("edition_type", EDITION_TYPES.get(n % EDITION_TYPES.size()));
                ArrayNode platforms = e.putArray("platforms");
                if (n % 3 != 0) {
                    platforms.add("ps5").add("pc");
                }
                e.put("release_date", n % 4 == 0 ? null : LocalDate.of(1990 + n % 30, 1 + n % 12, 1 + n % 28).toString());
                e.put("cover_url", n % 2 == 0 ? null : "https://example.com/cover/" + n + ".png");
                e.put("summary", n % 3 == 0 ? text() : null);
                e.put("igdb_id", n % 2 == 0 ? (Long) (long) (50_000 + n) : null);
                e.put("twitch_category_id", n % 5 == 0 ? String.valueOf(490_000 + n) : null);
                if (n % 3 == 1) {
                    e.putObject("igdb_data").put("id", 50_000 + n).put("note", text());
                } else {
                    e.putNull("igdb_data");
                }
                e.put("last_synced_at", n % 3 == 1 ? timestamp() : null);
                stamps(e);
                editions.add(new String[] {slug, game});
            }
        }
        return editions;
    }

    private void externalIds(ArrayNode out, List<String> games, List<String[]> editions) {
        for (int i = 0; i < 12; i++) {
            boolean onGame = i % 2 == 0;
            ObjectNode x = out.addObject().put("id", id()).put("source", EXTERNAL_SOURCES.get(i % EXTERNAL_SOURCES.size()))
                    .put("external_id", "ext-" + i + "-" + random.nextInt(1_000_000));
            x.put("game", onGame ? games.get(i % games.size()) : null);
            x.put("edition", onGame ? null : editions.get(i % editions.size())[0]);
            stamps(x);
        }
    }

    private List<String> playthroughs(ArrayNode out, List<String[]> editions) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3 * PLAYTHROUGH_STATUSES.size() * COMPLETIONS.size(); i++) {
            String[] edition = editions.get(i % editions.size());
            String status = PLAYTHROUGH_STATUSES.get(i % PLAYTHROUGH_STATUSES.size());
            String id = id();
            ObjectNode p = out.addObject().put("id", id).put("game", edition[1]).put("edition", i % 4 == 0 ? null : edition[0]);
            p.put("platform", i % 3 == 0 ? null : OWN_PLATFORMS_AND_KNOWN.get(i % OWN_PLATFORMS_AND_KNOWN.size()));
            p.put("status", status);
            LocalDate start = LocalDate.of(1950 + random.nextInt(70), 1 + random.nextInt(12), 1 + random.nextInt(28));
            boolean hasEnd = status.equals("completed") || i % 4 == 1;
            p.put("started_at", i % 5 == 0 && !status.equals("completed") ? null : start.toString());
            p.put("completed_at", hasEnd ? start.plusDays(random.nextInt(400)).toString() : null);
            p.put("playtime_minutes", i % 3 == 1 ? null : (Integer) random.nextInt(1_000_000));
            p.put("rating", i % 4 == 3 ? null : (Integer) (1 + i % 10));
            p.put("completion", i % 4 == 2 ? null : COMPLETIONS.get((i / PLAYTHROUGH_STATUSES.size()) % COMPLETIONS.size()));
            p.put("notes", i % 2 == 0 ? null : text() + "\t" + text());
            String source = SOURCES.get(i % SOURCES.size());
            p.put("source", source);
            p.put("source_ref", i % 2 == 0 ? source + ":" + i : null);
            stamps(p);
            ids.add(id);
        }
        return ids;
    }

    private void sessions(ArrayNode out, List<String> playthroughs) {
        for (int i = 0; i < playthroughs.size() * 2; i++) {
            ObjectNode s = out.addObject().put("id", id()).put("playthrough", playthroughs.get(i % playthroughs.size() / 2 * 2))
                    .put("started_at", timestamp()).put("minutes", 1 + random.nextInt(1440));
            s.put("note", i % 3 == 0 ? null : text());
            stamps(s);
        }
    }

    private void lists(ObjectNode doc, List<String> games) {
        ArrayNode lists = doc.putArray("lists");
        ArrayNode entries = doc.putArray("list_entries");
        ArrayNode activity = doc.putArray("list_activity");
        for (int l = 0; l < 4; l++) {
            String slug = "list-" + l;
            boolean ranked = l % 2 == 0;
            ObjectNode list = lists.addObject().put("id", id()).put("slug", slug).put("name", text())
                    .put("description", l == 1 ? null : text()).put("is_ranked", ranked).put("is_public", l < 2);
            stamps(list);
            List<String> members = new ArrayList<>(games.subList(l, Math.min(games.size(), l + 3 + l)));
            for (int k = 0; k < members.size(); k++) {
                ObjectNode e = entries.addObject().put("id", id()).put("list", slug).put("game", members.get(k));
                e.put("position", ranked ? (Integer) (k + 1) : null);
                e.put("notes", k % 2 == 0 ? null : text());
                e.put("added_at", timestamp());
                stamps(e);
            }
            for (int v = 0; v < VERBS.size(); v++) {
                ObjectNode a = activity.addObject().put("id", id()).put("list", slug).put("at", timestamp())
                        .put("verb", VERBS.get((v + l) % VERBS.size()));
                ArrayNode slugs = a.putArray("entries");
                members.subList(0, v % members.size()).forEach(slugs::add);
                ObjectNode metadata = a.putObject("metadata");
                if (v % 2 == 0) {
                    metadata.put("source", "api").putArray("positions").add(1).add(2);
                }
                stamps(a);
            }
        }
    }

    private void profiles(ObjectNode doc, List<String> games) {
        ArrayNode profiles = doc.putArray("profiles");
        ArrayNode snapshots = doc.putArray("profile_snapshots");
        for (int i = 0; i < 3; i++) {
            String id = id();
            ObjectNode p = profiles.addObject().put("id", id).put("plugin", List.of("ffxiv", "steam", "destiny2").get(i))
                    .put("account_id", "acct-" + i).put("handle", text()).put("display_name", i == 1 ? null : text())
                    .put("game", i == 1 ? null : games.get(i));
            p.putObject("settings").put("world", text());
            if (i == 2) {
                p.putNull("data");
            } else {
                p.putObject("data").put("level", 90 + i);
            }
            ArrayNode covered = p.putArray("games");   // an account-wide profile's games, as source:id
            if (i == 1) {
                covered.add("steam:620").add("steam:1091500");
            }
            p.put("synced_at", i == 2 ? null : timestamp()).put("sync_error", i == 2 ? "timeout" : null);
            stamps(p);
            for (int k = 0; k < i; k++) {
                ObjectNode s = snapshots.addObject().put("id", id()).put("profile", id).put("taken_at", timestamp());
                s.putObject("data").put("level", 80 + k);
                s.putArray("changes").addObject().put("summary", text());
                stamps(s);
            }
        }
    }

    /** Webhooks without a secret (a signed one comes back paused: WebhookExportTest). */
    private void webhooks(ArrayNode out) {
        for (int i = 0; i < 3; i++) {
            ObjectNode w = out.addObject().put("id", id()).put("url", "http://127.0.0.1:9/hook-" + i + "?q=" + i);
            ArrayNode types = w.putArray("types");
            EVENT_TYPES.subList(0, i * 2).forEach(types::add);
            w.put("status", i == 1 ? "paused" : "active").put("signed", false);
            stamps(w);
        }
    }

    /** Platform keys playthroughs use: two known ones and the two the owner registered ({@link #platforms}). */
    private static final List<String> OWN_PLATFORMS_AND_KNOWN = List.of("ps4", "switch", "atari-jaguar", "pc-98");

    /** Platforms the owner's writes registered (names the known-platform table lacks), keyed and aliased as the database does. */
    private void platforms(ArrayNode out) {
        ObjectNode jaguar = out.addObject().put("key", "atari-jaguar").put("name", "Atari Jaguar");
        jaguar.putArray("aliases").add("atarijaguar").add("jaguar");
        stamps(jaguar);
        ObjectNode pc98 = out.addObject().put("key", "pc-98").put("name", "PC-98");
        pc98.putArray("aliases").add("pc98");
        stamps(pc98);
    }

    private void stamps(ObjectNode record) {
        String created = timestamp();
        record.put("created_at", created);
        record.put("updated_at", Instant.parse(created).plus(random.nextInt(100_000_000), ChronoUnit.MICROS).toString());
    }

    /** A time with microseconds (some with none, some with milliseconds only): every precision the database keeps. */
    private String timestamp() {
        Instant t = base.plus(random.nextInt(2_000_000), ChronoUnit.SECONDS);
        return switch (random.nextInt(3)) {
            case 0 -> t.truncatedTo(ChronoUnit.SECONDS).toString();
            case 1 -> t.truncatedTo(ChronoUnit.MILLIS).toString();
            default -> t.plus(random.nextInt(1000), ChronoUnit.MICROS).toString();
        };
    }

    private String text() {
        return WORDS[random.nextInt(WORDS.length)] + " " + WORDS[random.nextInt(WORDS.length)];
    }

    /** Random ids: nothing may depend on ids growing with the document. */
    private String id() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }
}
