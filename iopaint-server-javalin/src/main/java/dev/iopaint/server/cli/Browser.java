package dev.iopaint.server.cli;

import java.awt.Desktop;
import java.io.PrintWriter;
import java.net.URI;

/** Opens a page in the user's browser where the desktop allows it; says so otherwise. */
final class Browser {
    private Browser() {
    }

    static void open(URI page, PrintWriter out) {
        try {
            if (!java.awt.GraphicsEnvironment.isHeadless() && Desktop.isDesktopSupported()
                    && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
                Desktop.getDesktop().browse(page);
                return;
            }
        } catch (Exception e) {
            out.println("Could not open a browser (" + e.getMessage() + ")");
        }
        out.println("Open " + page + " in your browser");
    }
}
