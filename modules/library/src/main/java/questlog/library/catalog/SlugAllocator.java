package questlog.library.catalog;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import questlog.common.Slugs;

/**
 * Inserts a row under the first free slug among {@code base}, {@code base-2}, {@code base-3}...
 * The insert must skip a taken slug instead of failing ({@code ON CONFLICT (slug) DO NOTHING}):
 * when a concurrent transaction takes the chosen slug first, PostgreSQL waits for it to commit,
 * the insert does nothing, and the next round sees that slug as taken. So two creates of the
 * same name both succeed, with different slugs.
 */
public final class SlugAllocator {
    private static final int MAX_ROUNDS = 50;

    private SlugAllocator() {}

    public static <T> T insert(String base, Function<String, List<String>> takenLike, Function<String, Optional<T>> tryInsert) {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Set<String> taken = new HashSet<>(takenLike.apply(base));
            String candidate = base;
            for (int n = 2; taken.contains(candidate); n++) {
                candidate = Slugs.withSuffix(base, n);
            }
            Optional<T> inserted = tryInsert.apply(candidate);
            if (inserted.isPresent()) {
                return inserted.get();
            }
        }
        throw new IllegalStateException("No free slug for '" + base + "' after " + MAX_ROUNDS + " attempts");
    }
}
