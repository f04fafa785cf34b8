package dev.iopaint.core.image;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes the JPEG segments that carry metadata: APP1 "Exif" and APP2 "ICC_PROFILE" (a profile larger
 * than one segment is split over several, numbered 1..n). Reading is lenient and stops at the first scan.
 */
final class JpegContainer {
    private static final Logger LOG = LoggerFactory.getLogger(JpegContainer.class);
    private static final int APP0 = 0xE0;
    private static final int APP1 = 0xE1;
    private static final int APP2 = 0xE2;
    private static final byte[] EXIF_ID = {'E', 'x', 'i', 'f', 0, 0};
    private static final byte[] ICC_ID = {'I', 'C', 'C', '_', 'P', 'R', 'O', 'F', 'I', 'L', 'E', 0};
    /** A segment's length field counts itself, so a segment holds at most 65533 bytes of payload. */
    private static final int MAX_PAYLOAD = 0xFFFF - 2;
    private static final int ICC_CHUNK = MAX_PAYLOAD - ICC_ID.length - 2;

    private JpegContainer() {
    }

    static ImageMetadata read(byte[] jpeg) {
        byte[] exif = null;
        TreeMap<Integer, byte[]> iccParts = new TreeMap<>();
        int iccCount = -1;
        boolean iccBroken = false;
        int off = 2;
        try {
            while (true) {
                if (Bytes.u8(jpeg, off) != 0xFF) {
                    break;
                }
                while (Bytes.u8(jpeg, off) == 0xFF) {
                    off++;
                }
                int marker = Bytes.u8(jpeg, off++);
                if (marker == 0x01 || marker >= 0xD0 && marker <= 0xD7) {
                    continue;
                }
                if (marker == 0xD9 || marker == 0xDA) {
                    break;
                }
                int length = Bytes.u16be(jpeg, off);
                if (length < 2 || length > jpeg.length - off) {
                    break;
                }
                int data = off + 2;
                int end = off + length;
                if (marker == APP1 && exif == null && Bytes.matches(jpeg, data, EXIF_ID)) {
                    exif = Arrays.copyOfRange(jpeg, data + EXIF_ID.length, end);
                } else if (marker == APP2 && Bytes.matches(jpeg, data, ICC_ID) && end - data >= ICC_ID.length + 2) {
                    int sequence = jpeg[data + ICC_ID.length] & 0xFF;
                    int count = jpeg[data + ICC_ID.length + 1] & 0xFF;
                    iccBroken |= iccCount >= 0 && count != iccCount
                            || iccParts.put(sequence, Arrays.copyOfRange(jpeg, data + ICC_ID.length + 2, end)) != null;
                    iccCount = count;
                }
                off = end;
            }
        } catch (ImageDataException e) {
            // A damaged segment ends the walk; the pixels decide whether the file is usable.
        }
        return new ImageMetadata(exif, iccBroken ? null : joinIcc(iccParts, iccCount), null);
    }

    /** A profile counts only when parts 1..n are all there, as Pillow requires. */
    private static byte[] joinIcc(TreeMap<Integer, byte[]> parts, int count) {
        if (parts.isEmpty() || parts.size() != count || parts.firstKey() != 1 || parts.lastKey() != count) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.values().forEach(out::writeBytes);
        return out.toByteArray();
    }

    /** An encoded JPEG with APP1 Exif and APP2 ICC segments inserted after SOI and the JFIF APP0 segment. */
    static byte[] withMetadata(byte[] jpeg, ImageMetadata metadata, byte[] exif) {
        ByteArrayOutputStream segments = new ByteArrayOutputStream();
        if (exif != null) {
            if (exif.length + EXIF_ID.length > MAX_PAYLOAD) {
                LOG.warn("The EXIF block ({} bytes) does not fit into a JPEG segment; it is left out", exif.length);
            } else {
                writeSegment(segments, APP1, EXIF_ID, exif, 0, exif.length);
            }
        }
        byte[] icc = metadata.iccProfile();
        if (icc != null) {
            int count = (icc.length + ICC_CHUNK - 1) / ICC_CHUNK;
            if (count > 255) {
                LOG.warn("The ICC profile ({} bytes) is too large for JPEG; it is left out", icc.length);
            } else {
                for (int i = 0; i < count; i++) {
                    int from = i * ICC_CHUNK;
                    byte[] id = Arrays.copyOf(ICC_ID, ICC_ID.length + 2);
                    id[ICC_ID.length] = (byte) (i + 1);
                    id[ICC_ID.length + 1] = (byte) count;
                    writeSegment(segments, APP2, id, icc, from, Math.min(ICC_CHUNK, icc.length - from));
                }
            }
        }
        if (segments.size() == 0) {
            return jpeg;
        }
        int insertAt = 2;
        if (Bytes.u8(jpeg, 2) == 0xFF && Bytes.u8(jpeg, 3) == APP0) {
            insertAt = 4 + Bytes.u16be(jpeg, 4);
        }
        return Bytes.insert(jpeg, insertAt, segments.toByteArray());
    }

    private static void writeSegment(ByteArrayOutputStream out, int marker, byte[] id, byte[] data, int from, int n) {
        out.write(0xFF);
        out.write(marker);
        Bytes.putU16be(out, 2 + id.length + n);
        out.writeBytes(id);
        out.write(data, from, n);
    }
}
