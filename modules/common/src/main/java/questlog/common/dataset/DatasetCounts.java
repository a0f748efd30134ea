package questlog.common.dataset;

/**
 * What an import did with the records of one section: {@code created + updated + unchanged =
 * received} once the section was loaded. {@code matched}: records mapped onto an existing record
 * with another id (counted in updated or unchanged as well).
 */
public record DatasetCounts(int received, int created, int updated, int unchanged, int matched) {

    public DatasetCounts(int received, int created, int updated, int unchanged) {
        this(received, created, updated, unchanged, 0);
    }

    public static DatasetCounts none(int received) {
        return new DatasetCounts(received, 0, 0, 0, 0);
    }

    DatasetCounts withReceived(int received) {
        return new DatasetCounts(received, created, updated, unchanged, matched);
    }
}
