package dev.iopaint.core.image;

import dev.iopaint.api.IopaintException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two JPEG encoders, and which one writes answers on this Java runtime. Both write the same bytes at every
 * quality ({@code JpegWriterTest}); only their speed differs, and it depends on how the JDK was built. A JDK
 * linked against the system's libjpeg (libjpeg-turbo with its SIMD code on every current Linux distribution;
 * Debian's, Ubuntu's and Fedora's OpenJDK) wrote a 1920x1080 answer three times as fast as OpenCV's bundled
 * libjpeg-turbo, which runs without SIMD; a JDK that carries IJG's libjpeg 6b inside its own library (Temurin,
 * Oracle, Zulu, Corretto, and every Windows and macOS build) took twice as long as OpenCV. So the JDK's writer
 * is used exactly when its library names the system's {@code libjpeg.so}, a check that reads one file once and
 * needs no timing. The system property {@value #PROPERTY} ({@code opencv}, {@code jdk} or {@code auto})
 * overrides it.
 */
enum JpegEncoder {
    /** {@link OpenCvEncoder}: OpenCV's libjpeg-turbo, after a copy to native memory and RGB to BGR. */
    OPENCV,
    /** {@link JpegWriter}: the JDK's libjpeg, reading the RGB array in place. */
    JDK;

    static final String PROPERTY = "iopaint.jpegEncoder";
    private static final Logger LOG = LoggerFactory.getLogger(JpegEncoder.class);
    /** The dynamic-section name of the system library, as the linker records it in a library that needs it. */
    private static final byte[] SYSTEM_LIBJPEG = "libjpeg.so".getBytes(StandardCharsets.US_ASCII);
    private static volatile JpegEncoder chosen;

    /** The encoder for this runtime, chosen on the first call. */
    static JpegEncoder chosen() {
        JpegEncoder encoder = chosen;
        if (encoder == null) {
            synchronized (JpegEncoder.class) {
                encoder = chosen;
                if (encoder == null) {
                    Path library = Path.of(System.getProperty("java.home"), "lib",
                            System.mapLibraryName("javajpeg"));
                    encoder = choose(System.getProperty(PROPERTY), linksSystemLibjpeg(library));
                    LOG.info("JPEG answers are written by {}", encoder == JDK
                            ? "the JDK's libjpeg (" + library + " uses the system's libjpeg)" : "OpenCV");
                    chosen = encoder;
                }
            }
        }
        return encoder;
    }

    /** The encoder the property names; unset or {@code auto}, the JDK's when it uses the system's libjpeg. */
    static JpegEncoder choose(String property, boolean jdkUsesSystemLibjpeg) {
        String name = property == null ? "auto" : property.strip().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "", "auto" -> jdkUsesSystemLibjpeg ? JDK : OPENCV;
            case "opencv" -> OPENCV;
            case "jdk" -> JDK;
            default -> throw new IopaintException("The system property " + PROPERTY + " is '" + property
                    + "'; set it to opencv, jdk or auto");
        };
    }

    /** True when the native library names the system's libjpeg, i.e. does not carry its own; false if unreadable. */
    static boolean linksSystemLibjpeg(Path library) {
        try {
            return Files.isRegularFile(library) && Bytes.indexOf(Files.readAllBytes(library), SYSTEM_LIBJPEG) >= 0;
        } catch (IOException | SecurityException e) {
            LOG.debug("Could not read {} ({}); JPEG answers are written by OpenCV", library, e.getMessage());
            return false;
        }
    }
}
