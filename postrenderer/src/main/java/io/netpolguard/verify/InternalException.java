package io.netpolguard.verify;

import io.netpolguard.config.Words;

/**
 * netpol-guard found a fault of its own: the stream it was about to write, read back, is not what it planned. Nothing
 * may be written; adapters report it as an error (exit 2), not as a refusal of the chart. The message is one paragraph.
 */
public class InternalException extends RuntimeException {

    public InternalException(String message) {
        super(message);
    }

    /** The message, with what the user can do about it, in the front end's words. */
    public String paragraph(Words words) {
        return getMessage() + " This is a bug in netpol-guard, not in the chart: nothing was written. Please report it"
                + " with the document it names (as `helm template` renders it); meanwhile, " + words.injectLabelsOff()
                + " (it edits no document) to get the release through.";
    }
}
