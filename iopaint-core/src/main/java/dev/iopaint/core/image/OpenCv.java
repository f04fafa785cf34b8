package dev.iopaint.core.image;

import dev.iopaint.api.IopaintException;

/** Loads OpenCV's native library once, from the jar on the classpath; never from the network. */
public final class OpenCv {
    private static volatile boolean loaded;

    private OpenCv() {
    }

    /** Makes OpenCV's classes usable; cheap after the first call. */
    public static void load() {
        if (loaded) {
            return;
        }
        synchronized (OpenCv.class) {
            if (!loaded) {
                try {
                    nu.pattern.OpenCV.loadLocally();
                } catch (RuntimeException | LinkageError e) {
                    throw new IopaintException("OpenCV's native library could not be loaded on this platform ("
                            + System.getProperty("os.name") + " " + System.getProperty("os.arch")
                            + "); check that org.openpnp:opencv has a build for it", e);
                }
                loaded = true;
            }
        }
    }
}
