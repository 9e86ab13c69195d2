package dev.visage.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's chromium and chromium-driver, installed by
 * {@code ./visage test}) driven by Selenium, with its own throw-away profile.
 */
public final class Browser implements AutoCloseable {

    static final String CHROMIUM = System.getProperty("visage.test.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("visage.test.chromedriver", "/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of(System.getProperty("visage.root", "."), "target", "screenshots");

    private final ChromeDriver driver;
    private final Path profile;
    private final String base;

    private Browser(ChromeDriver driver, Path profile, String base) {
        this.driver = driver;
        this.profile = profile;
        this.base = base;
    }

    public static Browser open() {
        if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
            throw new IllegalStateException(CHROMIUM + " and " + CHROMEDRIVER
                    + " are needed (apt-get install chromium chromium-driver; ./visage test installs them)");
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("visage-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1440,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        return new Browser(new ChromeDriver(service, options), profile,
                "http://127.0.0.1:" + System.getProperty("visage.test.http.port", "9081"));
    }

    public WebDriver driver() {
        return driver;
    }

    public Browser go(String path) {
        driver.get(base + path);
        return this;
    }

    /** Signs in through the login page with the given admin key and waits for the console to load. */
    public Browser signIn(String key) {
        submitKey(key);
        // The form post redirects to the console; navigating before it lands would be undone by it.
        find(By.cssSelector("#nav a[data-page]"));
        return this;
    }

    /** Submits a key on the login page without expecting it to be accepted. */
    public Browser submitKey(String key) {
        go("/console/login.html");
        WebElement input = until(d -> d.findElement(By.id("key")));
        input.sendKeys(key);
        driver.findElement(By.id("sign-in")).click();
        return this;
    }

    public WebElement find(By by) {
        return until(d -> d.findElement(by));
    }

    /** Waits until the function answers something other than null or false (up to 30 s), retrying stale elements. */
    public <T> T until(Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, Duration.ofSeconds(30))
                    .ignoring(StaleElementReferenceException.class)
                    .ignoring(org.openqa.selenium.NoSuchElementException.class)
                    .until(condition::apply);
        } catch (TimeoutException e) {
            // What the page showed is the quickest clue: keep it with the failure.
            Path shot = screenshot("failed-" + System.currentTimeMillis());
            String shown = driver.findElements(By.tagName("body")).stream().findFirst().map(WebElement::getText).orElse("");
            throw new AssertionError("timed out on " + driver.getCurrentUrl() + " (screenshot " + shot + "); page shows: "
                    + shown.substring(0, Math.min(shown.length(), 1500)), e);
        }
    }

    /** Clicks what the locator finds, finding it again when the page re-rendered it meanwhile. */
    public void click(By by) {
        until(d -> {
            d.findElement(by).click();
            return true;
        });
    }

    /**
     * Clicks the locator until {@code shown} appears, and returns it. On a live page a click can land on a
     * neighbour: the page may lay itself out again (a refresh, a toolbar that wraps) between finding the element
     * and the click.
     */
    public WebElement clickUntil(By target, By shown) {
        return until(d -> {
            List<WebElement> found = d.findElements(shown);
            if (!found.isEmpty()) {
                return found.get(0);
            }
            d.findElement(target).click();
            return null;
        });
    }

    /** The element's visible text, once it has some. */
    public String text(By by) {
        return until(d -> {
            String text = d.findElement(by).getText();
            return text.isEmpty() ? null : text;
        });
    }

    /** The element's visible text, once it contains the fragment. */
    public String textContaining(By by, String fragment) {
        return until(d -> {
            String text = d.findElement(by).getText();
            return text.contains(fragment) ? text : null;
        });
    }

    /** Saves a PNG under target/screenshots/. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
