package dev.iopaint.core.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Builds image files byte by byte for the tests, independently of the codec under test. */
final class TestFiles {
    static final int GRAY = 0;
    static final int RGB = 2;
    static final int PALETTE = 3;
    static final int GRAY_ALPHA = 4;
    static final int RGBA = 6;

    private TestFiles() {
    }

    /** A PNG with unfiltered rows of {@code samples} (big-endian for 16-bit), plus chunks placed before IDAT. */
    static byte[] png(int width, int height, int colorType, int bitDepth, byte[] samples, byte[]... chunks) {
        int rowBytes = samples.length / height;
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        for (int y = 0; y < height; y++) {
            raw.write(0);
            raw.write(samples, y * rowBytes, rowBytes);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        byte[] ihdr = new byte[13];
        putU32(ihdr, 0, width);
        putU32(ihdr, 4, height);
        ihdr[8] = (byte) bitDepth;
        ihdr[9] = (byte) colorType;
        out.writeBytes(chunk("IHDR", ihdr));
        for (byte[] c : chunks) {
            out.writeBytes(c);
        }
        out.writeBytes(chunk("IDAT", deflate(raw.toByteArray())));
        out.writeBytes(chunk("IEND", new byte[0]));
        return out.toByteArray();
    }

    /** Only a signature and an IHDR claiming the given size: no pixel data at all. */
    static byte[] pngHeaderOnly(long width, long height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        byte[] ihdr = new byte[13];
        putU32(ihdr, 0, width);
        putU32(ihdr, 4, height);
        ihdr[8] = 8;
        ihdr[9] = RGB;
        out.writeBytes(chunk("IHDR", ihdr));
        return out.toByteArray();
    }

    static byte[] chunk(String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.ISO_8859_1);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        byte[] out = new byte[12 + data.length];
        putU32(out, 0, data.length);
        System.arraycopy(t, 0, out, 4, 4);
        System.arraycopy(data, 0, out, 8, data.length);
        putU32(out, 8 + data.length, crc.getValue());
        return out;
    }

    static byte[] textChunk(String keyword, String text) {
        return chunk("tEXt", concat(keyword.getBytes(StandardCharsets.ISO_8859_1), new byte[] {0},
                text.getBytes(StandardCharsets.ISO_8859_1)));
    }

    static byte[] zTxtChunk(String keyword, String text) {
        return chunk("zTXt", concat(keyword.getBytes(StandardCharsets.ISO_8859_1), new byte[] {0, 0},
                deflate(text.getBytes(StandardCharsets.ISO_8859_1))));
    }

    static byte[] exifChunk(byte[] tiff) {
        return chunk("eXIf", tiff);
    }

    /**
     * A minimal EXIF block: IFD0 with Orientation (SHORT) and Make (ASCII "TestCam"), in either byte order.
     */
    static byte[] exif(int orientation, boolean littleEndian) {
        byte[] make = "TestCam\0".getBytes(StandardCharsets.US_ASCII);
        int ifd = 8;
        int makeOffset = ifd + 2 + 2 * 12 + 4;
        byte[] b = new byte[makeOffset + make.length];
        b[0] = b[1] = (byte) (littleEndian ? 'I' : 'M');
        put16(b, 2, 42, littleEndian);
        put32(b, 4, ifd, littleEndian);
        put16(b, ifd, 2, littleEndian);
        int e = ifd + 2;
        put16(b, e, 0x010F, littleEndian);
        put16(b, e + 2, 2, littleEndian);
        put32(b, e + 4, make.length, littleEndian);
        put32(b, e + 8, makeOffset, littleEndian);
        e += 12;
        put16(b, e, 0x0112, littleEndian);
        put16(b, e + 2, 3, littleEndian);
        put32(b, e + 4, 1, littleEndian);
        put16(b, e + 8, orientation, littleEndian);
        System.arraycopy(make, 0, b, makeOffset, make.length);
        return b;
    }

    /** The JPEG with an APP1 Exif segment inserted right after SOI. */
    static byte[] withExifSegment(byte[] jpeg, byte[] tiff) {
        byte[] payload = concat("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), tiff);
        byte[] segment = new byte[4 + payload.length];
        segment[0] = (byte) 0xFF;
        segment[1] = (byte) 0xE1;
        segment[2] = (byte) ((payload.length + 2) >> 8);
        segment[3] = (byte) (payload.length + 2);
        System.arraycopy(payload, 0, segment, 4, payload.length);
        return concat(java.util.Arrays.copyOf(jpeg, 2), segment, java.util.Arrays.copyOfRange(jpeg, 2, jpeg.length));
    }

    /** A JPEG written by the JDK's own encoder from interleaved RGB (or gray when {@code gray}). */
    static byte[] jpeg(int width, int height, byte[] pixels, boolean gray, float quality) {
        BufferedImage image = new BufferedImage(width, height,
                gray ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (gray) {
                    image.getRaster().setSample(x, y, 0, pixels[y * width + x] & 0xFF);
                } else {
                    int i = (y * width + x) * 3;
                    image.setRGB(x, y, (pixels[i] & 0xFF) << 16 | (pixels[i + 1] & 0xFF) << 8 | pixels[i + 2] & 0xFF);
                }
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater();
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    private static void putU32(byte[] b, int off, long v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    private static void put16(byte[] b, int off, int v, boolean le) {
        b[off + (le ? 0 : 1)] = (byte) v;
        b[off + (le ? 1 : 0)] = (byte) (v >>> 8);
    }

    private static void put32(byte[] b, int off, long v, boolean le) {
        for (int i = 0; i < 4; i++) {
            b[off + (le ? i : 3 - i)] = (byte) (v >>> (8 * i));
        }
    }
}
