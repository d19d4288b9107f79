package io.netpolguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The packaged launcher bin/netpol-guard, run directly, as Helm 3 runs it. No Helm needed. */
class LauncherIT {

    private static final Path STREAM = E2e.CHARTS.resolveSibling("streams").resolve("deployment.yaml");

    @BeforeAll
    static void packaged() throws IOException {
        E2e.requirePackagedPlugin();
        Files.createDirectories(E2e.WORK); // the working folder of some runs, whichever test runs first
    }

    private static Proc.Result launch(Path launcher, Map<String, String> env, Path cwd, String... args) {
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        command.addAll(List.of(args));
        return Proc.run(command, env, cwd, STREAM);
    }

    /** A shell script that records that it ran (it must never run). */
    private static void trap(Path file, Path markers) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\necho \"$0 $*\" > '" + markers.resolve(file.getFileName() + "-" + Math.abs(
                file.hashCode())) + "'\nexit 99\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** A stand-in java that prints who it is and its arguments, one a line. */
    private static Path fakeJava(Path file, String name) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\necho 'fake-java:" + name + "'\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private static List<String> markers(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }

    @Test
    void launcherPrintsTheProjectVersion() {
        Proc.Result r = launch(E2e.LAUNCHER, Proc.baseEnv(E2e.WORK), E2e.WORK, "--version");
        assertThat(r.exit()).as(r.describe()).isZero();
        assertThat(r.out() + r.err()).contains("netpol-guard " + E2e.VERSION);
    }

