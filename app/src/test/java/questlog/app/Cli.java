package questlog.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/**
 * The questlog command line run in this JVM as a user runs it from a shell: the settings in an
 * env file, stdout and stderr (logs included) captured. It replaces System.out and System.err
 * meanwhile, so test classes that use it are {@code @Isolated}.
 */
final class Cli {
    private Cli() {}

    record Run(int exitCode, String out, String err) {}

    /** Runs {@code args} with {@code env} written to {@code envFile} (real environment variables still win). */
    static Run run(Path envFile, Map<String, String> env, String... args) throws IOException {
        StringBuilder lines = new StringBuilder("# test settings\n");
        env.forEach((key, value) -> lines.append("export ").append(key).append("=\"").append(value).append("\"\n"));
        Files.writeString(envFile, lines.toString());
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            String[] all = new String[args.length + 2];
            all[0] = "--env-file";
            all[1] = envFile.toString();
            System.arraycopy(args, 0, all, 2, args.length);
            CommandLine cli = Main.commandLine();
            int code = cli.execute(all);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
