package dev.iopaint.core.download;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class TerminalProgressBarTest {
    static final long MIB = 1024 * 1024;
    static final long MS = 1_000_000;

    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    final AtomicLong now = new AtomicLong(5_000 * MS);
    final TerminalProgressBar bar = new TerminalProgressBar(out, now::get);

    String printed() {
        String text = bytes.toString(StandardCharsets.UTF_8);
        bytes.reset();
        return text;
    }

    void at(long millis) {
        now.set(5_000 * MS + millis * MS);
    }

    @Test
    void sizes_read_in_binary_units() {
        assertThat(TerminalProgressBar.size(0)).isEqualTo("0 B");
        assertThat(TerminalProgressBar.size(1023)).isEqualTo("1023 B");
        assertThat(TerminalProgressBar.size(1536)).isEqualTo("1.5 KiB");
        assertThat(TerminalProgressBar.size(205_452_395)).isEqualTo("195.9 MiB");
        assertThat(TerminalProgressBar.size(2L * 1024 * MIB)).isEqualTo("2.0 GiB");
    }

    @Test
    void times_left_read_as_a_clock() {
        assertThat(TerminalProgressBar.clock(5)).isEqualTo("0:05");
        assertThat(TerminalProgressBar.clock(65)).isEqualTo("1:05");
        assertThat(TerminalProgressBar.clock(3661)).isEqualTo("1:01:01");
    }

    @Test
    void shows_percent_sizes_speed_and_time_left_at_most_every_200_ms() {
        bar.started("big-lama.pt", 200 * MIB);
        bar.progressed("big-lama.pt", 0, 200 * MIB);
        assertThat(printed()).isEqualTo("\rbig-lama.pt    0% 0 B/200.0 MiB");

        at(1_000);
        bar.progressed("big-lama.pt", 10 * MIB, 200 * MIB);
        String withEta = "big-lama.pt    5% 10.0 MiB/200.0 MiB  10.0 MiB/s  ETA 0:19";
        assertThat(printed()).isEqualTo("\r" + withEta);

        at(1_150);
        bar.progressed("big-lama.pt", 11 * MIB, 200 * MIB);
        assertThat(printed()).isEmpty();

        at(2_000);
        bar.progressed("big-lama.pt", 200 * MIB, 200 * MIB);
        String done = "big-lama.pt  100% 200.0 MiB/200.0 MiB  100.0 MiB/s";
        assertThat(printed()).isEqualTo("\r" + done + " ".repeat(withEta.length() - done.length()));

        bar.finished("big-lama.pt");
        assertThat(printed()).isEqualTo(System.lineSeparator());
    }

    @Test
    void finishing_shows_the_last_progress_that_was_held_back() {
        bar.started("erika.jit", -1);
        bar.progressed("erika.jit", 0, -1);
        printed();

        at(100);
        bar.progressed("erika.jit", 2 * MIB, -1);
        assertThat(printed()).isEmpty();

        bar.finished("erika.jit");
        assertThat(printed()).isEqualTo("\rerika.jit  2.0 MiB  20.0 MiB/s" + System.lineSeparator());
    }

    @Test
    void speed_counts_only_this_runs_bytes_not_a_resumed_part() {
        bar.started("big-lama.pt", 100 * MIB);
        bar.progressed("big-lama.pt", 60 * MIB, 100 * MIB);
        assertThat(printed()).isEqualTo("\rbig-lama.pt   60% 60.0 MiB/100.0 MiB");

        at(2_000);
        bar.progressed("big-lama.pt", 80 * MIB, 100 * MIB);
        assertThat(printed()).isEqualTo("\rbig-lama.pt   80% 80.0 MiB/100.0 MiB  10.0 MiB/s  ETA 0:02");
    }

    @Test
    void a_shorter_line_blanks_out_what_the_longer_one_left() {
        bar.started("a.pt", 10 * MIB);
        bar.progressed("a.pt", 0, 10 * MIB);
        at(1_000);
        bar.progressed("a.pt", 5 * MIB, 10 * MIB);
        String longer = "a.pt   50% 5.0 MiB/10.0 MiB  5.0 MiB/s  ETA 0:01";
        printed();

        // The server ignored a resume: the count starts again from zero, so the line gets shorter.
        at(1_300);
        bar.progressed("a.pt", 0, 10 * MIB);
        String shorter = "a.pt    0% 0 B/10.0 MiB  0 B/s";
        assertThat(printed()).isEqualTo("\r" + shorter + " ".repeat(longer.length() - shorter.length()));
    }
}
