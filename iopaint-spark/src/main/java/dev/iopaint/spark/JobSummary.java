package dev.iopaint.spark;

import java.time.Duration;
import java.util.Locale;

/**
 * What a job did, counted from its status table.
 *
 * @param skippedNoMask images without a mask of their stem
 * @param skippedExists images whose result existed already
 * @param statusTable   the folder of the status table (JSON lines: path, status, message, millis)
 */
public record JobSummary(long inpainted, long skippedNoMask, long skippedExists, long failed, Duration elapsed,
                         String statusTable) {
    public long total() {
        return inpainted + skippedNoMask + skippedExists + failed;
    }

    /** The line the driver prints. */
    public String describe(String model, String output) {
        return String.format(Locale.ROOT, "Inpainted %d of %d images with %s in %.1f s (%d skipped without a mask,"
                        + " %d skipped as already done, %d failed); results in %s, status table in %s",
                inpainted, total(), model, elapsed.toMillis() / 1000.0, skippedNoMask, skippedExists, failed, output,
                statusTable);
    }
}
