package dev.iopaint.bench;

import dev.iopaint.api.RgbImage;
import dev.iopaint.core.image.DecodedImage;
import dev.iopaint.core.image.ImageCodec;
import dev.iopaint.core.image.ImageFormat;
import dev.iopaint.core.image.ImageMetadata;
import dev.iopaint.core.image.Mats;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Image decode and encode on our path ({@link ImageCodec}) against OpenCV's plain {@code imdecode}/{@code imencode}
 * with the same codec parameters, and against javax.imageio ({@code ImageIO.read}/{@code ImageIO.write}; it has no
 * WebP, so that pair is left out for WebP and its counters stay 0).
 *
 * <p>Ours decodes with the same {@code imdecode} and adds: the magic-byte format check and our own header parse for
 * the pixel limit, the container walk for EXIF, ICC profile and PNG text, the EXIF orientation (an identity turn
 * here, orientation 1), the alpha check, BGR to RGB and the copy of the pixels onto the Java heap. It encodes
 * with the same {@code imencode}, adding the copy off the heap and RGB to BGR, except JPEG on a JDK linked against
 * the system's libjpeg-turbo (Debian's), where the JDK's writer reads the RGB array in place and writes the same
 * bytes faster; then it resets the orientation in the EXIF block and splices EXIF and ICC (and PNG text) into the
 * container. The baselines stop at a native {@code Mat} or a {@code BufferedImage} in ImageIO's own layout, so the
 * difference is everything that makes the result usable.
 *
 * <p>{@link #decode} and {@link #encode} run every side once per invocation in a rotating order and sum each
 * side's time in {@link DecodeSplit} / {@link EncodeSplit}; compare the sums, not separately measured averages,
 * which drift too much on these machines.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CodecBenchmark {
    /** IOPaint's default answer quality. */
    private static final int QUALITY = 100;
    /** The level {@link ImageCodec} writes PNGs with, so OpenCV's baseline does the same deflate work. */
    private static final int PNG_COMPRESSION = 1;

    @Param({"png", "jpeg", "webp"})
    public String format;

    @Param({"512x512", "1920x1080", "3840x2160"})
    public String size;

    private final ImageCodec codec = new ImageCodec(ImageCodec.DEFAULT_MAX_PIXELS);
    private ImageFormat imageFormat;
    private boolean withImageIo;
    /** The encoded file every decoder reads: a photo-like image with EXIF and an sRGB ICC profile, like a camera's. */
    private byte[] file;
    /** What ours writes back: the decoded pixels and metadata, as the server answers an upload. */
    private DecodedImage decoded;
    /** The same pixels in each baseline's native layout, made once so the baselines time only their encoder. */
    private Mat bgr;
    private MatOfInt openCvParams;
    private BufferedImage buffered;

    @Setup(Level.Trial)
    public void setUp() {
        int width = Images.width(size);
        int height = Images.height(size);
        imageFormat = ImageFormat.valueOf(format.toUpperCase(Locale.ROOT));
        withImageIo = imageFormat != ImageFormat.WEBP;
        // ImageIO otherwise buffers streams through temporary files.
        ImageIO.setUseCache(false);
        RgbImage image = Images.photoLike(width, height);
        ImageMetadata metadata = new ImageMetadata(CodecSamples.exifUpright(),
                ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData(),
                imageFormat == ImageFormat.PNG ? Map.of(ImageMetadata.PARAMETERS, "a benchmark") : Map.of());
        file = codec.encode(image, null, imageFormat, QUALITY, metadata);
        decoded = codec.decode(file);
        bgr = CodecSamples.bgr(image);
        openCvParams = switch (imageFormat) {
            case PNG -> new MatOfInt(Imgcodecs.IMWRITE_PNG_COMPRESSION, PNG_COMPRESSION);
            case JPEG -> new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, QUALITY);
            case WEBP -> new MatOfInt(Imgcodecs.IMWRITE_WEBP_QUALITY, QUALITY);
            case BMP -> throw new IllegalStateException("BMP is not benchmarked");
        };
        checkBaselinesRead(width, height);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        bgr.release();
        openCvParams.release();
    }

    /** Ours, OpenCV and ImageIO decoding the same file, each once, starting with a different one each time. */
    @Benchmark
    public void decode(DecodeSplit split, Blackhole blackhole) {
        int sides = withImageIo ? 3 : 2;
        for (int k = 0; k < sides; k++) {
            int side = (split.first + k) % sides;
            long start = System.nanoTime();
            switch (side) {
                case 0 -> blackhole.consume(codec.decode(file));
                case 1 -> {
                    Mat mat = openCvDecode();
                    blackhole.consume(mat.rows());
                    mat.release();
                }
                default -> blackhole.consume(imageIoRead());
            }
            long nanos = System.nanoTime() - start;
            switch (side) {
                case 0 -> split.oursDecodeNanos += nanos;
                case 1 -> split.opencvDecodeNanos += nanos;
                default -> split.imageioDecodeNanos += nanos;
            }
        }
        split.first = (split.first + 1) % sides;
    }

    /** Ours, OpenCV and ImageIO encoding the same pixels, each once, starting with a different one each time. */
    @Benchmark
    public void encode(EncodeSplit split, Blackhole blackhole) {
        int sides = withImageIo ? 3 : 2;
        for (int k = 0; k < sides; k++) {
            int side = (split.first + k) % sides;
            long start = System.nanoTime();
            switch (side) {
                case 0 -> blackhole.consume(codec.encode(decoded.rgb(), decoded.alpha(), imageFormat, QUALITY,
                        decoded.metadata()));
                case 1 -> blackhole.consume(openCvEncode());
                default -> blackhole.consume(imageIoWrite());
            }
            long nanos = System.nanoTime() - start;
            switch (side) {
                case 0 -> split.oursEncodeNanos += nanos;
                case 1 -> split.opencvEncodeNanos += nanos;
                default -> split.imageioEncodeNanos += nanos;
            }
        }
        split.first = (split.first + 1) % sides;
    }

    /** The summed decode times of {@link #decode}; their ratios are what ours costs over each baseline. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class DecodeSplit {
        public long oursDecodeNanos;
        public long opencvDecodeNanos;
        public long imageioDecodeNanos;
        int first;

        @Setup(Level.Iteration)
        public void reset() {
            oursDecodeNanos = 0;
            opencvDecodeNanos = 0;
            imageioDecodeNanos = 0;
        }
    }

    /** The summed encode times of {@link #encode}. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class EncodeSplit {
        public long oursEncodeNanos;
        public long opencvEncodeNanos;
        public long imageioEncodeNanos;
        int first;

        @Setup(Level.Iteration)
        public void reset() {
            oursEncodeNanos = 0;
            opencvEncodeNanos = 0;
            imageioEncodeNanos = 0;
        }
    }

    /** IMREAD_UNCHANGED as ours reads, so both keep any alpha and neither converts on the native side. */
    private Mat openCvDecode() {
        MatOfByte encoded = new MatOfByte(file);
        try {
            return Imgcodecs.imdecode(encoded, Imgcodecs.IMREAD_UNCHANGED);
        } finally {
            encoded.release();
        }
    }

    private byte[] openCvEncode() {
        MatOfByte out = new MatOfByte();
        try {
            if (!Imgcodecs.imencode("." + imageFormat.extension(), bgr, out, openCvParams)) {
                throw new IllegalStateException("OpenCV could not encode the benchmark image as " + imageFormat);
            }
            return out.toArray();
        } finally {
            out.release();
        }
    }

    private BufferedImage imageIoRead() {
        try {
            return ImageIO.read(new ByteArrayInputStream(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** JPEG at quality 100 like the others; PNG at ImageIO's default compression, which it offers no level for. */
    private byte[] imageIoWrite() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(file.length + 1024);
        ImageWriter writer = ImageIO.getImageWritersByFormatName(imageFormat.extension()).next();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (imageFormat == ImageFormat.JPEG) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(QUALITY / 100f);
            }
            writer.write(null, new IIOImage(buffered, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** Fails the trial early if a baseline cannot read our file, rather than timing an error path. */
    private void checkBaselinesRead(int width, int height) {
        Mat mat = openCvDecode();
        try {
            if (mat.cols() != width || mat.rows() != height) {
                throw new IllegalStateException("OpenCV decoded the " + format + " as " + mat.cols() + "x"
                        + mat.rows() + ", expected " + size);
            }
        } finally {
            mat.release();
        }
        if (withImageIo) {
            buffered = imageIoRead();
            if (buffered == null || buffered.getWidth() != width || buffered.getHeight() != height) {
                throw new IllegalStateException("ImageIO could not read the " + format + " as " + size);
            }
        }
    }

    /** Helpers for the benchmark's inputs, kept here so {@link Images} stays shared and unchanged. */
    static final class CodecSamples {
        private CodecSamples() {
        }

        /** A big-endian TIFF block with one IFD entry, Orientation = 1, as a camera's EXIF starts. */
        static byte[] exifUpright() {
            return new byte[] {
                'M', 'M', 0, 42, 0, 0, 0, 8,
                0, 1,
                0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 1, 0, 0,
                0, 0, 0, 0,
            };
        }

        static Mat bgr(RgbImage image) {
            Mat rgb = Mats.of(image);
            Mat bgr = new Mat(image.height(), image.width(), CvType.CV_8UC3);
            Imgproc.cvtColor(rgb, bgr, Imgproc.COLOR_RGB2BGR);
            rgb.release();
            return bgr;
        }
    }
}
