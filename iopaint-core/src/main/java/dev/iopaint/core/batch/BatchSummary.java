package dev.iopaint.core.batch;

import java.time.Duration;

/** What a batch did. */
public record BatchSummary(int inpainted, int skipped, int failed, Duration elapsed) {
    public int total() {
        return inpainted + skipped + failed;
    }
}
