package dev.iopaint.core.image;

import dev.iopaint.api.InputTooLargeException;
import dev.iopaint.api.Mask;
import dev.iopaint.api.RgbImage;
import dev.iopaint.api.UnsupportedInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.opencv.core.Core;
import org.opencv.core.CvException;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes uploaded images and encodes answers the way IOPaint does ({@code load_img} / {@code pil_to_bytes}):
 * EXIF orientation applied on the way in, the alpha channel kept aside and re-attached on the way out, EXIF, ICC
 * profile and the PNG "parameters" text carried through. Thread-safe.
 *
 * <p>Pixels are decoded by OpenCV's {@code imdecode} (libpng, libjpeg-turbo, libwebp), not by javax.imageio:
 * these libraries report corrupt data through error callbacks that OpenCV turns into an empty result, they read
 * every PNG colour type and bit depth, grayscale and CMYK JPEG and WebP (ImageIO reads no WebP and its own JPEG
 * reader is native code too), and they are several times faster. What native code could be made to trust is
 * checked here first: the format comes from the magic bytes, the dimensions from our own header parse, and the
 * pixel limit is enforced before {@code imdecode} allocates anything. Metadata is parsed from the container by
 * Java code with bounds checks. {@code ImageCodecFuzzTest} feeds thousands of damaged files through this path.
 *
 * <p>Answers are encoded by OpenCV's {@code imencode} ({@link OpenCvEncoder}), JPEGs by the JDK's libjpeg
 * ({@link JpegWriter}) instead where that is the faster one on this Java runtime ({@link JpegEncoder}): both
 * write the same bytes.
 */
public final class ImageCodec {
    /**
     * The size above which Pillow, and so IOPaint, refuses an image as a decompression bomb
     * ({@code 2 * Image.MAX_IMAGE_PIXELS}).
     */
    public static final long DEFAULT_MAX_PIXELS = 178_956_970L;
    /** The most a Java array of RGB pixels can hold. */
    public static final long MAX_SUPPORTED_PIXELS = (Integer.MAX_VALUE - 8) / 3;

    private static final Logger LOG = LoggerFactory.getLogger(ImageCodec.class);

    static {
        OpenCv.load();
    }

    private final long maxPixels;

    /** A codec that refuses images of more than {@code maxPixels} pixels (width times height). */
    public ImageCodec(long maxPixels) {
        if (maxPixels < 1 || maxPixels > MAX_SUPPORTED_PIXELS) {
            throw new UnsupportedInputException("The pixel limit must be between 1 and " + MAX_SUPPORTED_PIXELS
                    + ", got " + maxPixels);
        }
        this.maxPixels = maxPixels;
    }

    public long maxPixels() {
        return maxPixels;
    }

    /**
     * Decodes a PNG, JPEG, WebP or BMP file into upright RGB pixels, its alpha channel if it has one, and its
     * metadata (with the EXIF orientation reset to 1, since the pixels are already turned).
     *
     * @throws InputTooLargeException    when the header claims more pixels than the limit
     * @throws UnsupportedInputException when the bytes are not a readable image of a supported format
     */
    public DecodedImage decode(byte[] bytes) {
        return decode(bytes, "image");
    }

    /**
     * Decodes a mask as IOPaint does: upright, then to gray like Pillow's {@code convert("L")}, ignoring alpha.
     *
     * @throws InputTooLargeException    when the header claims more pixels than the limit
     * @throws UnsupportedInputException when the bytes are not a readable image of a supported format
     */
    public Mask decodeMask(byte[] bytes) {
        return Luma.of(decode(bytes, "mask").rgb());
    }

    /**
     * Encodes an answer. The alpha channel is re-attached when the format can hold it (PNG, WebP) and dropped
     * otherwise; {@code quality} (1..100, IOPaint's default is 100) applies to JPEG and WebP, PNG is written with a
     * fast compression level. EXIF (orientation reset to 1) and the ICC profile are written into PNG, JPEG and
     * WebP; PNG also gets the "parameters" text. BMP carries no metadata.
     *
     * @param alpha    {@code width * height} bytes, or null for an opaque image
     * @param metadata what to write back, or null for none
     */
    public byte[] encode(RgbImage rgb, byte[] alpha, ImageFormat format, int quality, ImageMetadata metadata) {
        Objects.requireNonNull(rgb, "rgb");
        Objects.requireNonNull(format, "format");
        if (quality < 1 || quality > 100) {
            throw new UnsupportedInputException("The image quality must be between 1 and 100, got " + quality);
        }
        long pixels = (long) rgb.width() * rgb.height();
        if (alpha != null && alpha.length != pixels) {
            throw new UnsupportedInputException("The alpha channel has " + alpha.length + " values but the "
                    + rgb.width() + "x" + rgb.height() + " image needs " + pixels + "; resize it to the image first");
        }
        ImageMetadata meta = metadata == null ? ImageMetadata.NONE : metadata;
        boolean withAlpha = alpha != null && format.supportsAlpha();
        byte[] encoded = encodePixels(rgb, withAlpha ? alpha : null, format, quality);
        byte[] exif = meta.exif() == null ? null : ExifOrientation.reset(meta.exif());
        byte[] result = switch (format) {
            case PNG -> PngContainer.withMetadata(encoded, meta, exif);
            case JPEG -> JpegContainer.withMetadata(encoded, meta, exif);
            case WEBP -> WebpContainer.withMetadata(encoded, meta, exif, rgb.width(), rgb.height(), withAlpha);
            case BMP -> encoded;
        };
        LOG.debug("Encoded a {}x{} image as {} ({} bytes)", rgb.width(), rgb.height(), format, result.length);
        return result;
    }

