package questlog.library.igdb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import questlog.upstream.UpstreamClient;

/**
 * IGDB (API v4) for the library: games by id, Steam appids to games, search by name. Batch-first:
 * lookups of many ids go out as multiqueries of up to 10 sub-queries of up to 500 values each, and
 * genres, franchises, platforms and covers come expanded in the same answer, so a whole library
 * costs a handful of requests. Answers are cached ({@link IgdbSettings#cacheTtl}); {@code fresh}
 * bypasses the cache for an explicit re-sync. Thread-safe; build one per process, since the rate
 * limiter and the in-flight cap are per instance. Failures are {@link IgdbException}s.
 */
public final class IgdbClient implements AutoCloseable {
    /** The game fields the library maps, expansions included; no deprecated field (category, status, collection). */
    static final String GAME_FIELDS = "fields name,slug,url,summary,first_release_date,cover.image_id,cover.width,"
            + "cover.height,genres.name,genres.slug,platforms.name,platforms.slug,platforms.abbreviation,franchise.name,"
            + "franchises.name,collections.name,game_type.type,version_parent,parent_game,total_rating,"
            + "total_rating_count,updated_at;";
    /** IGDB's maximum page size and the most named sub-queries one multiquery may hold. */
    static final int MAX_LIMIT = 500;
    static final int MAX_SUBQUERIES = 10;
    /** Steam source in external_games ({@code external_game_source}, which replaced the deprecated category). */
    static final int STEAM_SOURCE = 1;
    /**
     * Values per sub-query. Game sub-queries carry 500 ids, four to a request, keeping an answer
     * of expanded games well under IGDB's 10 MB cap. One appid or name can match several rows,
     * so those sub-queries carry 250 values and page when an answer comes back full.
     */
    private static final int IDS_PER_QUERY = 500;
    private static final int GAME_QUERIES_PER_REQUEST = 4;
    private static final int VALUES_PER_QUERY = 250;

    private final ObjectMapper json;
    private static final Logger log = LoggerFactory.getLogger(IgdbClient.class);

    private final TwitchTokens tokens;
    private final IgdbTransport transport;
    private final IgdbResponseCache cache;
    private final UpstreamClient igdbHttp;
    private final UpstreamClient twitchHttp;
    private final AtomicLong upstreamCalls = new AtomicLong();
    private final AtomicLong cacheHits = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    public IgdbClient(IgdbSettings settings, Jdbi jdbi, ObjectMapper json, Clock clock) {
        this.json = json;
        this.igdbHttp = new UpstreamClient(IgdbTransport.policy(settings));
        this.twitchHttp = new UpstreamClient(TwitchTokens.policy(settings));
        this.tokens = new TwitchTokens(jdbi, twitchHttp, settings, json, clock);
        this.transport = new IgdbTransport(settings, tokens, igdbHttp);
        this.cache = new IgdbResponseCache(jdbi, clock, settings.cacheTtl());
    }

    /**
     * Makes sure a token is at hand (the stored one, or one minted now) so that the first IGDB call
     * does not wait for Twitch, and says early in the log when the credentials are refused. Never
     * throws: IGDB being unreachable at start is not a reason to stop.
     */
    public void warmUp() {
        try {
            tokens.current();
            log.info("IGDB: app token ready");
        } catch (IgdbException e) {
            log.warn("IGDB: could not get an app token at start: {}", e.getMessage());
        } catch (RuntimeException e) {
            // e.g. the process stopping while this ran: the first real call will try again
            log.debug("IGDB: token warm-up did not finish", e);
        }
    }

    /** One game; {@link IgdbException.NotFound} when IGDB has no game with that id. */
    public IgdbGame game(long id, boolean fresh) {
        List<IgdbGame> found = games(List.of(id), fresh);
        if (found.isEmpty()) {
            throw new IgdbException.NotFound("IGDB has no game with id " + id);
        }
        return found.getFirst();
    }

    /** The games IGDB knows among {@code ids}, in no particular order; unknown ids are simply absent. */
    public List<IgdbGame> games(Collection<Long> ids, boolean fresh) {
        List<Long> distinct = new ArrayList<>(new LinkedHashSet<>(ids));
        distinct.sort(null); // the same ids make the same query text, hence cache hits on a resumed run
        List<String> queries = new ArrayList<>();
        for (List<Long> chunk : chunks(distinct, IDS_PER_QUERY)) {
            queries.add(GAME_FIELDS + " where id = " + Apicalypse.numbers(chunk) + "; limit " + MAX_LIMIT + ";");
        }
        List<IgdbGame> games = new ArrayList<>();
        for (JsonNode row : run("games", queries, GAME_QUERIES_PER_REQUEST, fresh)) {
            games.add(IgdbGame.from(row));
        }
        return games;
    }

