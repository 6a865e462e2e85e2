package ai.lenetlab.sweeps;

import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * One searched config field and its checked range. Samplers work on the unit interval: {@link
 * #toUnit} maps a value there (log scale for log-uniform ranges, an index's slot for choices) and
 * {@link #fromUnit} back.
 */
public sealed interface Parameter {

    /** The config field. */
    String field();

    /** A value drawn uniformly (log-uniformly) from the range. */
    default Object sample(RandomGenerator random) {
        return fromUnit(random.nextDouble());
    }

    double toUnit(Object value);

    Object fromUnit(double unit);

    /**
     * How many values a grid takes from the range, 0 when it is continuous; {@link Long#MAX_VALUE}
     * when there are more. Counted, never listed: a grid is enumerated value by value.
     */
    long gridSize();

    /** The grid's value {@code index} (0 ≤ index < {@link #gridSize}), in the range's order. */
    Object gridValue(long index);

    record LogUniform(String field, double low, double high) implements Parameter {
        public double toUnit(Object value) {
            return (Math.log(((Number) value).doubleValue()) - Math.log(low)) / (Math.log(high) - Math.log(low));
        }

        public Object fromUnit(double unit) {
            return Math.exp(Math.log(low) + clamp(unit) * (Math.log(high) - Math.log(low)));
        }

        public long gridSize() {
            return 0;
        }

        public Object gridValue(long index) {
            throw new UnsupportedOperationException(field() + " is continuous: no grid");
        }
    }

    record Uniform(String field, double low, double high) implements Parameter {
        public double toUnit(Object value) {
            return (((Number) value).doubleValue() - low) / (high - low);
        }

        public Object fromUnit(double unit) {
            return low + clamp(unit) * (high - low);
        }

        public long gridSize() {
            return 0;
        }

        public Object gridValue(long index) {
            throw new UnsupportedOperationException(field() + " is continuous: no grid");
        }
    }

    /** Whole numbers from low to high, both included. */
    record IntUniform(String field, long low, long high) implements Parameter {
        public double toUnit(Object value) {
            return (((Number) value).longValue() - low + 0.5) / (high - low + 1);
        }

        public Object fromUnit(double unit) {
            return Math.min(high, low + (long) Math.floor(clamp(unit) * (high - low + 1)));
        }

        public long gridSize() {
            long span = high - low; // wraps past Long.MAX_VALUE when the range spans more than it
            return span < 0 || span == Long.MAX_VALUE ? Long.MAX_VALUE : span + 1;
        }

        public Object gridValue(long index) {
            return low + Objects.checkIndex(index, gridSize());
        }
    }

    /** One of a list of values, each as likely. */
    record Choice(String field, List<Object> values) implements Parameter {
        public double toUnit(Object value) {
            return (values.indexOf(value) + 0.5) / values.size();
        }

        public Object fromUnit(double unit) {
            return values.get(Math.min(values.size() - 1, (int) Math.floor(clamp(unit) * values.size())));
        }

        public long gridSize() {
            return values.size();
        }

        public Object gridValue(long index) {
            return values.get(Math.toIntExact(index));
        }
    }

    private static double clamp(double unit) {
        return Math.max(0, Math.min(Math.nextDown(1.0), unit));
    }
}
