package dev.iopaint.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iopaint.api.IopaintException;
import dev.iopaint.api.RgbImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JpegEncoderTest {

    @Test
    void the_property_names_the_encoder_whatever_the_jdk_links() {
        assertThat(JpegEncoder.choose("opencv", true)).isEqualTo(JpegEncoder.OPENCV);
        assertThat(JpegEncoder.choose(" JDK ", false)).isEqualTo(JpegEncoder.JDK);
    }

    @Test
    void unset_or_auto_takes_the_jdk_writer_only_over_the_system_libjpeg() {
        assertThat(JpegEncoder.choose(null, true)).isEqualTo(JpegEncoder.JDK);
        assertThat(JpegEncoder.choose("auto", false)).isEqualTo(JpegEncoder.OPENCV);
        assertThat(JpegEncoder.choose("", false)).isEqualTo(JpegEncoder.OPENCV);
    }

    @Test
    void refuses_an_unknown_encoder_name() {
        assertThatThrownBy(() -> JpegEncoder.choose("turbo", true))
                .isInstanceOf(IopaintException.class)
                .hasMessageContaining("iopaint.jpegEncoder").hasMessageContaining("opencv, jdk or auto");
    }

    @Test
    void finds_the_system_libjpeg_among_a_library_s_needed_names(@TempDir Path dir) throws IOException {
        Path linked = dir.resolve("linked.so");
        Files.write(linked, TestFiles.concat(new byte[] {0x7F, 'E', 'L', 'F', 0},
                "libc.so.6\0libjpeg.so.62\0LIBJPEG_6.2".getBytes(StandardCharsets.US_ASCII)));
        Path bundled = dir.resolve("bundled.so");
        Files.write(bundled, "jpeg_CreateCompress\0Copyright (C) 1998, Thomas G. Lane"
                .getBytes(StandardCharsets.US_ASCII));

        assertThat(JpegEncoder.linksSystemLibjpeg(linked)).isTrue();
        assertThat(JpegEncoder.linksSystemLibjpeg(bundled)).isFalse();
        assertThat(JpegEncoder.linksSystemLibjpeg(dir.resolve("missing.so"))).isFalse();
    }

    @Test
    void the_codec_writes_the_same_jpeg_whichever_encoder_it_picked() {
        byte[] pixels = new byte[45 * 31 * 3];
        new Random(8).nextBytes(pixels);
        RgbImage image = new RgbImage(45, 31, pixels);
        byte[] jdk = JpegWriter.write(image, 88);

        assertThat(OpenCvEncoder.encode(image, null, ImageFormat.JPEG, 88)).isEqualTo(jdk);
        assertThat(new ImageCodec(ImageCodec.DEFAULT_MAX_PIXELS).encode(image, null, ImageFormat.JPEG, 88, null))
                .isEqualTo(jdk);
    }
}
