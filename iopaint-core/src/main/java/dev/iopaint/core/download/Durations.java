package dev.iopaint.core.download;

import java.time.Duration;
import java.util.Locale;

/** Durations written for people: "300 ms", "1.5 s", "60 s". */
final class Durations {
    private Durations() {
    }

    static String human(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + " s";
        }
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
