package dev.iopaint.core.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class ArrayImageOutputStreamTest {

    @Test
    void grows_past_its_first_guess_and_trims_to_what_was_written() throws IOException {
        ArrayImageOutputStream out = new ArrayImageOutputStream(4);
        byte[] data = new byte[1000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }

        out.write(7);
        out.write(data, 10, 990);

        byte[] written = out.toByteArray();
        assertThat(written).hasSize(991);
        assertThat(written[0]).isEqualTo((byte) 7);
        assertThat(written[1]).isEqualTo((byte) 10);
        assertThat(written[990]).isEqualTo((byte) 999);
        assertThat(out.length()).isEqualTo(991);
    }

    @Test
    void overwrites_after_a_seek_back_without_changing_the_length() throws IOException {
        ArrayImageOutputStream out = new ArrayImageOutputStream(16);
        out.write(new byte[] {1, 2, 3, 4, 5});

        out.seek(1);
        out.write(new byte[] {9, 9});

        assertThat(out.toByteArray()).containsExactly(1, 9, 9, 4, 5);
        assertThat(out.getStreamPosition()).isEqualTo(3);
    }

    @Test
    void reads_back_what_was_written() throws IOException {
        ArrayImageOutputStream out = new ArrayImageOutputStream(16);
        out.write(new byte[] {1, 2, 3});
        out.seek(0);
        byte[] back = new byte[5];

        assertThat(out.read()).isEqualTo(1);
        assertThat(out.read(back, 0, 5)).isEqualTo(2);
        assertThat(out.read()).isEqualTo(-1);
        assertThat(back).startsWith(2, 3);
    }

    @Test
    void writes_pending_bits_before_bytes() throws IOException {
        ArrayImageOutputStream out = new ArrayImageOutputStream(16);

        out.writeBits(0b101, 3);
        out.write(0x42);

        assertThat(out.toByteArray()).containsExactly(0b1010_0000, 0x42);
    }
}
