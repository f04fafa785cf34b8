package dev.iopaint.spark;

import dev.iopaint.api.UnsupportedInputException;
import dev.iopaint.core.json.IopaintJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads {@link InpaintJob}'s command line; the flags follow {@code iopaint run}'s. */
final class JobArguments {
    static final String USAGE = "usage: InpaintJob --images URI --masks URI --output URI [--model NAME (lama)]"
            + " [--model-dir DIR] [--config FILE.json] [--device cpu|cuda|mps] [--fail-fast] [--force]";
    private static final Set<String> VALUED = Set.of("--images", "--masks", "--output", "--model", "--model-dir",
            "--config", "--device");
    private static final Set<String> SWITCHES = Set.of("--fail-fast", "--force");

    private JobArguments() {
    }

    static JobSettings parse(String... args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (SWITCHES.contains(flag)) {
                values.put(flag, "true");
            } else if (VALUED.contains(flag)) {
                if (i + 1 == args.length) {
                    throw new UnsupportedInputException(flag + " needs a value; " + USAGE);
                }
                values.put(flag, args[++i]);
            } else {
                throw new UnsupportedInputException("Unknown argument " + flag + "; " + USAGE);
            }
        }
        for (String required : List.of("--images", "--masks", "--output")) {
            if (!values.containsKey(required)) {
                throw new UnsupportedInputException(required + " is missing; " + USAGE);
            }
        }
        return new JobSettings(values.get("--images"), values.get("--masks"), values.get("--output"),
                values.getOrDefault("--model", "lama"), values.get("--model-dir"), config(values.get("--config")),
                JobSettings.device(values.getOrDefault("--device", "cpu")), values.containsKey("--fail-fast"),
                values.containsKey("--force"));
    }

    /** The request JSON, checked here on the driver so a typo fails before any executor starts. */
    static String config(String file) {
        if (file == null) {
            return null;
        }
        try {
            String json = Files.readString(Path.of(file));
            IopaintJson.readRequest(IopaintJson.mapper().readTree(json));
            return json;
        } catch (IOException e) {
            throw new UnsupportedInputException("--config " + file + " is not readable JSON: " + e.getMessage());
        }
    }
}
