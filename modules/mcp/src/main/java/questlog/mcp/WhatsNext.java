package questlog.mcp;

import static questlog.mcp.QuestlogTool.integer;
import static questlog.mcp.QuestlogTool.props;
import static questlog.mcp.QuestlogTool.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code whats_next}: backlog suggestions, each with the reasons it was picked. A candidate is a
 * game of the library with no completed playthrough whose latest playthrough is not abandoned.
 * Points, all from the owner's own journal:
 * <ul>
 * <li>already started: playing +3, paused +2, planned +1 (never played: 0);</li>
 * <li>a franchise the owner rates highly (mean rating of its completions at least 7): +(mean − 5) / 2;</li>
 * <li>series order: the earliest unfinished game of a franchise after one the owner completed +1.5; a game
 * whose earlier franchise games are unfinished −1 (play those first);</li>
 * <li>the best of its genres the owner rates highly (mean at least 7): +(mean − 5) / 3.</li>
 * </ul>
 * Time to beat is known when the owner completed other games of the franchise with their hours:
 * their mean is given as an estimate, and a started game shows the hours already in it. Ties go
 * by name.
 */
final class WhatsNext {
    static final double HIGH_RATING = 7.0;
    private static final int PAGE = 5000;
    private static final int MAX_ROWS = 50_000;

    private WhatsNext() {}

    static QuestlogTool tool() {
        return new QuestlogTool("whats_next", "What to play next", """
                Suggests what the owner could play next from their backlog (games in the library not yet \
                completed, and not abandoned), best first, each with its reasons: games already in \
                progress, franchises and genres the owner rates highly (from the ratings of their \
                completions), the next game in a series after one they completed, and the time to beat \
                when their journal tells it (the mean hours of their completions in the same franchise). \
                Use it for "what should I play next?" and explain the reasons to the owner.""",
                schema(List.of(), props("limit", integer("How many suggestions (default 5)", 1, 20))),
                true, (api, args) -> {
                    int limit = args.integer("limit", 1, 20, 5);
                    return suggest(all(api, List.of("api", "games")), all(api, List.of("api", "playthroughs")), limit);
                });
    }

    /** Every item of a paged listing (bounded: a library larger than that is cut). */
    private static List<JsonNode> all(QuestlogApi api, List<String> path) {
        List<JsonNode> items = new ArrayList<>();
        for (int offset = 0; offset < MAX_ROWS; offset += PAGE) {
            JsonNode page = api.get(path, Map.of("limit", PAGE, "offset", offset));
            page.path("items").forEach(items::add);
            if (page.path("next").isNull() || page.path("items").isEmpty()) {
                break;
            }
        }
        return items;
    }

    record Rating(double mean, int count, double meanHours) {}

    private static final class Mean {
        double sum;
        int count;
        double hours;
        int timed;

        Rating rating() {
            return new Rating(count == 0 ? 0 : sum / count, count, timed == 0 ? Double.NaN : hours / timed);
        }
    }

