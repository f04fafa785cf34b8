package dev.iopaint.core.pipeline;

import dev.iopaint.api.Mask;
import dev.iopaint.core.image.Mats;
import dev.iopaint.core.image.OpenCv;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint;
import org.opencv.core.Rect;
import org.opencv.imgproc.Imgproc;

/** The boxes of IOPaint's Crop strategy: one per masked region, widened by a margin. */
public final class CropBoxes {
    /** IOPaint thresholds the mask at this value before looking for regions: above it is masked. */
    private static final int MASK_THRESHOLD = 127;

    static {
        OpenCv.load();
    }

    private CropBoxes() {
    }

    /**
     * IOPaint's {@code boxes_from_mask}: the bounding box of each external contour of the thresholded mask, in
     * the order {@code findContours} returns them (the order decides which window wins where two overlap).
     *
     * @param mask a {@code CV_8UC1} mask
     */
    public static List<Box> fromMask(Mat mask) {
        Mat thresholded = new Mat();
        try {
            return boxes(mask, thresholded);
        } finally {
            thresholded.release();
        }
    }

    /** Thresholds {@code mask} into {@code thresholded} (the same Mat is fine) and boxes its external contours. */
    private static List<Box> boxes(Mat mask, Mat thresholded) {
        List<MatOfPoint> contours = new ArrayList<>();
        Mat hierarchy = new Mat();
        try {
            Imgproc.threshold(mask, thresholded, MASK_THRESHOLD, 255, Imgproc.THRESH_BINARY);
            Imgproc.findContours(thresholded, contours, hierarchy, Imgproc.RETR_EXTERNAL,
                    Imgproc.CHAIN_APPROX_SIMPLE);
            List<Box> boxes = new ArrayList<>(contours.size());
            for (MatOfPoint contour : contours) {
                Rect rect = Imgproc.boundingRect(contour);
                boxes.add(new Box(rect.x, rect.y, rect.x + rect.width, rect.y + rect.height));
            }
            return boxes;
        } finally {
            contours.forEach(Mat::release);
            hierarchy.release();
        }
    }

    /** {@link #fromMask(Mat)} of a mask held in Java; only this call's own copy of it is thresholded. */
    public static List<Box> fromMask(Mask mask) {
        Mat mat = Mats.of(mask);
        try {
            return boxes(mat, mat);
        } finally {
            mat.release();
        }
    }

    /**
     * IOPaint's {@code _crop_box}: a window of the box's size plus {@code margin} on each side, centred on the
     * box's centre (integer halves, as IOPaint). Where the window runs over one edge of the image, it is cut
     * there and extended by the overflow on the opposite side, then clamped to the image again.
     * With a zero margin an odd-sized box loses a row or column, and a one-pixel box gives an empty window.
     */
    public static Box window(Box box, int imageWidth, int imageHeight, int margin) {
        int centreX = (box.left() + box.right()) / 2;
        int centreY = (box.top() + box.bottom()) / 2;
        int width = box.width() + 2 * margin;
        int height = box.height() + 2 * margin;
        int[] horizontal = span(centreX - width / 2, centreX + width / 2, imageWidth);
        int[] vertical = span(centreY - height / 2, centreY + height / 2, imageHeight);
        return new Box(horizontal[0], vertical[0], horizontal[1], vertical[1]);
    }

    /** One axis of {@link #window}: clamp, push the overflow to the other side, clamp again. */
    private static int[] span(int start, int end, int limit) {
        int from = Math.max(start, 0);
        int to = Math.min(end, limit);
        if (start < 0) {
            to -= start;
        }
        if (end > limit) {
            from -= end - limit;
        }
        return new int[] {Math.max(from, 0), Math.min(to, limit)};
    }
}
