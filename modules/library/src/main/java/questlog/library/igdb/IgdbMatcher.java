package questlog.library.igdb;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import questlog.common.Slugs;

/**
 * Chooses the IGDB game a library game is, or says why it cannot. The rule never guesses: a
 * choice is made only when exactly one candidate is left after narrowing.
 *
 * <p>By Steam appid (an appid also maps to soundtracks, DLCs and GOTY editions): main games that
 * are not editions of another, as IGDB's docs advise, then the release year when the library
 * knows it, then the same name. By name (compared case- and accent-insensitively): only games of
 * that name, minus editions of another candidate, then the year. Two different games of one name
 * (Resident Evil 1996 and its 2002 remake) stay ambiguous unless the year tells them apart.
 */
public final class IgdbMatcher {

    public sealed interface Match {}

    public record Found(IgdbGame game) implements Match {}

    public record Ambiguous(List<IgdbGame> candidates) implements Match {
        public String describe() {
            return candidates.stream()
                    .map(g -> g.name() + " (" + (g.releaseYear() == null ? "year unknown" : g.releaseYear())
                            + ", igdb_id " + g.id() + ")")
                    .collect(Collectors.joining("; "));
        }
    }

    public record None() implements Match {}

    private IgdbMatcher() {}

    /** Among the games a Steam appid maps to: a single candidate is taken as it is. */
    static Match byAppid(String name, Integer year, List<IgdbGame> candidates) {
        if (candidates.size() == 1) {
            return new Found(candidates.getFirst());
        }
        return narrow(name, year, candidates);
    }

    /** Among games found by name (exactly or by search): only those of the same name count. */
    public static Match byName(String name, Integer year, List<IgdbGame> candidates) {
        List<IgdbGame> named = candidates.stream().filter(sameName(name)).toList();
        Set<Long> ids = named.stream().map(IgdbGame::id).collect(Collectors.toSet());
        return narrow(named, List.of(
                g -> g.versionParent() == null || !ids.contains(g.versionParent()),
                sameYear(year)));
    }

    private static Match narrow(String name, Integer year, List<IgdbGame> candidates) {
        return narrow(candidates, List.of(IgdbGame::isMainGame, sameYear(year), sameName(name)));
    }

    private static Match narrow(List<IgdbGame> candidates, List<Predicate<IgdbGame>> steps) {
        if (candidates.isEmpty()) {
            return new None();
        }
        List<IgdbGame> left = candidates;
        for (Predicate<IgdbGame> step : steps) {
            if (left.size() == 1) {
                break;
            }
            List<IgdbGame> narrower = left.stream().filter(step).toList();
            if (!narrower.isEmpty()) {
                left = narrower;
            }
        }
        return left.size() == 1 ? new Found(left.getFirst()) : new Ambiguous(left);
    }

    private static Predicate<IgdbGame> sameYear(Integer year) {
        return g -> year == null || Objects.equals(g.releaseYear(), year);
    }

    private static Predicate<IgdbGame> sameName(String name) {
        String folded = Slugs.fold(name);
        return g -> Slugs.fold(g.name()).equals(folded);
    }
}
