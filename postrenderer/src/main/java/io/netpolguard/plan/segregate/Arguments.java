package io.netpolguard.plan.segregate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A program's arguments, as a container's {@code command} and {@code args} or a shell command give them, read as
 * the values they are: an option's value ({@code --db-host=db}, {@code --db-host db}, {@code -h db}), a positional
 * argument ({@code nc -z db 5432}), or the script of a shell ({@code sh -c '...'}). A host without a port takes
 * the port number written right after it ({@code db 5432}) or the port option of the same name
 * ({@code --db-port 5432}, {@code -p 5432}).
 */
final class Arguments {

    /** Shells whose {@code -c} takes a script. */
    private static final Set<String> SHELLS = Set.of("sh", "bash", "ash", "dash", "zsh", "ksh");

    /**
     * One value among the arguments.
     *
     * @param at       the index of the argument that holds it
     * @param key      the option it is the value of, without its dashes ({@code db-host}, {@code h}); null for a
     *                 positional argument
     * @param text     the value
     * @param port     the port another argument gives a host without one, or 0
     * @param portFrom the option that gives it ({@code --db-port}), or null for the number right after the host
     * @param script   whether it is a shell's script ({@code sh -c SCRIPT})
     */
    record Arg(int at, String key, String text, int port, String portFrom, boolean script) {
    }

    private Arguments() {
    }

    /** Whether a program is a shell: {@code sh}, {@code /bin/bash}. */
    static boolean isShell(String program) {
        return SHELLS.contains(program.substring(program.lastIndexOf('/') + 1));
    }

    /**
     * The values among {@code argv} from {@code from} on; {@code shell} when the program is a shell, whose
     * {@code -c} (also {@code -ec}, {@code -xc}) takes the script after it.
     */
    static List<Arg> read(List<String> argv, int from, boolean shell) {
        List<Arg> args = new ArrayList<>();
        int n = argv.size();
        for (int i = from; i < n; i++) {
            String a = argv.get(i);
            if (shell && i + 1 < n && a.length() > 1 && a.charAt(0) == '-' && a.charAt(1) != '-' && a.indexOf('c') > 0) {
                args.add(new Arg(i + 1, null, argv.get(i + 1), 0, null, true));
                i++;
                continue;
            }
            if (a.equals("--")) { // the end of the options: what follows is the command to run, as written
                continue;
            }
            if (isOption(a)) {
                String name = a.substring(a.charAt(1) == '-' ? 2 : 1);
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    args.add(new Arg(i, name.substring(0, eq), name.substring(eq + 1), 0, null, false));
                } else if (i + 1 < n && !isOption(argv.get(i + 1))) {
                    args.add(new Arg(i + 1, name, argv.get(i + 1), 0, null, false));
                    i++;
                }
                continue; // else a switch
            }
            int port = Address.portNumber(a);
            Arg last = args.isEmpty() ? null : args.get(args.size() - 1);
            if (port > 0 && last != null && last.at() == i - 1 && last.port() == 0 && !last.script()
                    && isBareHost(last.text())) {
                args.set(args.size() - 1, new Arg(last.at(), last.key(), last.text(), port, null, false));
                continue;
            }
            args.add(new Arg(i, null, a, 0, null, false));
        }
        return paired(args);
    }

    /**
     * Hosts given with the port options of the same name: {@code --db-host db --db-port 5432}, {@code -h db -p 5432};
     * a host with several ({@code --collector-grpc-port}, {@code --collector-http-port}) once per port.
     */
    private static List<Arg> paired(List<Arg> args) {
        Map<String, List<Arg>> ports = new HashMap<>();
        for (Arg a : args) {
            String prefix = a.key() == null ? null : Keys.portPrefix(a.key());
            if (prefix != null && Address.portNumber(a.text()) > 0) {
                List<Arg> given = ports.get(prefix);
                if (given == null) {
                    given = new ArrayList<>(1);
                    ports.put(prefix, given);
                }
                given.add(a);
            }
        }
        if (ports.isEmpty()) {
            return args;
        }
        List<Arg> paired = new ArrayList<>(args.size());
        for (Arg a : args) {
            String prefix = a.key() == null || a.port() > 0 ? null : Keys.hostPrefix(a.key());
            List<Arg> given = prefix == null ? null : ports.get(prefix);
            if (given == null) {
                paired.add(a);
                continue;
            }
            for (Arg p : given) {
                paired.add(new Arg(a.at(), a.key(), a.text(), Address.portNumber(p.text()),
                        (p.key().length() == 1 ? "-" : "--") + p.key(), false));
            }
        }
        return paired;
    }

    /** {@code -v}, {@code --db-host}, {@code --db-host=db}; not {@code -} alone or a negative number. */
    private static boolean isOption(String a) {
        return a.length() > 1 && a.charAt(0) == '-' && !Character.isDigit(a.charAt(1));
    }

    /** A host name alone, which a port number after it may complete. */
    private static boolean isBareHost(String s) {
        if (s.isEmpty() || !Character.isLetter(s.charAt(0))) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Address.isHostChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