    private DecodedImage decode(byte[] bytes, String what) {
        try {
            return decodeChecked(bytes, what);
        } catch (ImageDataException | CvException e) {
            String reason = e instanceof CvException ? "OpenCV rejected it (" + firstLine(e.getMessage()) + ")"
                    : e.getMessage();
            LOG.debug("Refused {} bytes as an {}: {}", bytes == null ? 0 : bytes.length, what, reason);
            throw new UnsupportedInputException("The " + what + " could not be decoded: " + reason
                    + "; send a PNG, JPEG or WebP file", e);
        }
    }

    private DecodedImage decodeChecked(byte[] bytes, String what) {
        if (bytes == null || bytes.length == 0) {
            throw new ImageDataException("it is empty");
        }
        ImageFormat format = ImageFormat.detect(bytes)
                .orElseThrow(() -> new ImageDataException(UnknownFormat.describe(bytes)));
        ImageHeader header = ImageHeader.read(format, bytes);
        if (header.pixels() > maxPixels) {
            throw new InputTooLargeException(String.format(Locale.ROOT,
                    "The %s is %dx%d (%d pixels), more than the limit of %d pixels; send a smaller %s or raise the"
                            + " pixel limit (maxPixels) the image codec is created with",
                    what, header.width(), header.height(), header.pixels(), maxPixels, what));
        }
        ImageMetadata metadata = switch (format) {
            case PNG -> PngContainer.read(bytes);
            case JPEG -> JpegContainer.read(bytes);
            case WEBP -> WebpContainer.read(bytes);
            case BMP -> ImageMetadata.NONE;
        };
        int orientation = ExifOrientation.read(metadata.exif());
        List<Mat> mats = new ArrayList<>();
        try (Scratch encoded = Scratch.of(1, bytes.length, CvType.CV_8UC1)) {
            encoded.mat().put(0, 0, bytes);
            Mat raw = track(mats, Imgcodecs.imdecode(encoded.mat(), Imgcodecs.IMREAD_UNCHANGED));
            if (raw.empty()) {
                throw new ImageDataException("the " + format + " data is corrupt or truncated");
            }
            Mat upright = track(mats, ExifOrientation.apply(to8Bit(raw, mats, format), orientation));
            ImageMetadata kept = metadata.exif() == null ? metadata
                    : new ImageMetadata(ExifOrientation.reset(metadata.exif()), metadata.iccProfile(),
                            metadata.pngText());
            return split(upright, format, kept);
        } finally {
            mats.forEach(Mat::release);
        }
    }

    /**
     * 16-bit samples keep their high byte, as Pillow does for 16-bit RGB(A) PNGs: {@code v/256 - 127.5/256} is
     * exact in float and its rounding lands on {@code v >> 8} for every v.
     */
    private static Mat to8Bit(Mat raw, List<Mat> mats, ImageFormat format) {
        int depth = raw.depth();
        if (depth == CvType.CV_8U) {
            return raw;
        }
        if (depth != CvType.CV_16U) {
            throw new ImageDataException("the " + format + " has samples of type " + CvType.typeToString(raw.type())
                    + ", expected 8 or 16 bits");
        }
        Mat eight = track(mats, new Mat());
        raw.convertTo(eight, CvType.CV_8U, 1.0 / 256, -127.5 / 256);
        return eight;
    }

    /**
     * OpenCV's BGR(A) or gray Mat as RGB pixels plus the alpha channel if there is one. The conversions write into
     * pooled buffers, so the only new memory is the Java arrays handed out.
     */
    private static DecodedImage split(Mat mat, ImageFormat format, ImageMetadata metadata) {
        int code = switch (mat.channels()) {
            case 1 -> Imgproc.COLOR_GRAY2RGB;
            case 3 -> Imgproc.COLOR_BGR2RGB;
            case 4 -> Imgproc.COLOR_BGRA2RGB;
            default -> throw new ImageDataException("the " + format + " decoded to " + mat.channels() + " channels");
        };
        RgbImage rgb;
        try (Scratch converted = Scratch.of(mat.rows(), mat.cols(), CvType.CV_8UC3)) {
            Imgproc.cvtColor(mat, converted.mat(), code);
            rgb = Mats.toImage(converted.mat());
        }
        return new DecodedImage(rgb, mat.channels() == 4 ? alphaOf(mat) : null, format, metadata);
    }

    private static byte[] alphaOf(Mat bgra) {
        try (Scratch channel = Scratch.of(bgra.rows(), bgra.cols(), CvType.CV_8UC1)) {
            Core.extractChannel(bgra, channel.mat(), 3);
            byte[] alpha = new byte[bgra.rows() * bgra.cols()];
            channel.mat().get(0, 0, alpha);
            return alpha;
        }
    }

    private static byte[] encodePixels(RgbImage rgb, byte[] alpha, ImageFormat format, int quality) {
        if (format == ImageFormat.JPEG && JpegEncoder.chosen() == JpegEncoder.JDK) {
            return JpegWriter.write(rgb, quality);
        }
        return OpenCvEncoder.encode(rgb, alpha, format, quality);
    }

    private static <M extends Mat> M track(List<Mat> mats, M mat) {
        mats.add(mat);
        return mat;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no details";
        }
        String line = message.strip().lines().findFirst().orElse("no details");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
