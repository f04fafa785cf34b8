package dev.iopaint.core.image;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Reads and writes the PNG chunks that carry metadata: iCCP (zlib-compressed ICC profile), eXIf, and the text
 * chunks tEXt, zTXt and iTXt. Reading is lenient: a damaged chunk ends the walk and keeps what was found.
 */
final class PngContainer {
    /** Caps what a compressed chunk may inflate to; real profiles and prompts are far smaller. */
    static final int MAX_INFLATED = 16 << 20;
    /** The profile name Pillow writes. */
    private static final String ICC_NAME = "ICC Profile";
    private static final int SIGNATURE_LENGTH = 8;
    private static final int IHDR_END = SIGNATURE_LENGTH + 8 + 13 + 4;

    private PngContainer() {
    }

    static ImageMetadata read(byte[] png) {
        byte[] exif = null;
        byte[] icc = null;
        Map<String, String> text = new HashMap<>();
        int off = SIGNATURE_LENGTH;
        try {
            while (off <= png.length - 12) {
                long length = Bytes.u32be(png, off);
                if (length > png.length - off - 12L) {
                    break;
                }
                String type = new String(png, off + 4, 4, StandardCharsets.ISO_8859_1);
                int data = off + 8;
                int end = data + (int) length;
                switch (type) {
                    case "iCCP" -> icc = iccp(png, data, end);
                    case "eXIf" -> exif = java.util.Arrays.copyOfRange(png, data, end);
                    case "tEXt" -> putText(text, tEXt(png, data, end));
                    case "zTXt" -> putText(text, zTXt(png, data, end));
                    case "iTXt" -> putText(text, iTXt(png, data, end));
                    default -> {
                    }
                }
                if (type.equals("IEND")) {
                    break;
                }
                off = end + 4;
            }
        } catch (ImageDataException e) {
            // A damaged chunk ends the walk; the pixels decide whether the file is usable.
        }
        return new ImageMetadata(exif, icc, text);
    }

    /**
     * OpenCV's PNG with iCCP, the "parameters" tEXt (iTXt when it is not Latin-1) and eXIf inserted right after
     * IHDR, where the specification wants them: before the image data.
     */
    static byte[] withMetadata(byte[] png, ImageMetadata metadata, byte[] exif) {
        ByteArrayOutputStream chunks = new ByteArrayOutputStream();
        if (metadata.iccProfile() != null) {
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            data.writeBytes(ICC_NAME.getBytes(StandardCharsets.ISO_8859_1));
            data.write(0);
            data.write(0);
            data.writeBytes(Bytes.deflate(metadata.iccProfile()));
            writeChunk(chunks, "iCCP", data.toByteArray());
        }
        metadata.parameters().ifPresent(parameters -> writeText(chunks, ImageMetadata.PARAMETERS, parameters));
        if (exif != null) {
            writeChunk(chunks, "eXIf", exif);
        }
        if (chunks.size() == 0) {
            return png;
        }
        return Bytes.insert(png, IHDR_END, chunks.toByteArray());
    }

    private static byte[] iccp(byte[] b, int data, int end) {
        int zero = Bytes.indexOfZero(b, data, end);
        if (zero < 0 || zero + 2 > end || b[zero + 1] != 0) {
            return null;
        }
        return Bytes.inflate(b, zero + 2, end - zero - 2, MAX_INFLATED);
    }

    private static String[] tEXt(byte[] b, int data, int end) {
        int zero = Bytes.indexOfZero(b, data, end);
        if (zero < 0) {
            return null;
        }
        return new String[] {latin1(b, data, zero), latin1(b, zero + 1, end)};
    }

    private static String[] zTXt(byte[] b, int data, int end) {
        int zero = Bytes.indexOfZero(b, data, end);
        if (zero < 0 || zero + 2 > end || b[zero + 1] != 0) {
            return null;
        }
        byte[] text = Bytes.inflate(b, zero + 2, end - zero - 2, MAX_INFLATED);
        return text == null ? null : new String[] {latin1(b, data, zero), new String(text, StandardCharsets.ISO_8859_1)};
    }

    /** keyword \0 compressed? method language \0 translated-keyword \0 UTF-8 text. */
    private static String[] iTXt(byte[] b, int data, int end) {
        int keywordEnd = Bytes.indexOfZero(b, data, end);
        if (keywordEnd < 0 || keywordEnd + 3 > end) {
            return null;
        }
        boolean compressed = b[keywordEnd + 1] != 0;
        int languageEnd = Bytes.indexOfZero(b, keywordEnd + 3, end);
        int translatedEnd = languageEnd < 0 ? -1 : Bytes.indexOfZero(b, languageEnd + 1, end);
        if (translatedEnd < 0) {
            return null;
        }
        int textStart = translatedEnd + 1;
        byte[] text = compressed ? Bytes.inflate(b, textStart, end - textStart, MAX_INFLATED)
                : java.util.Arrays.copyOfRange(b, textStart, end);
        return text == null ? null : new String[] {latin1(b, data, keywordEnd), new String(text, StandardCharsets.UTF_8)};
    }

    /** Later chunks win, as in Pillow's {@code info}. */
    private static void putText(Map<String, String> text, String[] entry) {
        if (entry != null && !entry[0].isEmpty()) {
            text.put(entry[0], entry[1]);
        }
    }

    private static String latin1(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }

    /** tEXt when the text is Latin-1, else iTXt in UTF-8: Pillow's choice too. */
    private static void writeText(ByteArrayOutputStream out, String keyword, String text) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes(keyword.getBytes(StandardCharsets.ISO_8859_1));
        data.write(0);
        if (StandardCharsets.ISO_8859_1.newEncoder().canEncode(text)) {
            data.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
            writeChunk(out, "tEXt", data.toByteArray());
        } else {
            data.writeBytes(new byte[] {0, 0, 0, 0}); // uncompressed, method 0, no language, no translation
            data.writeBytes(text.getBytes(StandardCharsets.UTF_8));
            writeChunk(out, "iTXt", data.toByteArray());
        }
    }

    private static void writeChunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.ISO_8859_1);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        Bytes.putU32be(out, data.length);
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        Bytes.putU32be(out, crc.getValue());
    }
}
