package dev.iopaint.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** {@code key=value} arguments of the bench's command-line drivers. */
final class Options {
    private Options() {
    }

    /** The arguments by key; an argument without '=' or with a key outside {@code keys} is an error. */
    static Map<String, String> parse(String[] args, Set<String> keys) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            String key = equals < 0 ? arg : arg.substring(0, equals);
            if (equals < 0 || !keys.contains(key)) {
                throw new IllegalArgumentException("Unknown argument '" + arg + "'; use key=value with keys " + keys);
            }
            options.put(key, arg.substring(equals + 1));
        }
        return options;
    }
}
