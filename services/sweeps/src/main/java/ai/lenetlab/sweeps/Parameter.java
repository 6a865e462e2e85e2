package ai.lenetlab.sweeps;

import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.LongStream;

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

    /** Every value, for a grid; null when the range is continuous. */
    List<Object> gridValues();

    record LogUniform(String field, double low, double high) implements Parameter {
        public double toUnit(Object value) {
            return (Math.log(((Number) value).doubleValue()) - Math.log(low)) / (Math.log(high) - Math.log(low));
        }

        public Object fromUnit(double unit) {
            return Math.exp(Math.log(low) + clamp(unit) * (Math.log(high) - Math.log(low)));
        }

        public List<Object> gridValues() {
            return null;
        }
    }

    record Uniform(String field, double low, double high) implements Parameter {
        public double toUnit(Object value) {
            return (((Number) value).doubleValue() - low) / (high - low);
        }

        public Object fromUnit(double unit) {
            return low + clamp(unit) * (high - low);
        }

        public List<Object> gridValues() {
            return null;
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

        public List<Object> gridValues() {
            return LongStream.rangeClosed(low, high)
                    .boxed()
                    .map(Object.class::cast)
                    .toList();
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

        public List<Object> gridValues() {
            return values;
        }
    }

    private static double clamp(double unit) {
        return Math.max(0, Math.min(Math.nextDown(1.0), unit));
    }
}
