package io.netpolguard.config;

/**
 * How a front end names its settings where a message tells the user to change one: the post-renderer says "run
 * without --check-only", the Maven plugin "set &lt;checkOnly&gt;false&lt;/checkOnly&gt;". Every message of the core
 * that gives such advice takes it from here, so each front end passes its own words in (as Jib's frontends pass
 * theirs into its HelpfulSuggestions) and none rewrites another's messages.
 *
 * <p>A method returns a phrase that fits the sentence it is written for; one that starts a sentence goes through
 * {@link #capitalized}.
 */
public interface Words {

    /** The post-renderer's: its options, passed through Helm with {@code --post-renderer-args}. The core's default. */
    Words POST_RENDERER = new CommandLineWords(true);

    /** {@code export}'s and {@code analyze}'s: the same options, given on their own command line. */
    Words COMMAND = new CommandLineWords(false);

    /** How the configuration file was given, in parentheses after its name: "--config". */
    String configFile();

    /** What to do when the configuration file cannot be read. */
    String configFileUnread();

    /** Where the configuration keys are listed: "See `netpol-guard --help` for the configuration keys." */
    String configKeys();

    /** What to do when the release name given is not one Helm accepts. */
    String releaseInvalid();

    /** What to do when the release name can be told from nothing. */
    String releaseUnknown();

    /** "pass the release name you install with (--release=shop?)": a pod template carries another release's label. */
    String releaseLabelled(String present);

    /** What to do when the release namespace is needed and was not given. */
    String namespaceNeeded();

    /** "the folder given with --output": where an export is written. */
    String exportFolder();

    /** "--namespace=team-a": the release namespace given as the front end takes it. */
    String namespaceGiven(String namespace);

    /** "--namespace", as in "no --namespace given". */
    String namespaceOption();

    /** "run without --check-only". */
    String checkOnlyOff();

    /** "run without --no-inject-labels". */
    String injectLabelsOn();

    /** "run with --no-inject-labels". */
    String injectLabelsOff();

    /** "--no-inject-labels", as in "with --no-inject-labels no NetworkPolicy can select its pods". */
    String withoutInjectedLabels();

    /** "--strict", as in "which --strict refuses". */
    String strict();

    /** "run without --strict", as in "... to have them as warnings". */
    String strictOff();

    /** "under --segregate", as in "so under --segregate its pods may not reach each other". */
    String segregated();

    /** "--observed", as in "the flow log given with --observed". */
    String observed();

    /** "--observed-format", as in "give --observed-format if that is wrong". */
    String observedFormat();

    /** "--observed-format=hubble": the flow log's format given as the front end takes it. */
    String observedFormatGiven(String format);

    /** "`netpol-guard analyze --format=svg` draws it": where to see a graph too large for a Mermaid diagram. */
    String pictureOfLargeGraph();

    /** "the report (--report)", as in "the report (--report) has them all". */
    String report();

    /** "--expect", as in "the lock file given with --expect". */
    String expect();

    /** What to do when the lock file cannot be read or written. */
    String expectUnusable();

    /** "run once with --update-expect": how to create a lock file. */
    String updateExpectOnce();

    /** "run again with --update-expect": how to rewrite a lock file. */
    String updateExpectAgain();

    /** The phrase with its first letter in upper case, to start a sentence. */
    static String capitalized(String phrase) {
        return phrase.isEmpty() ? phrase : Character.toUpperCase(phrase.charAt(0)) + phrase.substring(1);
    }
}
