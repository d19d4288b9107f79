package io.netpolguard.error;

/**
 * The input, the configuration or the command line cannot be used as given.
 * The message is one paragraph that says what is wrong and where; {@link #suggestion()} says what to do next.
 */
public class InputException extends RuntimeException {

    private final String suggestion;

    public InputException(String message, String suggestion) {
        super(message);
        this.suggestion = suggestion == null ? "" : suggestion;
    }

    public InputException(String message) {
        this(message, "");
    }

    /** What the user can do next; empty when the message says it all. */
    public String suggestion() {
        return suggestion;
    }

    /** Message and suggestion as one paragraph. */
    public String paragraph() {
        return suggestion.isEmpty() ? getMessage() : getMessage() + " " + suggestion;
    }
}
