package questlog.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script ({@code src/main/sh/questlog}, built into {@code target/questlog}) on a
 * machine whose default {@code java} is 17: it runs questlog on a Java 21+ from JAVA_HOME, PATH
 * or the JDK directories, honours JAVA_OPTS and QUESTLOG_JAVA_OPTS, and refuses with one line
 * when only 17 is there. Beside the script, a questlog.jar that runs this build's classes.
 */
class LauncherTest {
    static final Path SCRIPT = Path.of("src/main/sh/questlog").toAbsolutePath();
    static final Path JDK17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");
    static final Path JDK25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    @TempDir
    static Path dir;
    static Path launcher;
    /** Only Java 17, where the launcher looks for JDKs. */
    static Path only17;

    @BeforeAll
    static void installLauncherBesideAJar() throws IOException {
        assertThat(JDK17.resolve("bin/java")).as("this test needs a Java 17").isExecutable();
        assertThat(JDK25.resolve("bin/java")).as("this test needs a Java 25").isExecutable();
        Path bin = Files.createDirectories(dir.resolve("bin"));
        launcher = Files.copy(SCRIPT, bin.resolve("questlog"), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "questlog.app.Main");
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, Arrays.stream(
                        System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toUri().toString()).collect(Collectors.joining(" ")));
        try (OutputStream out = Files.newOutputStream(bin.resolve("questlog.jar"));
             JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
        only17 = Files.createDirectories(dir.resolve("jvm"));
        Path java17 = Files.createDirectories(only17.resolve("java-17/bin")).resolve("java");
        Files.writeString(java17, "#!/bin/sh\nexec " + JDK17.resolve("bin/java") + " \"$@\"\n");
        java17.toFile().setExecutable(true);
    }

    @Test
    void theScriptIsExecutable() throws IOException {
        assertThat(Files.getPosixFilePermissions(SCRIPT)).contains(PosixFilePermission.OWNER_EXECUTE,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);
    }

    @Test
    void withJava17AsJavaHomeAndOnPathItRunsTheNewestJdkOfTheJdkDirectories() throws Exception {
        Result run = launch(Map.of("JAVA_HOME", JDK17.toString(), "PATH", JDK17 + "/bin:/usr/bin:/bin",
                "JAVA_OPTS", "-showversion"), "--version");

        assertThat(run.exitCode).as(run.err).isZero();
        assertThat(run.out).isEqualTo("questlog 0.1.0\n");
        assertThat(run.err).contains("version \"25");
    }

    @Test
    void aJavaHomeOf21OrNewerComesFirst() throws Exception {
        Result run = launch(Map.of("JAVA_HOME", JDK25.toString(), "PATH", JDK17 + "/bin:/usr/bin:/bin",
                "QUESTLOG_JDK_DIRS", only17 + "/*", "QUESTLOG_JAVA_OPTS", "-Dquestlog.launched=yes -XshowSettings:properties"),
                "--version");

        assertThat(run.exitCode).as(run.err).isZero();
        assertThat(run.out).isEqualTo("questlog 0.1.0\n");
        assertThat(run.err).contains("java.home = " + JDK25).contains("questlog.launched = yes");
    }

    @Test
    void aJavaOnPathOf21OrNewerComesBeforeTheJdkDirectories() throws Exception {
        Result run = launch(Map.of("PATH", JDK25 + "/bin:/usr/bin:/bin", "QUESTLOG_JDK_DIRS", only17 + "/*",
                "JAVA_OPTS", "-showversion"), "--version");

        assertThat(run.exitCode).as(run.err).isZero();
        assertThat(run.out).isEqualTo("questlog 0.1.0\n");
        assertThat(run.err).contains("version \"25");
    }

