package questlog.profiles.destiny;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * Writes a double as the original Questlog (Python's {@code json}) did: always with a fraction
 * ({@code 0.0}, {@code 12.0}), plain digits up to 1e16 ({@code 12345678.5}, where Java would write
 * {@code 1.23456785E7}), and the shortest digits that read back as the same value, which Java's
 * {@code Double.toString} and Python's {@code repr} both give.
 */
final class PythonFloat extends StdSerializer<Double> {
    PythonFloat() {
        super(Double.class);
    }

    @Override
    public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        gen.writeNumber(text(value));
    }

    static String text(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "0.0"; // Bungie never sends these; JSON cannot carry them
        }
        double magnitude = Math.abs(value);
        if (value != 0 && (magnitude >= 1e16 || magnitude < 1e-4)) {
            // Python's exponent form: 1e+16, 1.5e-05
            String java = Double.toString(value);
            String[] parts = java.split("E");
            String mantissa = parts[0].endsWith(".0") ? parts[0].substring(0, parts[0].length() - 2) : parts[0];
            int exponent = Integer.parseInt(parts[1]);
            return mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
        }
        String plain = new BigDecimal(Double.toString(value)).toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }
}
