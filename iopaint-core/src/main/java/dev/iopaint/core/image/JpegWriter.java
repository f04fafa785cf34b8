package dev.iopaint.core.image;

import dev.iopaint.api.IopaintException;
import dev.iopaint.api.RgbImage;
import dev.iopaint.api.UnsupportedInputException;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.plugins.jpeg.JPEGQTable;
import javax.imageio.spi.ImageWriterSpi;
import org.w3c.dom.NodeList;

/**
 * Writes JPEGs with the JDK's libjpeg (javax.imageio) straight from the RGB array: no copy to native memory, no
 * RGB to BGR swap, and its encoder runs several times faster than the libjpeg-turbo inside OpenCV's jar. The
 * output is byte for byte what {@code imencode} (and Pillow, which IOPaint saves with) writes at the same quality:
 * the IJG tables scaled as {@code jpeg_set_quality} scales them (set here explicitly, because ImageIO's own quality
 * scaling is float arithmetic and rounds a few entries differently), 4:2:0 chroma, standard Huffman tables,
 * baseline, and a JFIF 1.01 header. {@code JpegWriterTest} checks this against OpenCV for every quality.
 */
final class JpegWriter {
    private static final String FORMAT = "javax_imageio_jpeg_image_1.0";
    /** libjpeg's limit for a side. */
    static final int MAX_SIDE = 65500;
    private static final ColorModel RGB = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB),
            false, false, Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
    private static final int[] RGB_BANDS = {0, 1, 2};

    private JpegWriter() {
    }

    /** A baseline JFIF JPEG of the image at IJG quality 1..100, without EXIF or ICC segments. */
    static byte[] write(RgbImage image, int quality) {
        if (image.width() > MAX_SIDE || image.height() > MAX_SIDE) {
            throw new UnsupportedInputException("A " + image.width() + "x" + image.height() + " image is too large"
                    + " for JPEG, which allows at most " + MAX_SIDE + " pixels a side; answer as PNG or WebP");
        }
        BufferedImage view = view(image);
        ArrayImageOutputStream out = new ArrayImageOutputStream(expectedSize(image, quality));
        ImageWriter writer = newWriter();
        try {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            writer.write(null, new IIOImage(view, null, metadata(writer, view, param, quality)), param);
            out.close();
        } catch (IOException | RuntimeException e) {
            throw new IopaintException("The JDK's JPEG writer could not encode a " + image.width() + "x"
                    + image.height() + " image: " + e.getMessage(), e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** A first guess at the file's size: about 1.4 bytes a pixel at the top qualities, far less below. */
    private static int expectedSize(RgbImage image, int quality) {
        long pixels = (long) image.width() * image.height();
        return (int) Math.min(Integer.MAX_VALUE - 8, 4096 + pixels * (quality >= 90 ? 3 : 1) / 2);
    }

    /** IJG's {@code jpeg_quality_scaling} and {@code jpeg_add_quant_table} with baseline limits, in integers. */
    static JPEGQTable scaled(JPEGQTable base, int quality) {
        int percent = quality < 50 ? 5000 / quality : 200 - quality * 2;
        int[] table = base.getTable();
        for (int i = 0; i < table.length; i++) {
            table[i] = (int) Math.max(1, Math.min(255, ((long) table[i] * percent + 50) / 100));
        }
        return new JPEGQTable(table);
    }

    /** The pixels as a BufferedImage that shares the array: R, G, B interleaved, which the encoder reads as is. */
    private static BufferedImage view(RgbImage image) {
        DataBufferByte buffer = new DataBufferByte(image.pixels(), image.pixels().length);
        WritableRaster raster = Raster.createInterleavedRaster(buffer, image.width(), image.height(),
                image.width() * 3, 3, RGB_BANDS, null);
        return new BufferedImage(RGB, raster, false, null);
    }

    /** ImageIO's default JFIF metadata with IJG's tables for the quality and libjpeg's JFIF version. */
    private static IIOMetadata metadata(ImageWriter writer, BufferedImage view, ImageWriteParam param, int quality)
            throws IIOInvalidTreeException {
        IIOMetadata metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(view), param);
        IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(FORMAT);
        NodeList tables = root.getElementsByTagName("dqtable");
        for (int i = 0; i < tables.getLength(); i++) {
            IIOMetadataNode table = (IIOMetadataNode) tables.item(i);
            boolean luminance = "0".equals(table.getAttribute("qtableId"));
            table.setUserObject(scaled(luminance ? JPEGQTable.K1Luminance : JPEGQTable.K2Chrominance, quality));
        }
        NodeList jfif = root.getElementsByTagName("app0JFIF");
        if (jfif.getLength() == 1) {
            ((IIOMetadataNode) jfif.item(0)).setAttribute("minorVersion", "1");
        }
        metadata.setFromTree(FORMAT, root);
        return metadata;
    }

    private static ImageWriter newWriter() {
        try {
            return JdkSpi.INSTANCE.createWriterInstance();
        } catch (IOException e) {
            throw new IopaintException("The JDK's JPEG writer could not be created: " + e.getMessage(), e);
        }
    }

    /** The JDK's own writer, looked up once, and not one a plugin on the classpath may have registered first. */
    private static final class JdkSpi {
        static final ImageWriterSpi INSTANCE = find();

        private static ImageWriterSpi find() {
            for (Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("jpeg"); it.hasNext(); ) {
                ImageWriterSpi spi = it.next().getOriginatingProvider();
                if (spi.getClass().getName().startsWith("com.sun.imageio.")) {
                    return spi;
                }
            }
            throw new IopaintException("This Java runtime has no JDK JPEG writer (javax.imageio); run on a JDK"
                    + " that includes the java.desktop module");
        }
    }
}
