package dev.iopaint.core.download;

import dev.iopaint.api.DownloadListener;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Shows a download as one line that rewrites itself ({@code \r}), e.g.
 * {@code big-lama.pt  45% 88.0 MiB/195.9 MiB  10.0 MiB/s  ETA 0:11}, at most every 200 ms, and ends it with a
 * newline when the file is done. Speed counts only this run's bytes, not a part resumed from disk.
 */
public final class TerminalProgressBar implements DownloadListener {
    static final long REFRESH_NANOS = Duration.ofMillis(200).toNanos();

    private final PrintStream out;
    private final LongSupplier nanoClock;
    private long startNanos;
    private long lastRenderNanos;
    private boolean rendered;
    private boolean stale;
    private long baselineBytes = -1;
    private long doneBytes;
    private long totalBytes = -1;
    private int lastWidth;

    public TerminalProgressBar(PrintStream out) {
        this(out, System::nanoTime);
    }

    /** @param nanoClock monotonic nanoseconds, as {@link System#nanoTime()}; tests pass a fake one */
    public TerminalProgressBar(PrintStream out, LongSupplier nanoClock) {
        this.out = Objects.requireNonNull(out, "out");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    @Override
    public void started(String fileName, long total) {
        startNanos = nanoClock.getAsLong();
        rendered = false;
        stale = false;
        baselineBytes = -1;
        doneBytes = 0;
        totalBytes = total;
        lastWidth = 0;
    }

    @Override
    public void progressed(String fileName, long done, long total) {
        long now = nanoClock.getAsLong();
        if (baselineBytes < 0) {
            baselineBytes = done;
        }
        doneBytes = done;
        totalBytes = total;
        boolean complete = total >= 0 && done >= total;
        if (rendered && now - lastRenderNanos < REFRESH_NANOS && !complete) {
            stale = true;
            return;
        }
        render(fileName, now);
    }

    @Override
    public void finished(String fileName) {
        if (!rendered || stale) {
            render(fileName, nanoClock.getAsLong());
        }
        out.println();
        out.flush();
    }

    /** Ends the progress line so the error printed next starts on a line of its own. */
    @Override
    public void failed(String fileName, String reason) {
        if (rendered) {
            out.println();
            out.flush();
        }
    }

    private void render(String fileName, long now) {
        String line = line(fileName, doneBytes, totalBytes, doneBytes - Math.max(baselineBytes, 0), now - startNanos);
        StringBuilder text = new StringBuilder("\r").append(line);
        // Blank out what a longer previous line left behind.
        text.append(" ".repeat(Math.max(0, lastWidth - line.length())));
        out.print(text);
        out.flush();
        lastWidth = line.length();
        lastRenderNanos = now;
        rendered = true;
        stale = false;
    }

    /** One status line: name, percent and sizes, speed over this run, time left. */
    static String line(String fileName, long done, long total, long transferred, long elapsedNanos) {
        StringBuilder line = new StringBuilder(fileName).append("  ");
        if (total >= 0) {
            long percent = total == 0 ? 100 : Math.min(100, done * 100 / total);
            line.append(String.format(Locale.ROOT, "%3d%% ", percent)).append(size(done)).append('/')
                    .append(size(total));
        } else {
            line.append(size(done));
        }
        if (elapsedNanos > 0) {
            double bytesPerSecond = transferred * 1e9 / elapsedNanos;
            line.append("  ").append(size(Math.round(bytesPerSecond))).append("/s");
            if (total >= 0 && done < total && bytesPerSecond > 0) {
                line.append("  ETA ").append(clock(Math.round((total - done) / bytesPerSecond)));
            }
        }
        return line.toString();
    }

    /** Bytes in binary units: "512 B", "1.5 KiB", "195.9 MiB". */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes / 1024.0;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** Seconds as "m:ss", or "h:mm:ss" from an hour on. */
    static String clock(long seconds) {
        long h = seconds / 3600;
        long m = seconds / 60 % 60;
        long s = seconds % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s) : String.format(Locale.ROOT, "%d:%02d", m, s);
    }
}
