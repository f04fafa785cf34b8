package dev.iopaint.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.iopaint.api.InpaintRequest;
import dev.iopaint.api.InputTooLargeException;
import dev.iopaint.api.Mask;
import dev.iopaint.api.ModelInfo;
import dev.iopaint.api.PadRules;
import dev.iopaint.api.RgbImage;
import dev.iopaint.api.UnsupportedInputException;
import dev.iopaint.api.spi.InpaintModel;
import dev.iopaint.core.pipeline.InpaintPipeline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Damaged files must be refused with the API's exception, or decode and then go through the pipeline and the
 * encoder like any image: never another exception, never a JVM crash
 * (which fails the whole test run), never a hang (each batch has a hard deadline).
 */
class ImageCodecFuzzTest {
    private static final int VARIANTS_PER_SEED = 400;
    private static final int BATCH = 400;
    private static final Duration BATCH_DEADLINE = Duration.ofSeconds(10);

    private final ImageCodec codec = new ImageCodec(1 << 20);
    private final InpaintPipeline pipeline = new InpaintPipeline();

    /** A model that repaints nothing, so every decodable variant goes through the whole pipeline quickly. */
    private static final InpaintModel IDENTITY = new InpaintModel() {
        @Override
        public ModelInfo info() {
            return ModelInfo.erase("identity");
        }

        @Override
        public PadRules padRules() {
            return PadRules.modulo(8);
        }

        @Override
        public RgbImage forward(RgbImage image, Mask mask, InpaintRequest request) {
            return image;
        }

        @Override
        public void close() {
        }
    };

    @Test
    void every_damaged_file_is_refused_cleanly_or_decoded_inpainted_and_encoded_again() {
        Random random = new Random(20240611L);
        List<byte[]> variants = new ArrayList<>();
        for (byte[] seed : seeds(random)) {
            for (int i = 0; i < VARIANTS_PER_SEED; i++) {
                variants.add(mutate(seed, random));
            }
        }
        int[] outcomes = new int[3];
        for (int from = 0; from < variants.size(); from += BATCH) {
            List<byte[]> batch = variants.subList(from, Math.min(variants.size(), from + BATCH));
            int first = from;
            assertTimeoutPreemptively(BATCH_DEADLINE, () -> {
                for (int i = 0; i < batch.size(); i++) {
                    outcomes[decode(batch.get(i), first + i)]++;
                }
            }, () -> "batch starting at variant " + first + " did not finish in " + BATCH_DEADLINE);
        }

        assertThat(outcomes[0] + outcomes[1] + outcomes[2]).isEqualTo(variants.size()).isGreaterThanOrEqualTo(3000);
        assertThat(outcomes[0]).as("decoded").isPositive();
        assertThat(outcomes[1]).as("refused").isPositive();
    }

    /** 0 decoded, 1 refused as unreadable, 2 refused as too large; anything else fails the test. */
    private int decode(byte[] file, int index) {
        try {
            DecodedImage image = codec.decode(file);
            assertThat(image.rgb().pixels()).hasSize(image.width() * image.height() * 3);
            Mask mask = codec.decodeMask(file).binarized(127);
            RgbImage result = pipeline.run(IDENTITY, image.rgb(), mask, InpaintRequest.defaults());
            byte[] encoded = codec.encode(result, image.alpha(), image.format(), 90, image.metadata());
            assertThat(codec.decode(encoded).width()).isEqualTo(image.width());
            return 0;
        } catch (InputTooLargeException e) {
            return 2;
        } catch (UnsupportedInputException e) {
            assertThat(e.getMessage()).as("variant %d", index).startsWith("The image could not be decoded: ")
                    .endsWith("; send a PNG, JPEG or WebP file").doesNotContain("\n");
            return 1;
        } catch (RuntimeException e) {
            throw new AssertionError("variant " + index + " (" + file.length + " bytes) raised " + e, e);
        }
    }

