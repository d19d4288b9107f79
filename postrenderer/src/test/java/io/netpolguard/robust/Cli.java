package io.netpolguard.robust;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Runs the command line ({@code io.netpolguard.cli.Main}) in-process, as Helm would run it, and keeps what it
 * printed. Main's constructor is package-private, so it is reached by reflection; an exception escaping
 * {@code run} is rethrown as it is, since for the user it would be a stack trace.
 */
final class Cli {

    record Run(int exit, byte[] stdout, String stderr) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    private static final Constructor<?> MAIN;
    private static final Method RUN;

    static {
        try {
            Class<?> main = Class.forName("io.netpolguard.cli.Main");
            MAIN = main.getDeclaredConstructor(InputStream.class, OutputStream.class, PrintStream.class, Map.class);
            MAIN.setAccessible(true);
            RUN = main.getDeclaredMethod("run", String[].class);
            RUN.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Cli() {
    }

    static Run run(String stdin, String... args) {
        return run(stdin.getBytes(StandardCharsets.UTF_8), args);
    }

    static Run run(byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            Object main = MAIN.newInstance(new ByteArrayInputStream(stdin), out,
                    new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
            int exit = (Integer) RUN.invoke(main, (Object) args);
            return new Run(exit, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new AssertionError(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