    @Test
    void launcherWorksFromAnUnrelatedWorkingDirectoryAndRunsNothingFromIt() throws IOException {
        Path cwd = E2e.freshDir("launcher", "unrelated-cwd");
        Path markers = E2e.freshDir("launcher", "unrelated-cwd-markers");
        for (String tool : List.of("java", "readlink", "dirname", "basename", "pwd", "sh", "cat", "env", "uname",
                "netpol-guard")) {
            trap(cwd.resolve(tool), markers);
            trap(cwd.resolve("bin").resolve(tool), markers);
        }
        trap(cwd.resolve("jre/bin/java"), markers);
        Map<String, String> env = Proc.baseEnv(cwd);
        // Relative and empty PATH entries first; no JAVA_HOME, so java is looked up on PATH.
        env.put("PATH", ".::bin:" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.remove("JAVA_HOME");
        Path java = Paths.get(System.getProperty("java.home"), "bin");
        env.put("PATH", env.get("PATH") + ":" + java);

        Proc.Result r = launch(E2e.LAUNCHER, env, cwd, "--release=tiny", "--report=report.json");

        assertThat(markers(markers)).as("programs run from the working folder").isEmpty();
        assertThat(r.exit()).as(r.describe()).isZero();
        Manifests out = Manifests.parse(r.out());
        Isolation.assertGeneratedReleasePolicy(out, "tiny-netpol-guard", "tiny");
        Isolation.assertPodTemplatesLabelled(out, "tiny", true);
        assertThat(cwd.resolve("report.json")).as("relative --report is resolved against the caller's folder")
                .isRegularFile();
    }

    @Test
    void launcherFollowsSymbolicLinksToItself() throws IOException {
        Path links = E2e.freshDir("launcher", "links");
        Files.createSymbolicLink(links.resolve("absolute"), E2e.LAUNCHER);
        Files.createDirectories(links.resolve("sub"));
        Files.createSymbolicLink(links.resolve("sub/relative"), Paths.get("../absolute"));
        Files.createSymbolicLink(links.resolve("chain"), Paths.get("sub/relative"));
        Map<String, String> env = Proc.baseEnv(links);

        for (String link : List.of("absolute", "sub/relative", "chain")) {
            Proc.Result direct = launch(links.resolve(link), env, E2e.WORK, "--version");
            assertThat(direct.exit()).as(direct.describe()).isZero();
            assertThat(direct.out() + direct.err()).contains(E2e.VERSION);
        }
        // Through PATH, and as "sh chain" from the link's folder.
        Map<String, String> onPath = new java.util.HashMap<>(env);
        onPath.put("PATH", links + ":" + env.get("PATH"));
        Proc.Result viaPath = Proc.run(List.of("/bin/sh", "-c", "chain --version"), onPath, E2e.WORK, null);
        assertThat(viaPath.exit()).as(viaPath.describe()).isZero();
        Proc.Result viaSh = Proc.run(List.of("/bin/sh", "chain", "--version"), env, links, null);
        assertThat(viaSh.exit()).as(viaSh.describe()).isZero();
        assertThat(viaSh.out() + viaSh.err()).contains(E2e.VERSION);
    }

    @Test
    void launcherPicksJavaFromNetpolGuardJavaThenBundledJreThenJavaHomeThenPath() throws IOException {
        Path copy = E2e.freshDir("launcher", "java-choice", "netpol-guard");
        copyTree(E2e.PLUGIN_DIR, copy);
        Path fakes = E2e.freshDir("launcher", "java-choice", "fakes");
        Path explicit = fakeJava(fakes.resolve("explicit/java"), "explicit");
        fakeJava(copy.resolve("jre/bin/java"), "bundled");
        fakeJava(fakes.resolve("home/bin/java"), "java-home");
        fakeJava(fakes.resolve("path/java"), "path");
        Path launcher = copy.resolve("bin/netpol-guard");

        Map<String, String> env = Proc.baseEnv(fakes);
        env.put("PATH", fakes.resolve("path") + ":" + env.get("PATH"));
        env.put("JAVA_HOME", fakes.resolve("home").toString());
        env.put("NETPOL_GUARD_JAVA", explicit.toString());
        assertThat(launch(launcher, env, fakes, "x").out()).startsWith("fake-java:explicit\n");

        env.remove("NETPOL_GUARD_JAVA");
        Proc.Result bundled = launch(launcher, env, fakes, "--release=a b", "--config=/x y/z.yaml");
        assertThat(bundled.out().lines().toList()).containsExactly("fake-java:bundled", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Xms16m", "-Xmn12m", "-XX:+DisplayVMOutputToStderr", "-Xlog:disable",
                "-Xlog:all=warning:stderr", "-cp",
                copy.toRealPath() + "/lib/*",
                "io.netpolguard.cli.Main", "--release=a b", "--config=/x y/z.yaml");

        E2e.deleteTree(copy.resolve("jre"));
        env.put("NETPOL_GUARD_JAVA_OPTS", "-Xmx64m -Dnetpolguard.test=1");
        Proc.Result home = launch(launcher, env, fakes, "y");
        assertThat(home.out().lines().toList()).startsWith("fake-java:java-home").contains("-Xmx64m",
                "-Dnetpolguard.test=1");

        env.remove("JAVA_HOME");
        assertThat(launch(launcher, env, fakes, "z").out()).startsWith("fake-java:path\n");

        env.put("NETPOL_GUARD_JAVA", "fake-java-nowhere");
        Proc.Result missing = launch(launcher, env, fakes, "z");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).startsWith("netpol-guard: error:").contains("NETPOL_GUARD_JAVA");
    }

