package ai.lenetlab.contracts;

/** One invalid field of a {@link RunConfig}: its JSON name and what is wrong, in words. */
public record ConfigViolation(String field, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
