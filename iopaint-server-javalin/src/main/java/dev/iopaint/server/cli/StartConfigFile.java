package dev.iopaint.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iopaint.api.UnsupportedInputException;
import dev.iopaint.core.json.IopaintJson;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * IOPaint's {@code start --config FILE.json}: the file's keys are option names in snake_case ({@code "port"},
 * {@code "output_dir"}, {@code "model_dir"}, ...) and act as defaults, so options on the command line still win.
 */
final class StartConfigFile implements IDefaultValueProvider {
    private final JsonNode values;

    private StartConfigFile(JsonNode values) {
        this.values = values;
    }

    /** The defaults of the {@code --config} named in a {@code start} command line, or none. */
    static IDefaultValueProvider from(String[] args) {
        Path file = configArgument(args);
        if (file == null) {
            return arg -> null;
        }
        try {
            JsonNode json = IopaintJson.mapper().readTree(Files.readString(file));
            if (json == null || !json.isObject()) {
                throw new UnsupportedInputException("--config " + file + " must hold a JSON object, e.g. {\"port\": 8081}");
            }
            return new StartConfigFile(json);
        } catch (IOException e) {
            throw new UnsupportedInputException("--config " + file + " is not readable JSON: " + e.getMessage());
        }
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option) || option.longestName().equals("--config")) {
            return null;
        }
        JsonNode value = values.get(option.longestName().substring(2).replace('-', '_'));
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Path configArgument(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                return Path.of(args[i + 1]);
            }
            if (args[i].startsWith("--config=")) {
                return Path.of(args[i].substring("--config=".length()));
            }
        }
        return null;
    }
}
