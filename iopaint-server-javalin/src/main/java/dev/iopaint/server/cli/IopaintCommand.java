package dev.iopaint.server.cli;

import dev.iopaint.api.IopaintException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.Map;

/**
 * The {@code iopaint} command line: IOPaint's commands and flags. Configuration is read here, once: flags first,
 * then the environment ({@code XDG_CACHE_HOME}, the {@code <MODEL>_MODEL_URL}/{@code _MD5} overrides), then
 * IOPaint's defaults; the library below never reads the environment itself.
 */
@Command(name = "iopaint", mixinStandardHelpOptions = true, versionProvider = IopaintCommand.Version.class,
        description = "Erase and repaint parts of images with AI models (IOPaint's model system, in Java).",
        subcommands = {StartCommand.class, ListCommand.class, DownloadCommand.class, RunCommand.class},
        footer = {"", "Through the ./iopaint launcher:",
                "  spark-run  Inpaint a folder as run does, on Apache Spark in this JVM (local[*]):",
                "             --images URI --masks URI --output URI [--model NAME] [--model-dir DIR]",
                "             [--config FILE.json] [--device D] [--fail-fast] [--force]"})
public final class IopaintCommand {
    private final Map<String, String> environment;

    IopaintCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    Map<String, String> environment() {
        return environment;
    }

    public static void main(String[] args) {
        System.exit(execute(System.getenv(), new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs one command line; returns the exit code (0 success, 1 failure, 2 bad usage). */
    static int execute(Map<String, String> environment, PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine;
        try {
            commandLine = commandLine(environment, out, err, args);
        } catch (IopaintException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
        return commandLine.execute(args);
    }

    /** The command line ready to parse {@code args}, with {@code start --config}'s file as defaults. */
    static CommandLine commandLine(Map<String, String> environment, PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new IopaintCommand(environment));
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            if (exception instanceof IopaintException) {
                cmd.getErr().println("error: " + exception.getMessage());
            } else {
                cmd.getErr().println("error: unexpected " + exception);
                org.slf4j.LoggerFactory.getLogger(IopaintCommand.class).debug("Unexpected failure", exception);
            }
            return 1;
        });
        if (args.length > 0 && args[0].equals("start")) {
            commandLine.getSubcommands().get("start").setDefaultValueProvider(StartConfigFile.from(args));
        }
        return commandLine;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = IopaintCommand.class.getPackage().getImplementationVersion();
            return new String[] {"iopaint " + (version == null ? "(development build)" : version)};
        }
    }
}
