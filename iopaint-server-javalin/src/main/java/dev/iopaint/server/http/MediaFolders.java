package dev.iopaint.server.http;

import dev.iopaint.api.UnsupportedInputException;
import dev.iopaint.server.ServerSettings;
import io.javalin.http.UnprocessableContentResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The file manager's three folders ({@code tab} = input, output or mask) and what they list: the .jpg, .jpeg and
 * .png files directly inside (any letter case), sorted by name, with their size read from the file header only.
 */
final class MediaFolders {
    private static final Logger log = LoggerFactory.getLogger(MediaFolders.class);
    private static final Set<String> IMAGE_SUFFIXES = Set.of(".jpg", ".jpeg", ".png");

    private final Path input;
    private final Path output;
    private final Path mask;

    MediaFolders(ServerSettings settings) {
        this.input = absolute(settings.input());
        this.output = absolute(settings.outputDir());
        this.mask = absolute(settings.maskDir());
    }

    /** One listed image, as IOPaint's {@code MediasResponse}; times are seconds since the epoch. */
    record Media(String name, int height, int width, double ctime, double mtime) {
    }

    /**
     * The folder of a tab; null for the mask tab when no {@code --mask-dir} was given.
     *
     * @throws UnprocessableContentResponse for an unknown tab
     */
    Path folder(String tab) {
        if (tab == null) {
            throw new UnprocessableContentResponse("Query parameter 'tab' is required: input, output or mask");
        }
        return switch (tab) {
            case "input" -> input;
            case "output" -> output;
            case "mask" -> mask;
            default -> throw new UnprocessableContentResponse("tab not found: '" + tab
                    + "'; use input, output or mask");
        };
    }

    /** The image file {@code filename} of a tab, which must be a plain name of an existing .jpg/.jpeg/.png. */
    Path file(String tab, String filename) {
        Path folder = folder(tab);
        if (folder == null) {
            throw new UnprocessableContentResponse("The " + tab + " folder is not configured; start the server with"
                    + " --mask-dir DIR");
        }
        Path file = SafeFileNames.resolve(folder, filename);
        if (!isImageName(filename)) {
            throw new UnsupportedInputException("Only .jpg, .jpeg and .png files are served, not '"
                    + filename + "'");
        }
        if (!Files.isRegularFile(file)) {
            throw new UnprocessableContentResponse("file not found: '" + filename + "' in the " + tab + " folder");
        }
        return file;
    }

    /** The images of a tab; empty when its folder is not configured or does not exist. */
    List<Media> list(String tab) throws IOException {
        Path folder = folder(tab);
        if (folder == null || !Files.isDirectory(folder)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> entries = Files.list(folder)) {
            files = entries.filter(path -> isImageName(path.getFileName().toString()))
                    .filter(Files::isRegularFile)
                    .sorted(Comparator.comparing(path -> path.getFileName().toString()))
                    .toList();
        }
        List<Media> medias = new ArrayList<>(files.size());
        for (Path file : files) {
            try {
                ImageFiles.Size size = ImageFiles.headerSize(file);
                medias.add(new Media(file.getFileName().toString(), size.height(), size.width(),
                        seconds(changeTime(file)), seconds(Files.getLastModifiedTime(file))));
            } catch (IOException | RuntimeException e) {
                log.warn("Left {} out of the file manager: its image header could not be read ({})", file,
                        e.getMessage());
            }
        }
        return medias;
    }

    static boolean isImageName(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 && IMAGE_SUFFIXES.contains(name.substring(dot).toLowerCase(Locale.ROOT));
    }

    /** The inode change time where the file system has one (what Python's {@code getctime} gives on Unix). */
    private static FileTime changeTime(Path file) throws IOException {
        try {
            return (FileTime) Files.getAttribute(file, "unix:ctime");
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).creationTime();
        }
    }

    private static double seconds(FileTime time) {
        return time.to(TimeUnit.MICROSECONDS) / 1e6;
    }

    private static Path absolute(Path path) {
        return path == null ? null : path.toAbsolutePath();
    }
}