    private static byte[] mutate(byte[] seed, Random random) {
        byte[] b = seed.clone();
        switch (random.nextInt(4)) {
            case 0 -> b = Arrays.copyOf(b, random.nextInt(b.length));
            case 1 -> {
                int flips = 1 + random.nextInt(8);
                for (int i = 0; i < flips; i++) {
                    int at = position(b.length, random);
                    b[at] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 2 -> {
                int at = position(b.length, random);
                int run = Math.min(b.length - at, 1 + random.nextInt(32));
                for (int i = 0; i < run; i++) {
                    b[at + i] = (byte) random.nextInt(256);
                }
            }
            default -> {
                int at = position(b.length, random);
                b[at] = (byte) (random.nextBoolean() ? 0xFF : 0x00);
                b = Arrays.copyOf(b, at + 1 + random.nextInt(b.length - at));
            }
        }
        return b;
    }

    /** Half of the damage lands in the first 64 bytes, where the headers the codec parses itself live. */
    private static int position(int length, Random random) {
        return random.nextBoolean() ? random.nextInt(Math.min(64, length)) : random.nextInt(length);
    }

    private List<byte[]> seeds(Random random) {
        RgbImage noise = noise(24, 16, random);
        byte[] alpha = new byte[24 * 16];
        random.nextBytes(alpha);
        ImageMetadata metadata = new ImageMetadata(TestFiles.exif(6, true),
                java.awt.color.ICC_Profile.getInstance(java.awt.color.ColorSpace.CS_sRGB).getData(),
                java.util.Map.of("parameters", "a prompt"));
        byte[] gray = new byte[24 * 16];
        random.nextBytes(gray);
        byte[] gray16 = new byte[16 * 8 * 2];
        random.nextBytes(gray16);
        byte[] indices = new byte[16 * 8];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = (byte) random.nextInt(3);
        }
        byte[] plte = TestFiles.chunk("PLTE", TestFiles.bytes(255, 0, 0, 0, 255, 0, 0, 0, 255));
        byte[] trns = TestFiles.chunk("tRNS", TestFiles.bytes(0, 128));
        return List.of(
                codec.encode(noise, null, ImageFormat.PNG, 100, null),
                codec.encode(noise, alpha, ImageFormat.PNG, 100, metadata),
                TestFiles.png(16, 8, TestFiles.GRAY, 16, gray16),
                TestFiles.png(16, 8, TestFiles.PALETTE, 8, indices, plte, trns),
                TestFiles.png(12, 16, TestFiles.GRAY_ALPHA, 8, gray,
                        TestFiles.zTxtChunk("parameters", "words"), TestFiles.exifChunk(TestFiles.exif(3, false))),
                codec.encode(noise, null, ImageFormat.JPEG, 90, metadata),
                TestFiles.jpeg(24, 16, noise.pixels(), false, 0.8f),
                TestFiles.jpeg(24, 16, gray, true, 0.8f),
                progressiveJpeg(noise),
                codec.encode(noise, alpha, ImageFormat.WEBP, 80, metadata),
                codec.encode(noise, null, ImageFormat.BMP, 100, null));
    }

    private static byte[] progressiveJpeg(RgbImage image) {
        Mat mat = Mats.of(image);
        MatOfByte out = new MatOfByte();
        MatOfInt params = new MatOfInt(Imgcodecs.IMWRITE_JPEG_PROGRESSIVE, 1, Imgcodecs.IMWRITE_JPEG_QUALITY, 85);
        try {
            Imgcodecs.imencode(".jpg", mat, out, params);
            return out.toArray();
        } finally {
            mat.release();
            out.release();
            params.release();
        }
    }

    private static RgbImage noise(int width, int height, Random random) {
        byte[] pixels = new byte[width * height * 3];
        random.nextBytes(pixels);
        return new RgbImage(width, height, pixels);
    }
}
