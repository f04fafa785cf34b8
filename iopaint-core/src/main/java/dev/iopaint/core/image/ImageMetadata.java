package dev.iopaint.core.image;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * What IOPaint carries from the input file to the answer: EXIF, the ICC colour profile and PNG text chunks.
 *
 * @param exif       the EXIF block as a TIFF structure (starting with {@code II*\0} or {@code MM\0*}); an
 *                   {@code Exif\0\0} prefix, as JPEG stores it, is stripped. Null when there is none.
 * @param iccProfile the raw ICC profile, null when there is none
 * @param pngText    PNG text chunks (tEXt, zTXt, iTXt) by keyword; empty for other formats. Only "parameters"
 *                   (the generation settings A1111-style tools write) is written back, as IOPaint does.
 */
public record ImageMetadata(byte[] exif, byte[] iccProfile, Map<String, String> pngText) {
    public static final ImageMetadata NONE = new ImageMetadata(null, null, Map.of());

    /** The PNG text keyword IOPaint writes back and reads prompts from. */
    public static final String PARAMETERS = "parameters";

    private static final byte[] EXIF_PREFIX = {'E', 'x', 'i', 'f', 0, 0};

    public ImageMetadata {
        exif = exif == null || exif.length == 0 ? null : withoutExifPrefix(exif);
        iccProfile = iccProfile == null || iccProfile.length == 0 ? null : iccProfile;
        pngText = pngText == null ? Map.of() : Map.copyOf(pngText);
    }

    /** The "parameters" text (prompt and settings), if the PNG had one. */
    public Optional<String> parameters() {
        return Optional.ofNullable(pngText.get(PARAMETERS));
    }

    public boolean isEmpty() {
        return exif == null && iccProfile == null && pngText.isEmpty();
    }

    private static byte[] withoutExifPrefix(byte[] exif) {
        return Bytes.matches(exif, 0, EXIF_PREFIX) ? Arrays.copyOfRange(exif, EXIF_PREFIX.length, exif.length) : exif;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ImageMetadata that && Arrays.equals(exif, that.exif)
                && Arrays.equals(iccProfile, that.iccProfile) && pngText.equals(that.pngText);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(exif) + Arrays.hashCode(iccProfile)) + pngText.hashCode();
    }

    @Override
    public String toString() {
        return "ImageMetadata[exif=" + (exif == null ? "none" : exif.length + " bytes") + ", icc="
                + (iccProfile == null ? "none" : iccProfile.length + " bytes") + ", pngText=" + pngText.keySet() + "]";
    }
}
