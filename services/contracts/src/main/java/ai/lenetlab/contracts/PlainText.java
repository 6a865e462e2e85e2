package ai.lenetlab.contracts;

/**
 * The rule for text people give things to show to others — experiment and sweep names, descriptions,
 * search text: no characters that cannot be seen. NUL is refused by PostgreSQL (a 500 if it gets
 * there); other control characters (ANSI escapes), format characters (Unicode category Cf: zero-width
 * spaces and joiners, bidirectional marks and overrides, the byte-order mark, soft hyphens), line and
 * paragraph separators and unpaired surrogates make a name look like another one in the UI and in
 * logs, or hide what it says.
 */
public final class PlainText {

    /** The refusal's words, for a field's violation. */
    public static final String HIDDEN_CHARACTERS =
            "must not contain control, zero-width, format or text-direction characters";

    private PlainText() {}

    /** True if {@code text} has a character nobody sees; line breaks and tabs are fine in {@code multiline} text. */
    public static boolean hasHiddenCharacters(String text, boolean multiline) {
        return text.codePoints().anyMatch(c -> isHidden(c) && !(multiline && (c == '\n' || c == '\r' || c == '\t')));
    }

    private static boolean isHidden(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.SURROGATE,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR -> true;
            default -> false;
        };
    }
}
