package questlog.library.dataset;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Slugs of records that were rejected while reading, per section. A reference to one of them is
 * not reported again: the record's own error already explains it.
 */
final class DatasetRejected {
    private final Map<String, Set<String>> slugs = new HashMap<>();

    void add(String section, String slug) {
        if (slug != null) {
            slugs.computeIfAbsent(section, s -> new HashSet<>()).add(slug);
        }
    }

    boolean contains(String section, String slug) {
        return slugs.getOrDefault(section, Set.of()).contains(slug);
    }
}
