package dev.iopaint.server.web;

import dev.iopaint.api.Click;
import dev.iopaint.api.DownloadListener;
import dev.iopaint.core.Iopaint;
import dev.iopaint.core.plugins.PluginSetting;
import dev.iopaint.core.registry.ModelRegistry;
import dev.iopaint.core.registry.PluginRegistry;
import dev.iopaint.server.FakePluginProvider;
import dev.iopaint.server.IopaintServer;
import dev.iopaint.server.ServerPlugins;
import dev.iopaint.server.ServerSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.interactions.PointerInput;
import org.openqa.selenium.interactions.Sequence;
import org.openqa.selenium.support.ui.WebDriverWait;

import javax.imageio.ImageIO;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

import static dev.iopaint.server.web.Pixels.Area.everywhere;
import static dev.iopaint.server.web.Pixels.Area.inside;
import static dev.iopaint.server.web.Pixels.Area.outside;
import static dev.iopaint.server.web.Pixels.maxDifference;
import static dev.iopaint.server.web.Pixels.meanDifference;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page's plugin menu in Debian's headless Chromium against the real server with the fake RemoveBG (inverts the
 * colours, keeps the left half) and InteractiveSeg (selects the clicked pixels, which the server grows to 9x9), on a
 * noise picture small enough for exact pixel checks, and one bigger than the server accepts for its errors.
 */
class PluginWebPageTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final Duration POLL = Duration.ofMillis(50);
    private static final int WIDTH = 320;
    private static final int HEIGHT = 240;
    /** Exactly the small picture's size: the big one is refused, with the server's own message. */
    private static final long MAX_PIXELS = (long) WIDTH * HEIGHT;

    @TempDir
    static Path temp;
    private static ChromeDriver browser;
    private static Iopaint iopaint;
    private static FakePluginProvider interactiveSeg;
    private static FakePluginProvider removeBg;
    private static ServerPlugins plugins;
    private static IopaintServer server;
    private static Path picture;
    private static Path tooBig;

    @BeforeAll
    static void start() throws IOException {
        picture = writeNoise(temp.resolve("noise.png"), WIDTH, HEIGHT, 7);
        tooBig = writeNoise(temp.resolve("big.png"), 400, 300, 11);
        iopaint = Iopaint.builder()
                .modelDir(temp.resolve("models"))
                .model("cv2")
                .offline(true)
                .registry(ModelRegistry.discover(PluginWebPageTest.class.getClassLoader()))
                .build();
        interactiveSeg = FakePluginProvider.interactiveSeg();
        removeBg = FakePluginProvider.removeBg();
        plugins = ServerPlugins.start(PluginRegistry.of(List.of(interactiveSeg, removeBg)), iopaint.store(),
                List.of(PluginSetting.of(ServerPlugins.INTERACTIVE_SEG), PluginSetting.of(ServerPlugins.REMOVE_BG)),
                DownloadListener.NONE);
        ServerSettings settings = new ServerSettings(ServerSettings.DEFAULT_HOST, 0, null, null, null,
                ServerSettings.DEFAULT_QUALITY, ServerSettings.DEFAULT_MAX_UPLOAD_BYTES, MAX_PIXELS,
                ServerSettings.DEFAULT_QUEUE_CAPACITY);
        server = IopaintServer.start(iopaint, settings, plugins, List.of());
        browser = HeadlessChromium.start(temp.resolve("browser"), 1280, 800);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
        if (plugins != null) {
            plugins.close();
        }
        if (iopaint != null) {
            iopaint.close();
        }
    }

    @BeforeEach
    void openPage() {
        browser.get(server.uri().toString());
        waitUntil(() -> element("plugin-menu").isDisplayed());
    }

    @Test
    void offers_remove_background_and_select_object_once_an_image_is_open() {
        assertThat(element("remove-bg-button").isDisplayed()).isTrue();
        assertThat(element("select-object-button").isDisplayed()).isTrue();
        assertThat(element("remove-bg-button").isEnabled()).as("nothing to work on yet").isFalse();
        assertThat(element("select-object-button").isEnabled()).isFalse();
        assertThat(element("selection-actions").isDisplayed()).isFalse();

        open(picture);

        assertThat(element("remove-bg-button").isEnabled()).isTrue();
        assertThat(element("select-object-button").isEnabled()).isTrue();
        assertThat(element("select-object-button").getDomAttribute("aria-pressed")).isEqualTo("false");
    }

    @Test
    void removes_the_background_of_the_current_picture_as_a_result_that_undo_takes_back() throws IOException {
        open(picture);
        BufferedImage original = imageCanvas();

        click("remove-bg-button");
        waitForResult();
        BufferedImage cutOut = imageCanvas();

        assertThat(removeBg.lastRequest.get().scale()).isEqualTo(1.0);
        Rectangle left = new Rectangle(0, 0, WIDTH / 2, HEIGHT);
        assertThat(maxDifference(inverted(original), cutOut, inside(left))).isZero();
        assertThat(alphaRange(cutOut, left)).containsExactly(255, 255);
        assertThat(alphaRange(cutOut, new Rectangle(WIDTH / 2, 0, WIDTH / 2, HEIGHT))).containsExactly(0, 0);
        assertThat(element("download-link").getDomAttribute("download")).isEqualTo("noise_inpainted.png");
        assertThat(downloadType()).isEqualTo("image/png");

        click("remove-bg-button");
        waitUntil(() -> !element("busy").isDisplayed() && element("undo-button").isEnabled()
                && maxDifferenceQuietly(original, inside(left)) == 0);
        assertThat(alphaRange(imageCanvas(), left))
                .as("the second run got the cut-out, not the original, and inverted it back").containsExactly(255, 255);

        click("undo-button");
        click("undo-button");
        BufferedImage undone = imageCanvas();
        assertThat(maxDifference(original, undone, everywhere())).isZero();
        assertThat(alphaRange(undone, new Rectangle(0, 0, WIDTH, HEIGHT))).containsExactly(255, 255);
        assertThat(element("download-link").getDomAttribute("aria-disabled")).isEqualTo("true");
    }

    @Test
    void selects_an_object_from_clicks_and_accepting_puts_it_in_the_mask_that_inpainting_uses() throws IOException {
        open(picture);
        BufferedImage original = imageCanvas();
        click("select-object-button");
        assertThat(element("select-object-button").getDomAttribute("aria-pressed")).isEqualTo("true");
        assertThat(element("selection-accept").isEnabled()).as("nothing selected yet").isFalse();

        clickImage(60, 50, PointerInput.MouseButton.LEFT);
        waitForClicks(1);
        assertThat(interactiveSeg.lastRequest.get().clicks()).containsExactly(new Click(60, 50, true));
        assertThat(selected("selection-canvas")).isEqualTo(squares(new Rectangle(56, 46, 9, 9)));

        clickImage(200, 120, PointerInput.MouseButton.LEFT);
        waitForClicks(2);
        assertThat(selected("selection-canvas"))
                .isEqualTo(squares(new Rectangle(56, 46, 9, 9), new Rectangle(196, 116, 9, 9)));

        clickImage(200, 120, PointerInput.MouseButton.RIGHT);
        waitForClicks(3);
        assertThat(interactiveSeg.lastRequest.get().clicks()).containsExactly(
                new Click(60, 50, true), new Click(200, 120, true), new Click(200, 120, false));
        assertThat(selected("selection-canvas")).as("the negative click took the second object out")
                .isEqualTo(squares(new Rectangle(56, 46, 9, 9)));
        assertThat(browser.findElements(By.cssSelector("#click-markers .click-marker.positive"))).hasSize(2);
        assertThat(browser.findElements(By.cssSelector("#click-markers .click-marker.negative"))).hasSize(1);
        assertThat(selected("mask-canvas")).as("not in the mask before Accept").isEqualTo(squares());

        click("selection-accept");

        assertThat(element("selection-actions").isDisplayed()).isFalse();
        assertThat(element("selection-canvas").isDisplayed()).isFalse();
        assertThat(browser.findElements(By.cssSelector("#click-markers .click-marker"))).isEmpty();
        Rectangle object = new Rectangle(56, 46, 9, 9);
        assertThat(selected("mask-canvas")).isEqualTo(squares(object));
        assertThat(element("inpaint-button").isEnabled()).isTrue();

        recordInpaintRequests();
        click("inpaint-button");
        waitForResult();
        BufferedImage mask = decode((String) js("return window.sentRequests[0].mask;"));
        assertThat(maxDifference(Pixels.solid(WIDTH, HEIGHT, 0xFFFFFF), mask, inside(object))).isZero();
        assertThat(maxDifference(Pixels.solid(WIDTH, HEIGHT, 0x000000), mask, outside(object))).isZero();
        BufferedImage result = imageCanvas();
        assertThat(meanDifference(original, result, inside(object))).isGreaterThan(20);
        assertThat(maxDifference(original, result, outside(object))).isZero();

        click("undo-button");
        assertThat(selected("mask-canvas")).as("undo brings the picture back with its mask").isEqualTo(squares(object));
        click("undo-button");
        assertThat(selected("mask-canvas")).as("Accept was one step").isEqualTo(squares());
        assertThat(element("undo-button").isEnabled()).isFalse();
    }

    @Test
    void cancel_and_escape_leave_the_click_mode_and_drop_the_preview() {
        open(picture);
        for (Runnable leave : List.<Runnable>of(() -> click("selection-cancel"),
                () -> new Actions(browser).sendKeys(Keys.ESCAPE).perform())) {
            click("select-object-button");
            clickImage(100, 100, PointerInput.MouseButton.LEFT);
            waitForClicks(1);
            assertThat(selected("selection-canvas")).isEqualTo(squares(new Rectangle(96, 96, 9, 9)));

            leave.run();

            assertThat(element("select-object-button").getDomAttribute("aria-pressed")).isEqualTo("false");
            assertThat(element("selection-actions").isDisplayed()).isFalse();
            assertThat(element("selection-canvas").isDisplayed()).isFalse();
            assertThat(selected("selection-canvas")).isEqualTo(squares());
            assertThat(browser.findElements(By.cssSelector("#click-markers .click-marker"))).isEmpty();
            assertThat(selected("mask-canvas")).isEqualTo(squares());
            assertThat(element("clear-button").isEnabled()).as("the mask is untouched").isFalse();
        }
    }

    @Test
    void shows_the_servers_message_when_a_plugin_cannot_run_and_keeps_the_picture() throws IOException {
        open(tooBig);
        BufferedImage original = imageCanvas();
        String refusal = "The image is 400x300 (120000 pixels), more than the limit of " + MAX_PIXELS + " pixels";

        click("remove-bg-button");
        waitUntilError();
        assertThat(text("error-message")).startsWith("Removing the background failed: " + refusal);
        assertThat(element("busy").isDisplayed()).isFalse();
        assertThat(maxDifference(original, imageCanvas(), everywhere())).isZero();
        assertThat(element("undo-button").isEnabled()).isFalse();

        click("error-close");
        click("select-object-button");
        clickImage(30, 30, PointerInput.MouseButton.LEFT);
        waitUntilError();
        assertThat(text("error-message")).startsWith("Selecting failed: " + refusal);
        assertThat(browser.findElements(By.cssSelector("#click-markers .click-marker")))
                .as("the failed click is taken back").isEmpty();
        assertThat(element("selection-accept").isEnabled()).isFalse();
        assertThat(element("selection-cancel").isEnabled()).isTrue();
    }

    @Test
    void hides_the_plugin_menu_when_the_server_config_cannot_be_read() {
        browser.executeCdpCommand("Network.enable", Map.of());
        browser.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*/api/v1/server-config")));
        try {
            browser.get(server.uri().toString());
            waitUntilError();
            assertThat(text("error-message")).startsWith("Could not read the server's models");
            assertThat(element("plugin-menu").isDisplayed()).isFalse();
        } finally {
            browser.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
            browser.executeCdpCommand("Network.disable", Map.of());
        }
    }

    /** Seeded noise: every pixel differs from its neighbours, so inpainting visibly changes any masked pixel. */
    private static Path writeNoise(Path file, int width, int height, long seed) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    private void open(Path file) {
        BufferedImage size = readQuietly(file);
        element("file-input").sendKeys(file.toString());
        waitUntil(() -> element("stage").isDisplayed()
                && String.valueOf(size.getWidth()).equals(element("image-canvas").getDomProperty("width"))
                && element("remove-bg-button").isEnabled());
    }

    private static BufferedImage readQuietly(Path file) {
        try {
            return ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new AssertionError("Cannot read " + file, e);
        }
    }

    /** Presses a mouse button over the middle of an image pixel, wherever CSS puts and scales the canvas. */
    private void clickImage(int x, int y, PointerInput.MouseButton button) {
        Map<?, ?> box = (Map<?, ?>) js("""
                const r = document.getElementById('mask-canvas').getBoundingClientRect();
                return {left: r.left, top: r.top, width: r.width, height: r.height};""");
        double left = number(box.get("left"));
        double top = number(box.get("top"));
        int width = Integer.parseInt(element("mask-canvas").getDomProperty("width"));
        int height = Integer.parseInt(element("mask-canvas").getDomProperty("height"));
        int clientX = (int) Math.round(left + (x + 0.5) * number(box.get("width")) / width);
        int clientY = (int) Math.round(top + (y + 0.5) * number(box.get("height")) / height);
        PointerInput mouse = new PointerInput(PointerInput.Kind.MOUSE, "mouse");
        Sequence press = new Sequence(mouse, 0)
                .addAction(mouse.createPointerMove(Duration.ZERO, PointerInput.Origin.viewport(), clientX, clientY))
                .addAction(mouse.createPointerDown(button.asArg()))
                .addAction(mouse.createPointerUp(button.asArg()));
        browser.perform(List.of(press));
    }

    private static double number(Object value) {
        return ((Number) value).doubleValue();
    }

    /** Waits until the server answered the n-th click: n markers and nothing running. */
    private void waitForClicks(int count) {
        waitUntil(() -> !element("busy").isDisplayed()
                && browser.findElements(By.cssSelector("#click-markers .click-marker")).size() == count
                && element("selection-accept").isEnabled());
    }

    private void waitForResult() {
        waitUntil(() -> !element("busy").isDisplayed()
                && "false".equals(element("download-link").getDomAttribute("aria-disabled")));
    }

    private void waitUntil(BooleanSupplier condition) {
        new WebDriverWait(browser, PATIENCE, POLL).until(page -> {
            boolean errorShown = element("error").isDisplayed();
            boolean met = condition.getAsBoolean();
            if (!met && errorShown) {
                throw new AssertionError("The page shows an error: " + text("error-message"));
            }
            return met;
        });
    }

    private void waitUntilError() {
        new WebDriverWait(browser, PATIENCE, POLL)
                .until(page -> element("error").isDisplayed() && !element("busy").isDisplayed());
    }

    private void recordInpaintRequests() {
        js("""
                window.sentRequests = [];
                const send = window.fetch.bind(window);
                window.fetch = (url, init) => {
                  if (String(url).endsWith('/inpaint')) window.sentRequests.push(JSON.parse(init.body));
                  return send(url, init);
                };""");
    }

    private String downloadType() {
        return (String) ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(document.getElementById('download-link').href).then((r) => r.blob()).then((b) => done(b.type));""");
    }

    private BufferedImage imageCanvas() throws IOException {
        return canvas("image-canvas");
    }

    private BufferedImage canvas(String id) throws IOException {
        return decode((String) js("return document.getElementById('" + id + "').toDataURL('image/png');"));
    }

    private int maxDifferenceQuietly(BufferedImage expected, Pixels.Area area) {
        try {
            return maxDifference(expected, imageCanvas(), area);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The pixels a canvas paints (alpha above 0), as "x,y" keys. */
    private Set<String> selected(String canvasId) {
        BufferedImage image;
        try {
            image = canvas(canvasId);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        Set<String> pixels = new TreeSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (image.getRGB(x, y) >>> 24 > 0) {
                    pixels.add(x + "," + y);
                }
            }
        }
        return pixels;
    }

    private static Set<String> squares(Rectangle... rectangles) {
        Set<String> pixels = new TreeSet<>();
        for (Rectangle r : rectangles) {
            for (int y = r.y; y < r.y + r.height; y++) {
                for (int x = r.x; x < r.x + r.width; x++) {
                    pixels.add(x + "," + y);
                }
            }
        }
        return pixels;
    }

    /** The lowest and highest alpha over an area. */
    private static List<Integer> alphaRange(BufferedImage image, Rectangle area) {
        int low = 255;
        int high = 0;
        for (int y = area.y; y < area.y + area.height; y++) {
            for (int x = area.x; x < area.x + area.width; x++) {
                int alpha = image.getRGB(x, y) >>> 24;
                low = Math.min(low, alpha);
                high = Math.max(high, alpha);
            }
        }
        return List.of(low, high);
    }

    private static BufferedImage inverted(BufferedImage image) {
        BufferedImage result = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                result.setRGB(x, y, ~image.getRGB(x, y) & 0xFFFFFF);
            }
        }
        return result;
    }

    private Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private WebElement element(String id) {
        return browser.findElement(By.id(id));
    }

    private String text(String id) {
        return element(id).getText();
    }

    private void click(String id) {
        element(id).click();
    }

    private static BufferedImage decode(String dataUrl) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(dataUrl.substring(dataUrl.indexOf(',') + 1))));
    }
}
