package dev.iopaint.bench;

import dev.iopaint.api.InpaintRequest;
import dev.iopaint.api.Mask;
import dev.iopaint.core.Iopaint;
import dev.iopaint.core.image.DecodedImage;
import dev.iopaint.core.image.ImageCodec;
import dev.iopaint.core.image.ImageFormat;
import dev.iopaint.core.image.ImageMetadata;
import dev.iopaint.core.image.Mats;
import dev.iopaint.core.image.OpenCv;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.photo.Photo;
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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The whole {@code cv2} erase as the server runs it against bare OpenCV on the same pixels.
 *
 * <p>{@link #wholeCall} (ours): {@code ImageCodec.decode} of the JPEG (magic bytes, header and metadata parse,
 * {@code imdecode}, BGR to RGB, copy into an RgbImage), {@code Iopaint.inpaint} with {@code InpaintRequest.defaults()}
 * (mask binarising; up to 800 px the Original strategy, the whole image; above it the Crop strategy, so OpenCV only
 * sees the windows around the mask's blobs; {@code Photo.inpaint} NS radius 4 on each, the keep-unmasked blend,
 * pasting back into a copy of the image) and {@code ImageCodec.encode} to JPEG at quality 100 with the decoded
 * metadata, as the server answers (by the JDK's libjpeg where the JDK links the system's libjpeg-turbo, as
 * Debian's does, else by {@code imencode}; the same bytes either way).
 *
 * <p>{@link #bareOpenCv} (baseline): {@code Imgcodecs.imdecode} of the same JPEG to BGR, {@code Photo.inpaint}
 * (INPAINT_NS, radius 4) on the whole image with the mask as a ready Mat, {@code Imgcodecs.imencode} to JPEG at
 * quality 100. No colour conversion, no copies to Java arrays, no HD strategy.
 *
 * <p>Neither side decodes the mask: both get it as pixels made once in setup. The ratio wholeNanos / rawNanos of
 * {@link #interleaved} is what a cv2 request costs us relative to the bare OpenCV calls; below 1 means the Crop
 * strategy saves more than our conversions cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class Cv2OverheadBenchmark {
    private static final int RADIUS = 4;
    private static final int ANSWER_QUALITY = 100;
    /** The uploaded photo's own quality: a typical camera or editor export. */
    private static final int UPLOAD_QUALITY = 95;

    @Param({"512x512", "1920x1080", "3840x2160"})
    public String size;

    /** Percent of the pixels the mask covers. */
    @Param({"2", "10", "30"})
    public int coverage;

    private Path modelDir;
    private Iopaint iopaint;
    private final ImageCodec codec = new ImageCodec(ImageCodec.DEFAULT_MAX_PIXELS);
    private final InpaintRequest request = InpaintRequest.defaults();
    private byte[] jpeg;
    private Mask mask;
    private Mat maskMat;
    private MatOfInt jpegParams;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        OpenCv.load();
        int width = Images.width(size);
        int height = Images.height(size);
        modelDir = Files.createTempDirectory("iopaint-bench");
        iopaint = Iopaint.builder().modelDir(modelDir).model("cv2").build();
        jpeg = codec.encode(Images.photoLike(width, height), null, ImageFormat.JPEG, UPLOAD_QUALITY,
                ImageMetadata.NONE);
        mask = MaskBlobs.covering(width, height, coverage / 100.0);
        maskMat = Mats.of(mask);
        jpegParams = new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, ANSWER_QUALITY);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        iopaint.close();
        maskMat.release();
        jpegParams.release();
        Folders.deleteTree(modelDir);
    }

    /** Ours: decode, pipeline with the cv2 model, encode, as the server's inpaint route does. */
    @Benchmark
    public byte[] wholeCall() {
        DecodedImage image = codec.decode(jpeg);
        return codec.encode(iopaint.inpaint(image.rgb(), mask, request), image.alpha(), image.format(),
                ANSWER_QUALITY, image.metadata());
    }

    /** Baseline: imdecode, Photo.inpaint on the whole image, imencode, all on OpenCV's own BGR Mats. */
    @Benchmark
    public byte[] bareOpenCv() {
        MatOfByte encoded = new MatOfByte(jpeg);
        Mat image = Imgcodecs.imdecode(encoded, Imgcodecs.IMREAD_COLOR);
        Mat result = new Mat();
        MatOfByte answer = new MatOfByte();
        try {
            Photo.inpaint(image, maskMat, result, RADIUS, Photo.INPAINT_NS);
            Imgcodecs.imencode(".jpg", result, answer, jpegParams);
            return answer.toArray();
        } finally {
            encoded.release();
            image.release();
            result.release();
            answer.release();
        }
    }

    /**
     * Both, one after the other in alternating order, with the time of each summed separately: on a noisy machine
     * the ratio of the two sums is steadier than the ratio of two separately measured averages.
     */
    @Benchmark
    public Object[] interleaved(PairedTimes times) {
        return times.run(this::wholeCall, this::bareOpenCv);
    }

}
