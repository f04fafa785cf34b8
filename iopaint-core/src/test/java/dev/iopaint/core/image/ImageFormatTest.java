package dev.iopaint.core.image;

import static dev.iopaint.core.image.TestFiles.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImageFormatTest {
    @Test
    void detects_each_format_from_its_magic_bytes() {
        assertThat(ImageFormat.detect(bytes(0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0))).contains(ImageFormat.PNG);
        assertThat(ImageFormat.detect(bytes(0xFF, 0xD8, 0xFF, 0xE0))).contains(ImageFormat.JPEG);
        assertThat(ImageFormat.detect("RIFF\0\0\0\0WEBPVP8 ".getBytes())).contains(ImageFormat.WEBP);
        assertThat(ImageFormat.detect("BM................".getBytes())).contains(ImageFormat.BMP);
    }

    @Test
    void detects_nothing_in_other_or_too_short_bytes() {
        assertThat(ImageFormat.detect("GIF89a".getBytes())).isEmpty();
        assertThat(ImageFormat.detect("RIFF\0\0\0\0WAVE".getBytes())).isEmpty();
        assertThat(ImageFormat.detect(bytes(0xFF, 0xD8))).isEmpty();
        assertThat(ImageFormat.detect(new byte[0])).isEmpty();
        assertThat(ImageFormat.detect(null)).isEmpty();
    }

    @Test
    void falls_back_to_jpeg_like_iopaint_when_unknown() {
        assertThat(ImageFormat.detectOrJpeg("GIF89a".getBytes())).isEqualTo(ImageFormat.JPEG);
        assertThat(ImageFormat.detectOrJpeg(bytes(0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'))).isEqualTo(ImageFormat.PNG);
    }

    @Test
    void names_extension_mime_type_and_alpha_support() {
        assertThat(ImageFormat.PNG.extension()).isEqualTo("png");
        assertThat(ImageFormat.JPEG.extension()).isEqualTo("jpg");
        assertThat(ImageFormat.JPEG.mimeType()).isEqualTo("image/jpeg");
        assertThat(ImageFormat.WEBP.mimeType()).isEqualTo("image/webp");
        assertThat(ImageFormat.BMP.mimeType()).isEqualTo("image/bmp");
        assertThat(ImageFormat.PNG.supportsAlpha()).isTrue();
        assertThat(ImageFormat.WEBP.supportsAlpha()).isTrue();
        assertThat(ImageFormat.JPEG.supportsAlpha()).isFalse();
    }
}