    /**
     * IGDB game ids per Steam appid, through external_games with the Steam source. An appid can
     * map to several games (editions, soundtracks); all are returned for the caller to choose.
     * Appids IGDB does not know are absent.
     */
    public Map<String, List<Long>> gameIdsBySteamAppId(Collection<String> appids) {
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(appids));
        distinct.sort(null);
        List<String> queries = new ArrayList<>();
        for (List<String> chunk : chunks(distinct, VALUES_PER_QUERY)) {
            queries.add("fields game,uid; where external_game_source = " + STEAM_SOURCE + " & uid = "
                    + Apicalypse.strings(chunk) + "; sort id asc;");
        }
        Map<String, List<Long>> byAppid = new LinkedHashMap<>();
        for (JsonNode row : paged("external_games", queries)) {
            String uid = row.path("uid").asText(null);
            long game = row.path("game").canConvertToLong() ? row.path("game").asLong()
                    : row.path("game").path("id").asLong(0);
            if (uid != null && game > 0) {
                List<Long> games = byAppid.computeIfAbsent(uid, k -> new ArrayList<>());
                if (!games.contains(game)) {
                    games.add(game);
                }
            }
        }
        return byAppid;
    }

    /** Games whose name is exactly one of {@code names} (IGDB compares case-sensitively), by that name. */
    public Map<String, List<IgdbGame>> gamesByExactName(Collection<String> names) {
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(names));
        distinct.sort(null);
        List<String> queries = new ArrayList<>();
        for (List<String> chunk : chunks(distinct, VALUES_PER_QUERY)) {
            queries.add(GAME_FIELDS + " where name = " + Apicalypse.strings(chunk) + "; sort id asc;");
        }
        Map<String, List<IgdbGame>> byName = new LinkedHashMap<>();
        for (JsonNode row : paged("games", queries)) {
            IgdbGame game = IgdbGame.from(row);
            byName.computeIfAbsent(game.name(), k -> new ArrayList<>()).add(game);
        }
        return byName;
    }

    /** IGDB's own search over game names, best match first, at most {@code limit} (1–500). */
    public List<IgdbGame> search(String query, int limit) {
        String body = "search " + Apicalypse.quote(query) + "; " + GAME_FIELDS + " limit "
                + Math.max(1, Math.min(limit, MAX_LIMIT)) + ";";
        List<IgdbGame> games = new ArrayList<>();
        for (JsonNode row : array(call("games", body, false), "games")) {
            games.add(IgdbGame.from(row));
        }
        return games;
    }

    /**
     * IGDB's search for each of {@code names}, up to {@code limit} games each, ten searches to a
     * multiquery: the fallback for names that match no game exactly.
     */
    public Map<String, List<IgdbGame>> searchEach(Collection<String> names, int limit) {
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(names));
        distinct.sort(null);
        List<String> queries = distinct.stream()
                .map(name -> "search " + Apicalypse.quote(name) + "; " + GAME_FIELDS + " limit "
                        + Math.max(1, Math.min(limit, MAX_LIMIT)) + ";")
                .toList();
        Map<String, List<IgdbGame>> byName = new LinkedHashMap<>();
        int i = 0;
        for (List<String> batch : chunks(queries, MAX_SUBQUERIES)) {
            for (JsonNode result : results("games", batch, false)) {
                List<IgdbGame> games = new ArrayList<>();
                result.forEach(row -> games.add(IgdbGame.from(row)));
                byName.put(distinct.get(i++), games);
            }
        }
        return byName;
    }

    /** Queries sent to IGDB since this client was built (cache hits excluded, retries counted once). */
    public long upstreamCalls() {
        return upstreamCalls.get();
    }

    /** HTTP requests to IGDB, retries and re-sends after a token refresh included. */
    public long httpRequests() {
        return transport.httpRequests();
    }

    /** Queries answered from the response cache. */
    public long cacheHits() {
        return cacheHits.get();
    }

    /** Queries that ended in an {@link IgdbException} after the retries. */
    public long failures() {
        return failures.get();
    }

    @Override
    public void close() {
        igdbHttp.close();
        twitchHttp.close();
    }

    /**
     * Runs sub-queries against {@code endpoint}: one plain request when there is one, else
     * multiqueries of {@code perRequest}; returns every row of every answer.
     */
    private List<JsonNode> run(String endpoint, List<String> queries, int perRequest, boolean fresh) {
        List<JsonNode> rows = new ArrayList<>();
        for (List<String> batch : chunks(queries, perRequest)) {
            for (JsonNode result : results(endpoint, batch, fresh)) {
                result.forEach(rows::add);
            }
        }
        return rows;
    }

    /**
     * Like {@link #run} with a full page of {@value #MAX_LIMIT}; a sub-query whose answer came
     * back full is asked again for the next page until one comes back short.
     */
    private List<JsonNode> paged(String endpoint, List<String> queries) {
        List<JsonNode> rows = new ArrayList<>();
        List<String> pending = queries;
        for (int offset = 0; !pending.isEmpty(); offset += MAX_LIMIT) {
            int page = offset;
            List<String> bodies = pending.stream()
                    .map(q -> q + " limit " + MAX_LIMIT + ";" + (page > 0 ? " offset " + page + ";" : "")).toList();
            List<String> full = new ArrayList<>();
            List<JsonNode> answers = new ArrayList<>();
            for (List<String> batch : chunks(bodies, MAX_SUBQUERIES)) {
                answers.addAll(results(endpoint, batch, false));
            }
            for (int i = 0; i < answers.size(); i++) {
                answers.get(i).forEach(rows::add);
                if (answers.get(i).size() >= MAX_LIMIT) {
                    full.add(pending.get(i));
                }
            }
            pending = full;
        }
        return rows;
    }

    /** The result arrays of up to ten sub-queries, in order. */
    private List<JsonNode> results(String endpoint, List<String> bodies, boolean fresh) {
        if (bodies.size() == 1) {
            return List.of(array(call(endpoint, bodies.getFirst(), fresh), endpoint));
        }
        StringBuilder multi = new StringBuilder();
        for (int i = 0; i < bodies.size(); i++) {
            multi.append("query ").append(endpoint).append(" \"q").append(i).append("\" { ")
                    .append(bodies.get(i)).append(" };\n");
        }
        JsonNode answer = array(call("multiquery", multi.toString(), fresh), "multiquery");
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        for (JsonNode part : answer) {
            byName.put(part.path("name").asText(), part.path("result"));
        }
        List<JsonNode> out = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            JsonNode result = byName.get("q" + i);
            if (result == null || !result.isArray()) {
                throw new IgdbException.BadResponse("IGDB's multiquery answer lacks the result of sub-query q" + i, null);
            }
            out.add(result);
        }
        return out;
    }

    /** The answer's text from the cache or from IGDB; only well-formed JSON is cached. */
    private JsonNode call(String endpoint, String body, boolean fresh) {
        if (!fresh) {
            var cached = cache.get(endpoint, body);
            if (cached.isPresent()) {
                cacheHits.incrementAndGet();
                return parse(cached.get(), endpoint);
            }
        }
        upstreamCalls.incrementAndGet();
        String text;
        JsonNode parsed;
        try {
            text = transport.post(endpoint, body);
            parsed = parse(text, endpoint);
        } catch (IgdbException e) {
            failures.incrementAndGet();
            throw e;
        }
        cache.put(endpoint, body, text);
        return parsed;
    }

    private JsonNode parse(String text, String endpoint) {
        try {
            return Objects.requireNonNull(json.readTree(text), "empty");
        } catch (JsonProcessingException | NullPointerException e) {
            throw new IgdbException.BadResponse("IGDB's answer from " + endpoint + " was not valid JSON", e);
        }
    }

    /** IGDB answers queries with arrays; errors and counts are objects, so check before mapping. */
    private static JsonNode array(JsonNode node, String endpoint) {
        if (!node.isArray()) {
            throw new IgdbException.BadResponse("IGDB's answer from " + endpoint + " was not an array", null);
        }
        return node;
    }

    private static <T> List<List<T>> chunks(List<T> items, int size) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i += size) {
            out.add(items.subList(i, Math.min(items.size(), i + size)));
        }
        return out;
    }

}
