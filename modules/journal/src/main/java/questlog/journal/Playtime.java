package questlog.journal;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Minutes to the hours the API shows next to them: one decimal, halves rounded up. */
final class Playtime {
    private Playtime() {}

    static BigDecimal hours(Integer minutes) {
        return minutes == null ? null : hours(minutes.longValue());
    }

    static BigDecimal hours(long minutes) {
        return BigDecimal.valueOf(minutes).divide(BigDecimal.valueOf(60), 1, RoundingMode.HALF_UP);
    }

    /** Hours as given by a client (any number of decimals) to whole minutes. */
    static long minutes(BigDecimal hours) {
        return hours.multiply(BigDecimal.valueOf(60)).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
}
