package dev.iopaint.core.image;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads and writes the RIFF chunks of a WebP that carry metadata: ICCP and EXIF. Both need the extended format,
 * so writing them adds (or updates) the VP8X chunk and its flags. Reading is lenient.
 */
final class WebpContainer {
    private static final int HEADER = 12;
    private static final int FLAG_ICC = 0x20;
    private static final int FLAG_ALPHA = 0x10;
    private static final int FLAG_EXIF = 0x08;

    private WebpContainer() {
    }

    /** A chunk's payload as a range of the file, copied only where it is kept. */
    private record Chunk(String type, byte[] source, int offset, int size) {
        byte[] copy() {
            return Arrays.copyOfRange(source, offset, offset + size);
        }
    }

    static ImageMetadata read(byte[] webp) {
        byte[] exif = null;
        byte[] icc = null;
        for (Chunk chunk : chunks(webp)) {
            switch (chunk.type()) {
                case "ICCP" -> icc = chunk.copy();
                case "EXIF" -> exif = chunk.copy();
                default -> {
                }
            }
        }
        return new ImageMetadata(exif, icc, null);
    }

    /** OpenCV's WebP rewritten as VP8X, ICCP, the image chunks, EXIF: the order the container spec asks for. */
    static byte[] withMetadata(byte[] webp, ImageMetadata metadata, byte[] exif, int width, int height,
            boolean alpha) {
        byte[] icc = metadata.iccProfile();
        if (icc == null && exif == null) {
            return webp;
        }
        List<Chunk> image = new ArrayList<>();
        int flags = alpha ? FLAG_ALPHA : 0;
        for (Chunk chunk : chunks(webp)) {
            if (chunk.type().equals("VP8X")) {
                flags |= chunk.size() > 0 ? chunk.source()[chunk.offset()] & FLAG_ALPHA : 0;
            } else if (!chunk.type().equals("ICCP") && !chunk.type().equals("EXIF")) {
                image.add(chunk);
            }
        }
        flags |= (icc != null ? FLAG_ICC : 0) | (exif != null ? FLAG_EXIF : 0);
        byte[] vp8x = new byte[10];
        vp8x[0] = (byte) flags;
        putU24le(vp8x, 4, width - 1);
        putU24le(vp8x, 7, height - 1);

        ByteArrayOutputStream out = new ByteArrayOutputStream(webp.length + (icc == null ? 0 : icc.length)
                + (exif == null ? 0 : exif.length) + 64);
        // The RIFF size is patched in once the body is written.
        out.writeBytes("RIFF\0\0\0\0WEBP".getBytes(StandardCharsets.US_ASCII));
        writeChunk(out, "VP8X", vp8x, 0, vp8x.length);
        if (icc != null) {
            writeChunk(out, "ICCP", icc, 0, icc.length);
        }
        image.forEach(chunk -> writeChunk(out, chunk.type(), chunk.source(), chunk.offset(), chunk.size()));
        if (exif != null) {
            writeChunk(out, "EXIF", exif, 0, exif.length);
        }
        byte[] file = out.toByteArray();
        int size = file.length - 8;
        file[4] = (byte) size;
        file[5] = (byte) (size >>> 8);
        file[6] = (byte) (size >>> 16);
        file[7] = (byte) (size >>> 24);
        return file;
    }

    /** The chunks after the RIFF header, stopping quietly at the first one that does not fit. */
    private static List<Chunk> chunks(byte[] webp) {
        List<Chunk> chunks = new ArrayList<>();
        int off = HEADER;
        while (off <= webp.length - 8) {
            String type = new String(webp, off, 4, StandardCharsets.ISO_8859_1);
            long size = Bytes.u32le(webp, off + 4);
            if (size > webp.length - off - 8L) {
                break;
            }
            int data = off + 8;
            chunks.add(new Chunk(type, webp, data, (int) size));
            off = data + (int) size + (int) (size & 1);
        }
        return chunks;
    }

    private static void writeChunk(ByteArrayOutputStream out, String type, byte[] data, int offset, int size) {
        out.writeBytes(type.getBytes(StandardCharsets.US_ASCII));
        Bytes.putU32le(out, size);
        out.write(data, offset, size);
        if ((size & 1) != 0) {
            out.write(0);
        }
    }

    private static void putU24le(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
    }
}