    /** The start-up archives in a cache folder, by file name extension (.aot, .jsa, .failed). */
    private static List<String> archives(Path cache) throws IOException {
        Path dir = cache.resolve("netpol-guard/cds");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("."))
                    .map(n -> n.substring(n.lastIndexOf('.'))).sorted().toList();
        }
    }

    /** Where the JVM loaded the launcher's main class from, as -Xlog:class+load tells. */
    private static String mainClassSource(Proc.Result r) {
        return r.err().lines().filter(l -> l.contains("io.netpolguard.cli.Main source:")).findFirst().orElse("");
    }

    @Test
    void launcherMakesAStartUpArchiveOnTheFirstRunAndLoadsTheApplicationFromItAfterwards() throws IOException {
        Path home = E2e.freshDir("launcher", "archive-home");
        Map<String, String> env = Proc.baseEnv(home);
        env.put("NETPOL_GUARD_CDS", "off");
        Proc.Result plain = launch(E2e.LAUNCHER, env, home, "--release=web");
        assertThat(plain.exit()).as(plain.describe()).isZero();
        assertThat(archives(home.resolve(".cache"))).isEmpty();

        env.remove("NETPOL_GUARD_CDS");
        Proc.Result first = launch(E2e.LAUNCHER, env, home, "--release=web");
        assertThat(first.exit()).as(first.describe()).isZero();
        assertThat(first.out()).isEqualTo(plain.out());
        assertThat(first.err()).isEqualTo(plain.err());
        // The bundled runtime (Java 25 or newer) gets an AOT cache; a plugin without one, the build's Java.
        boolean bundled = Files.exists(E2e.PLUGIN_DIR.resolve("jre"));
        boolean aot = bundled ? Files.readString(E2e.PLUGIN_DIR.resolve("jre/release")).matches(
                "(?s).*JAVA_VERSION=\"(2[5-9]|[3-9][0-9]).*") : Runtime.version().feature() >= 25;
        assertThat(archives(home.resolve(".cache"))).containsExactly(aot ? ".aot" : ".jsa");

        env.put("NETPOL_GUARD_JAVA_OPTS", "-Xlog:class+load=info:stderr");
        Proc.Result second = launch(E2e.LAUNCHER, env, home, "--release=web");
        assertThat(second.out()).isEqualTo(plain.out());
        assertThat(mainClassSource(second)).contains("shared objects file");
    }

    @Test
    void launcherGivesAnOlderJavaAnAppCdsArchiveFromTheShippedClassList() throws IOException {
        Path java17 = Paths.get(System.getProperty("java.home"), "bin", "java");
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.version().feature() < 25, "the build runs on Java 25+");
        Path home = E2e.freshDir("launcher", "appcds-home");
        Map<String, String> env = Proc.baseEnv(home);
        env.put("NETPOL_GUARD_JAVA", java17.toString());
        assertThat(launch(E2e.LAUNCHER, env, home, "--release=web").exit()).isZero();
        assertThat(archives(home.resolve(".cache"))).containsExactly(".jsa");

        env.put("NETPOL_GUARD_JAVA_OPTS", "-Xlog:class+load=info:stderr");
        assertThat(mainClassSource(launch(E2e.LAUNCHER, env, home, "--release=web"))).contains("shared objects file");
    }

    @Test
    void launcherRemakesTheArchiveOnceWhenTheJarsAreNewerThanIt() throws IOException {
        Path copy = E2e.freshDir("launcher", "remake", "netpol-guard");
        copyTree(E2e.PLUGIN_DIR, copy);
        Path launcher = copy.resolve("bin/netpol-guard");
        Path home = E2e.freshDir("launcher", "remake-home");
        Map<String, String> env = Proc.baseEnv(home);
        assertThat(launch(launcher, env, home, "--release=web").exit()).isZero();
        Path archive;
        try (Stream<Path> s = Files.list(home.resolve(".cache/netpol-guard/cds"))) {
            archive = s.filter(p -> !p.getFileName().toString().startsWith(".")).findFirst().orElseThrow();
        }
        FileTime made = Files.getLastModifiedTime(archive);
        Object firstFile = fileKey(archive);

        // A jar replaced after the archive was made; dated in the future, as a clock ahead of this one would.
        FileTime later = FileTime.fromMillis(made.toMillis() + 3_600_000);
        Files.setLastModifiedTime(copy.resolve("lib/netpol-guard-" + E2e.VERSION + ".jar"), later);
        assertThat(launch(launcher, env, home, "--release=web").exit()).isZero();
        Object remade = fileKey(archive);
        assertThat(remade).as("remade (a new file moved into place)").isNotEqualTo(firstFile);
        assertThat(Files.getLastModifiedTime(archive)).isEqualTo(later);

        assertThat(launch(launcher, env, home, "--release=web").exit()).isZero();
        assertThat(fileKey(archive)).as("not remade on every run").isEqualTo(remade);
    }

    private static Object fileKey(Path file) throws IOException {
        return Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
    }

    /** A copy of the plugin folder without the bundled runtime (jre/, linux x86-64 builds only). */
    private static Path launcherWithoutBundledJre(String name) throws IOException {
        Path copy = E2e.freshDir("launcher", name, "netpol-guard");
        copyTree(E2e.PLUGIN_DIR, copy);
        if (Files.exists(copy.resolve("jre"))) {
            E2e.deleteTree(copy.resolve("jre"));
        }
        return copy.resolve("bin/netpol-guard");
    }

    @Test
    void launcherExplainsAMissingJavaAndExitsWithTwo() throws IOException {
        Map<String, String> env = Proc.baseEnv(E2e.WORK);
        env.remove("JAVA_HOME");
        env.put("PATH", "/nonexistent-netpol-guard-test");
        Proc.Result r = launch(launcherWithoutBundledJre("no-java"), env, E2e.WORK, "--version");
        assertThat(r.exit()).as(r.describe()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("netpol-guard: error: no Java runtime found").contains("JAVA_HOME");
    }

    @Test
    void launcherRefusesARelativeJavaHomeInsteadOfRunningJavaFromTheWorkingDirectory() throws IOException {
        Path cwd = E2e.freshDir("launcher", "relative-java-home");
        Path markers = E2e.freshDir("launcher", "relative-java-home-markers");
        trap(cwd.resolve("bin/java"), markers);
        Map<String, String> env = Proc.baseEnv(cwd);
        env.put("JAVA_HOME", ".");
        Proc.Result r = launch(launcherWithoutBundledJre("relative-java-home-plugin"), env, cwd, "--version");
        assertThat(markers(markers)).isEmpty();
        assertThat(r.exit()).as(r.describe()).isEqualTo(2);
        assertThat(r.err()).contains("JAVA_HOME must be an absolute path");
    }

    @Test
    void aJavaOptionThatMakesTheJvmRefuseTheStartUpArchiveStillRunsWithTheSameOutput() throws IOException {
        Path home = E2e.freshDir("launcher", "xmn-home");
        Map<String, String> env = Proc.baseEnv(home);
        Proc.Result plain = launch(E2e.LAUNCHER, env, home, "--release=web");
        assertThat(plain.exit()).as(plain.describe()).isZero();

        // The bundled Java 25 refuses an AOT cache with a young generation this large: "archived heap objects
        // cannot be loaded". The launcher checks a new archive, and does not use one the JVM refuses.
        env.put("NETPOL_GUARD_JAVA_OPTS", "-Xmn32m");
        for (int run = 1; run <= 2; run++) {
            Proc.Result r = launch(E2e.LAUNCHER, env, home, "--release=web");
            assertThat(r.exit()).as("run %s: %s", run, r.describe()).isZero();
            assertThat(r.out()).isEqualTo(plain.out());
            assertThat(r.err()).doesNotContain("archived heap objects", "AOT cache", "netpol-guard: error");
        }
    }

    /** A java that refuses every start-up archive when it runs netpol-guard, and runs the real one otherwise. */
    private static Path archiveRefusingJava(Path file, Path log) throws IOException {
        Path real = Paths.get(System.getProperty("java.home"), "bin", "java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n"
                + "echo \"$*\" >> '" + log + "'\n"
                + "case \" $* \" in\n"
                + "  *' --version '*|*' -Xshare:dump '*) ;;\n" // making and checking a new archive pass
                + "  *' -XX:AOTCache='*|*' -XX:SharedArchiveFile='*)\n"
                + "    echo 'An error has occurred while processing the AOT cache (archived heap objects cannot be"
                + " loaded)' >&2; exit 1 ;;\n"
                + "esac\n"
                + "exec '" + real + "' \"$@\"\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    @Test
    void whenTheJvmRefusesTheStartUpArchiveTheRunIsRetriedWithoutItAndTheArchiveIsNotUsedAgain() throws IOException {
        Path launcher = launcherWithoutBundledJre("refused-archive-plugin");
        Path home = E2e.freshDir("launcher", "refused-archive-home");
        Path log = home.resolve("java-runs.log");
        Map<String, String> env = Proc.baseEnv(home);
        env.put("NETPOL_GUARD_JAVA", archiveRefusingJava(home.resolve("fake/java"), log).toString());
        Map<String, String> off = new java.util.HashMap<>(env);
        off.put("NETPOL_GUARD_CDS", "off");
        Proc.Result plain = launch(launcher, off, home, "--release=web");
        assertThat(plain.exit()).as(plain.describe()).isZero();

        Proc.Result first = launch(launcher, env, home, "--release=web");
        assertThat(first.exit()).as(first.describe()).isZero();
        assertThat(first.out()).isEqualTo(plain.out());
        assertThat(archives(home.resolve(".cache"))).containsExactly(".failed");

        Files.delete(log);
        Proc.Result second = launch(launcher, env, home, "--release=web");
        assertThat(second.exit()).as(second.describe()).isZero();
        assertThat(second.out()).isEqualTo(plain.out());
        assertThat(Files.readAllLines(log)).as("java runs").hasSize(1).noneMatch(l -> l.contains("-XX:AOTCache")
                || l.contains("-XX:SharedArchiveFile"));
    }

    @Test
    void aJvmThatDoesNotStartIsAnErrorWithExitTwoNeverTheRefusalsExitOne() throws IOException {
        Path home = E2e.freshDir("launcher", "bad-options-home");
        Map<String, String> env = Proc.baseEnv(home);
        for (String options : List.of("-XX:+NoSuchOptionOfAnyJvm", "-Xmx1k")) {
            env.put("NETPOL_GUARD_JAVA_OPTS", options);
            Proc.Result r = launch(E2e.LAUNCHER, env, home, "--release=web");
            assertThat(r.exit()).as(r.describe()).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).contains("netpol-guard: error: the Java runtime ", " did not start with"
                    + " NETPOL_GUARD_JAVA_OPTS=" + options, "Check NETPOL_GUARD_JAVA_OPTS");
        }
    }

    @Test
    void aRefusalThroughTheLauncherExitsOneAndIsNotRetried() throws IOException {
        Path launcher = launcherWithoutBundledJre("refusal-plugin");
        Path home = E2e.freshDir("launcher", "refusal-home");
        Path log = home.resolve("java-runs.log");
        Map<String, String> env = Proc.baseEnv(home);
        env.put("NETPOL_GUARD_JAVA", archiveRefusingJava(home.resolve("fake/java"), log).toString());
        env.put("NETPOL_GUARD_CDS", "off");

        Proc.Result r = launch(launcher, env, home, "--release=web", "--check-only");

        assertThat(r.exit()).as(r.describe()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("netpol-guard: refused:").doesNotContain("did not start");
        assertThat(Files.readAllLines(log)).as("java runs").hasSize(1);
    }

    @Test
    void inATerminalTheLauncherSaysWhatItWaitsForInsteadOfWaitingSilently() throws IOException {
        Path script = Paths.get("/usr/bin/script");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(script), "util-linux script(1) gives a terminal");
        Path home = E2e.freshDir("launcher", "terminal-home");
        Map<String, String> env = Proc.baseEnv(home);
        env.put("NETPOL_GUARD_CDS", "off");
        // script(1) runs the launcher on a new terminal; its stdin (empty) ends the terminal's input at once.
        Proc.Result r = Proc.run(List.of(script.toString(), "-qec", "'" + E2e.LAUNCHER + "' --release=web",
                "/dev/null"), env, home, null);

        assertThat(r.out()).contains("netpol-guard: reading the manifests from the terminal (stdin)", "Ctrl-D");
        Proc.Result piped = launch(E2e.LAUNCHER, env, home, "--release=web");
        assertThat(piped.err()).doesNotContain("terminal");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