    static ObjectNode suggest(List<JsonNode> games, List<JsonNode> playthroughs, int limit) {
        Map<String, JsonNode> bySlug = new LinkedHashMap<>();
        games.forEach(g -> bySlug.put(g.path("slug").asText(), g));
        Map<String, List<JsonNode>> runs = new HashMap<>();
        playthroughs.forEach(p -> runs.computeIfAbsent(p.at("/game/slug").asText(), k -> new ArrayList<>()).add(p));

        Map<String, Mean> franchises = new HashMap<>();
        Map<String, Mean> genres = new HashMap<>();
        for (JsonNode p : playthroughs) {
            JsonNode game = bySlug.get(p.at("/game/slug").asText());
            if (game == null || !"completed".equals(p.path("status").asText())) {
                continue;
            }
            String franchise = game.at("/franchise/name").asText(null);
            if (franchise != null) {
                add(franchises.computeIfAbsent(franchise, k -> new Mean()), p);
            }
            game.path("genres").forEach(genre -> add(genres.computeIfAbsent(genre.path("name").asText(), k -> new Mean()), p));
        }
        Map<String, List<JsonNode>> series = new HashMap<>();
        games.forEach(g -> {
            String franchise = g.at("/franchise/name").asText(null);
            if (franchise != null) {
                series.computeIfAbsent(franchise, k -> new ArrayList<>()).add(g);
            }
        });
        series.values().forEach(list -> list.sort(Comparator.comparingInt((JsonNode g) ->
                g.path("original_release_year").asInt(Integer.MAX_VALUE)).thenComparing(g -> g.path("name").asText())));

        record Suggestion(JsonNode game, double score, String status, List<String> reasons) {}
        List<Suggestion> suggestions = new ArrayList<>();
        for (JsonNode game : games) {
            String slug = game.path("slug").asText();
            List<JsonNode> own = runs.getOrDefault(slug, List.of());
            if (completed(own)) {
                continue;
            }
            JsonNode latest = own.stream().max(Comparator.comparing((JsonNode p) -> p.path("updated_at").asText())).orElse(null);
            String status = latest == null ? "unplayed" : latest.path("status").asText();
            if (status.equals("abandoned")) {
                continue;
            }
            double score = 0;
            List<String> reasons = new ArrayList<>();
            String hoursIn = latest != null && latest.path("playtime_hours").isNumber()
                    ? " (" + latest.path("playtime_hours").asText() + " h in)" : "";
            switch (status) {
                case "playing" -> { score += 3; reasons.add("You are playing it" + hoursIn + "."); }
                case "paused" -> { score += 2; reasons.add("You paused it" + hoursIn + "; pick it back up."); }
                case "planned" -> { score += 1; reasons.add("It is on your backlog (planned)."); }
                default -> reasons.add("It is in your library and you have not played it yet.");
            }
            String franchise = game.at("/franchise/name").asText(null);
            if (franchise != null) {
                Rating r = franchises.getOrDefault(franchise, new Mean()).rating();
                if (r.count() > 0 && r.mean() >= HIGH_RATING) {
                    score += (r.mean() - 5) / 2;
                    reasons.add(String.format(Locale.ROOT, "You rate the %s series highly: %.1f/10 over %d completion%s.",
                            franchise, r.mean(), r.count(), r.count() == 1 ? "" : "s"));
                }
                score += seriesOrder(game, series.get(franchise), runs, reasons);
                if (!Double.isNaN(r.meanHours())) {
                    reasons.add(String.format(Locale.ROOT, "Time to beat: about %.0f h, going by your %s completions.",
                            r.meanHours(), franchise));
                }
            }
            String bestGenre = null;
            Rating best = null;
            for (JsonNode genre : game.path("genres")) {
                Rating r = genres.getOrDefault(genre.path("name").asText(), new Mean()).rating();
                if (r.count() > 0 && r.mean() >= HIGH_RATING && (best == null || r.mean() > best.mean())) {
                    best = r;
                    bestGenre = genre.path("name").asText();
                }
            }
            if (best != null) {
                score += (best.mean() - 5) / 3;
                reasons.add(String.format(Locale.ROOT, "You rate %s games highly: %.1f/10 over %d completion%s.",
                        bestGenre, best.mean(), best.count(), best.count() == 1 ? "" : "s"));
            }
            suggestions.add(new Suggestion(game, Math.round(score * 100) / 100.0, status, reasons));
        }
        suggestions.sort(Comparator.comparingDouble(Suggestion::score).reversed()
                .thenComparing(s -> s.game().path("name").asText()));

        ArrayNode items = JsonNodeFactory.instance.arrayNode();
        for (Suggestion s : suggestions.subList(0, Math.min(limit, suggestions.size()))) {
            ObjectNode item = Shapes.game(s.game());
            item.put("status", s.status());
            item.put("score", s.score());
            ArrayNode reasons = item.putArray("reasons");
            s.reasons().forEach(reasons::add);
            items.add(item);
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.set("suggestions", items);
        out.put("candidates", suggestions.size());
        return out;
    }

    private static void add(Mean mean, JsonNode playthrough) {
        if (playthrough.path("rating").isNumber()) {
            mean.sum += playthrough.path("rating").asDouble();
            mean.count++;
        }
        if (playthrough.path("playtime_hours").isNumber()) {
            mean.hours += playthrough.path("playtime_hours").asDouble();
            mean.timed++;
        }
    }

    private static boolean completed(List<JsonNode> runs) {
        return runs.stream().anyMatch(p -> "completed".equals(p.path("status").asText()));
    }

    /** Points for the game's place in its series, with the reason. */
    private static double seriesOrder(JsonNode game, List<JsonNode> series, Map<String, List<JsonNode>> runs,
                                      List<String> reasons) {
        JsonNode lastCompletedBefore = null;
        JsonNode firstUnfinishedBefore = null;
        for (JsonNode other : series) {
            if (other == game) {
                break;
            }
            if (completed(runs.getOrDefault(other.path("slug").asText(), List.of()))) {
                lastCompletedBefore = other;
                firstUnfinishedBefore = null;
            } else if (firstUnfinishedBefore == null) {
                firstUnfinishedBefore = other;
            }
        }
        if (firstUnfinishedBefore != null) {
            reasons.add("Earlier in the series, " + label(firstUnfinishedBefore) + " is not finished yet; it comes first.");
            return -1;
        }
        if (lastCompletedBefore != null) {
            reasons.add("It is next in the series after " + label(lastCompletedBefore) + ", which you completed.");
            return 1.5;
        }
        return 0;
    }

    private static String label(JsonNode game) {
        JsonNode year = game.path("original_release_year");
        return game.path("name").asText() + (year.isNumber() ? " (" + year.asInt() + ")" : "");
    }
}