    @Test
    void withOnlyJava17ItRefusesWithOneLineSayingWhatToDo() throws Exception {
        Result run = launch(Map.of("JAVA_HOME", JDK17.toString(), "PATH", JDK17 + "/bin:/usr/bin:/bin",
                "QUESTLOG_JDK_DIRS", only17 + "/*"), "--version");

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.out).isEmpty();
        assertThat(run.err.lines()).singleElement().asString()
                .startsWith("questlog: needs Java 21 or newer: JAVA_HOME=" + JDK17 + " is Java 17; java on PATH ("
                        + JDK17 + "/bin/java) is Java 17; none under " + only17 + "/*.")
                .contains("set JAVA_HOME");
    }

    @Test
    void findJdkGivesTheMavenWrapperAJdkOf21OrNewer() throws Exception {
        Result found = launch(Map.of("JAVA_HOME", JDK17.toString(), "PATH", JDK17 + "/bin:/usr/bin:/bin"), "--find-jdk");
        assertThat(found.exitCode).as(found.err).isZero();
        assertThat(found.out).isEqualTo(JDK25 + "\n");

        Result none = launch(Map.of("PATH", JDK17 + "/bin:/usr/bin:/bin", "QUESTLOG_JDK_DIRS", only17 + "/*"), "--find-jdk");
        assertThat(none.exitCode).isEqualTo(2);
        assertThat(none.err).startsWith("questlog: needs a JDK 21 or newer (with javac)");
    }

    @Test
    void commandsRunOnTheQuickCompilerOnlyWithMoreHeapAnImportWithMoreStillAndTheServerOnBothCompilersWithABoundedYoungGeneration() throws Exception {
        Result command = launch(Map.of("JAVA_HOME", JDK25.toString(), "JAVA_OPTS", "-XX:+PrintFlagsFinal"), "--version");
        assertThat(command.exitCode).as(command.err).isZero();
        assertThat(command.out).containsPattern("TieredStopAtLevel += 1 ").containsPattern("MaxHeapSize += 167772160 ")
                .doesNotContainPattern(" SurvivorRatio += 3 ");

        // An import holds its whole document: a larger heap, started large, with a large young generation.
        Result anImport = launch(Map.of("JAVA_HOME", JDK25.toString(), "JAVA_OPTS", "-XX:+PrintFlagsFinal"), "import");
        assertThat(anImport.exitCode).as(anImport.err).isZero();
        assertThat(anImport.out).containsPattern("TieredStopAtLevel += 1 ").containsPattern("MaxHeapSize += 192937984 ")
                .containsPattern("InitialHeapSize += 104857600 ").containsPattern(" MaxNewSize += 75497472 ");

        // A server that cannot start (its port is taken) still shows the flags it ran with.
        try (var taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Result server = launch(Map.of("JAVA_HOME", JDK25.toString(), "JAVA_OPTS", "-XX:+PrintFlagsFinal",
                    "PORT", String.valueOf(taken.getLocalPort()), "QUESTLOG_HOST", "127.0.0.1",
                    "DATABASE_URL", "postgres://postgres@127.0.0.1:1/none"), "serve");
            assertThat(server.exitCode).as(server.err).isEqualTo(2);
            assertThat(server.out).containsPattern("TieredStopAtLevel += 4 ").containsPattern("MaxHeapSize += 134217728 ")
                    .containsPattern(" MaxNewSize += 25165824 ").containsPattern(" SurvivorRatio += 3 ");
            assertThat(server.err).contains("Cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void onJava25ACommandButAnImportMapsTheServersAotCacheUnlessItIsStillBeingAssembled() throws Exception {
        Path jar = launcher.resolveSibling("questlog.jar");
        Path cache = launcher.resolveSibling("questlog-java25-" + Files.getLastModifiedTime(jar).toMillis() / 1000
                + "-" + Files.size(jar) + ".aot");
        Path training = cache.resolveSibling(cache.getFileName() + ".config");
        Map<String, String> env = Map.of("JAVA_HOME", JDK25.toString(), "JAVA_OPTS", "-XX:+PrintFlagsFinal");
        try {
            Files.writeString(cache, "not a real cache: the JVM ignores it and says so only in its aot log");
            Files.writeString(training, "");
            Result assembling = launch(env, "--version");
            assertThat(assembling.exitCode).as(assembling.err).isZero();
            assertThat(assembling.out).containsPattern("AOTCache += *\\{").doesNotContain(cache.toString());

            Files.delete(training);
            Result complete = launch(env, "--version");
            assertThat(complete.exitCode).as(complete.err).isZero();
            assertThat(complete.out).contains("AOTCache").contains("= " + cache);
            assertThat(cache).exists();

            // An import does not load the server's classes: it starts without the cache.
            Result anImport = launch(env, "import");
            assertThat(anImport.exitCode).as(anImport.err).isZero();
            assertThat(anImport.out).containsPattern("AOTCache += *\\{").doesNotContain(cache.toString());
            assertThat(cache).exists();
        } finally {
            Files.deleteIfExists(cache);
            Files.deleteIfExists(training);
        }
    }

    record Result(int exitCode, String out, String err) {}

    /** Runs the launcher with exactly {@code env} (nothing inherited) and {@code args}. */
    static Result launch(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
        builder.environment().clear();
        builder.environment().putAll(new HashMap<>(env));
        builder.environment().putIfAbsent("PATH", "/usr/bin:/bin");
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
    }
}
