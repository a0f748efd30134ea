package questlog.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code questlog ARGS} in a JVM of its own (the test classpath), as a user starts it: only the
 * given settings (none inherited from the test's environment), stdout and stderr to one log file.
 */
record QuestlogProcess(Process process, Path log) {

    static QuestlogProcess start(Path log, Map<String, String> env, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        // C1 only and the serial collector: quicker starts on a busy machine.
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), "questlog.app.Main"));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(key -> !List.of("PATH", "HOME", "LANG", "TMPDIR").contains(key));
        builder.environment().putAll(env);
        return new QuestlogProcess(builder.start(), log);
    }

    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }
}
