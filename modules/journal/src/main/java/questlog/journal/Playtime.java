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

    /** Whether hours come to a whole number of minutes (any multiple of 0.1 h does; 1.33 h does not). */
    static boolean isWholeMinutes(BigDecimal hours) {
        return hours.multiply(BigDecimal.valueOf(60)).stripTrailingZeros().scale() <= 0;
    }

    /** Hours as given by a client (any number of decimals) to whole minutes. */
    static long minutes(BigDecimal hours) {
        return hours.multiply(BigDecimal.valueOf(60)).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
}
