package dev.iopaint.core.image;

/**
 * An image's dimensions read from its container header alone, so a size limit can be enforced before a single
 * pixel is decoded (a 100-byte file can claim 10 billion pixels).
 */
record ImageHeader(int width, int height) {
    private static final byte[] IHDR = Bytes.ascii("IHDR");

    long pixels() {
        return (long) width * height;
    }

    static ImageHeader read(ImageFormat format, byte[] bytes) {
        return switch (format) {
            case PNG -> png(bytes);
            case JPEG -> jpeg(bytes);
            case WEBP -> webp(bytes);
            case BMP -> bmp(bytes);
        };
    }

    private static ImageHeader png(byte[] b) {
        if (Bytes.u32be(b, 8) != 13 || !Bytes.matches(b, 12, IHDR)) {
            throw new ImageDataException("the PNG does not start with an IHDR header");
        }
        return of(Bytes.u32be(b, 16), Bytes.u32be(b, 20), "PNG");
    }

    /** Walks the marker segments up to the first frame header (SOFn), which holds the size. */
    private static ImageHeader jpeg(byte[] b) {
        int off = 2;
        while (true) {
            if (Bytes.u8(b, off) != 0xFF) {
                throw new ImageDataException("the JPEG has a broken marker structure");
            }
            while (Bytes.u8(b, off) == 0xFF) {
                off++;
            }
            int marker = Bytes.u8(b, off);
            off++;
            if (marker == 0x01 || marker >= 0xD0 && marker <= 0xD7) {
                continue;
            }
            if (marker == 0xD8 || marker == 0xD9 || marker == 0xDA) {
                throw new ImageDataException("the JPEG has no frame header before its image data");
            }
            int length = Bytes.u16be(b, off);
            if (length < 2) {
                throw new ImageDataException("the JPEG has a segment with an invalid length");
            }
            if (isStartOfFrame(marker)) {
                int height = Bytes.u16be(b, off + 3);
                int width = Bytes.u16be(b, off + 5);
                if (height == 0) {
                    throw new ImageDataException("the JPEG defines its height after the image data (DNL),"
                            + " which is not supported");
                }
                return of(width, height, "JPEG");
            }
            off += length;
        }
    }

    private static boolean isStartOfFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    private static ImageHeader webp(byte[] b) {
        String chunk = new String(b, 12, Math.min(4, Math.max(0, b.length - 12)),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        int data = 20;
        switch (chunk) {
            case "VP8 " -> {
                if (Bytes.u8(b, data + 3) != 0x9D || Bytes.u8(b, data + 4) != 0x01 || Bytes.u8(b, data + 5) != 0x2A) {
                    throw new ImageDataException("the WebP has a broken VP8 frame header");
                }
                return of(Bytes.u16le(b, data + 6) & 0x3FFF, Bytes.u16le(b, data + 8) & 0x3FFF, "WebP");
            }
            case "VP8L" -> {
                if (Bytes.u8(b, data) != 0x2F) {
                    throw new ImageDataException("the WebP has a broken lossless header");
                }
                long bits = Bytes.u32le(b, data + 1);
                return of((bits & 0x3FFF) + 1, (bits >>> 14 & 0x3FFF) + 1, "WebP");
            }
            case "VP8X" -> {
                return of(Bytes.u24le(b, data + 4) + 1L, Bytes.u24le(b, data + 7) + 1L, "WebP");
            }
            default -> throw new ImageDataException("the WebP has no VP8, VP8L or VP8X chunk where one is expected");
        }
    }

    private static ImageHeader bmp(byte[] b) {
        long infoSize = Bytes.u32le(b, 14);
        if (infoSize == 12) {
            return of(Bytes.u16le(b, 18), Bytes.u16le(b, 20), "BMP");
        }
        if (infoSize < 16 || infoSize > 1024) {
            throw new ImageDataException("the BMP has an unknown header size " + infoSize);
        }
        long height = Math.abs((long) Bytes.i32le(b, 22));
        return of(Bytes.i32le(b, 18), height, "BMP");
    }

    private static ImageHeader of(long width, long height, String format) {
        if (width <= 0 || height <= 0 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
            throw new ImageDataException("the " + format + " header gives an impossible size " + width + "x"
                    + height);
        }
        return new ImageHeader((int) width, (int) height);
    }
}
