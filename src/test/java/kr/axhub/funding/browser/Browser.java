package kr.axhub.funding.browser;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import kr.axhub.funding.support.Officials;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Debian Chromium driven through Debian's chromedriver: nothing is downloaded, and a machine without
 * them skips the browser tests instead of failing. Keeps each official's session cookies so a test class logs every
 * official in once and switches between them as the work passes from one body to the next.
 */
final class Browser implements AutoCloseable {

  static final File CHROMIUM = new File("/usr/bin/chromium");
  static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
  static final Duration TIMEOUT = Duration.ofSeconds(20);

  final ChromeDriver driver;
  final String baseUrl;
  private final Path profile;
  private final Map<String, Set<Cookie>> sessions = new HashMap<>();
  private String current;

  private Browser(ChromeDriver driver, String baseUrl, Path profile) {
    this.driver = driver;
    this.baseUrl = baseUrl;
    this.profile = profile;
  }

  /**
   * A browser whose pages speak {@code locale} (a BCP 47 tag such as ko-KR or en-US): its Accept-Language and, set
   * through DevTools because headless Chromium takes them from no flag or environment, its date and number formats.
   */
  static Browser open(int port, String locale) {
    assumeTrue(CHROMIUM.canExecute() && CHROMEDRIVER.canExecute(),
        "Browser tests need Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver); "
            + ".ci/run installs them");
    try {
      Path profile = Files.createTempDirectory("axhub-chromium");
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM);
      // Without the window size the 800x600 default hides the Tasklist login button behind the banner.
      options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
          "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
          "--window-size=1280,1024", "--lang=" + locale, "--user-data-dir=" + profile);
      options.setExperimentalOption("prefs",
          Map.of("intl.accept_languages", locale + "," + locale.substring(0, 2)));
      ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).build();
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.executeCdpCommand("Emulation.setLocaleOverride", Map.of("locale", locale));
      return new Browser(driver, "http://localhost:" + port, profile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A date as this browser shows it (2026. 12. 8. in Korean, 12/8/2026 in American English). */
  String shownDate(java.time.LocalDate date) {
    return (String) driver.executeScript("return new Intl.DateTimeFormat().format(new Date(arguments[0], arguments[1] - 1,"
        + " arguments[2]));", date.getYear(), date.getMonthValue(), date.getDayOfMonth());
  }

  /**
   * A small plain page of the application's own site, where cookies can be set and from where the next address is a
   * fresh load of a webapp, without loading one in between.
   */
  static final String OFF_APP = "/camunda/app/welcome/camunda-welcome-bootstrap.js.LICENSE.txt";

  WebDriverWait waiting() {
    return new WebDriverWait(driver, TIMEOUT);
  }

  void get(String path) {
    driver.get(baseUrl + path);
  }

  /** Clicks after centring the element: Tasklist's fixed footer otherwise catches clicks near the bottom. */
  void click(WebElement element) {
    driver.executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
    try {
      element.click();
    } catch (org.openqa.selenium.ElementClickInterceptedException covered) {
      // Tasklist's toasts and footer sit over the form's bottom; the element's own handler still runs.
      driver.executeScript("for (const type of ['mousedown', 'mouseup', 'click']) {"
          + " arguments[0].dispatchEvent(new MouseEvent(type, {bubbles: true, cancelable: true})); }", element);
    }
  }

  /** Logs this official in through Tasklist, or restores the session the official already has. */
  void actAs(String userId, String password) {
    actAs(userId, password, "tasklist");
  }

  /**
   * Logs in through the given webapp (tasklist, cockpit): each group may use only its own apps, and a login
   * through an app the user may not open fails.
   */
  void actAs(String userId, String password, String app) {
    if (userId.equals(current)) {
      return;
    }
    Set<Cookie> cookies = sessions.get(userId);
    if (cookies == null) {
      driver.manage().deleteAllCookies();
      new TasklistPage(this).logIn(userId, password, app);
      sessions.put(userId, driver.manage().getCookies());
    } else {
      // A cookie can only be set for the site the browser is on.
      get(OFF_APP);
      driver.manage().deleteAllCookies();
      cookies.forEach(driver.manage()::addCookie);
    }
    current = userId;
  }

  /** Forgets the current official's session and logs that official in again. */
  void logInAgain() {
    String userId = current;
    sessions.remove(userId);
    current = null;
    actAs(userId, Officials.PASSWORD);
  }

  String currentUser() {
    return current;
  }

  /**
   * Writes the page as {@code <name>.png} under the directory of {@code axhub.screenshots}, when that property is set
   * (docs/screenshots/README.md): the pictures are for people to look at, and taking them on every test run would
   * cost the suite about a minute. Tasklist scrolls the form inside a pane of the window's height, so the window
   * grows to the form's height for the picture.
   */
  void screenshot(String name) {
    screenshot(name, 1280);
  }

  /** The same picture at 1280 px ({@code <name>.png}) and at 1440 px ({@code <name>-1440.png}). */
  void screenshots(String name) {
    screenshot(name, 1280);
    screenshot(name + "-1440", 1440);
  }

  private void screenshot(String name, int width) {
    String wanted = System.getProperty("axhub.screenshots", "");
    if (wanted.isBlank()) {
      return;
    }
    Path directory = Path.of(wanted);
    try {
      Files.createDirectories(directory);
      Path target = directory.resolve(name + ".png");
      Object height = driver.executeScript(
          "const form = document.querySelector('.fjs-form'); return form ? form.scrollHeight : 0;");
      int tall = Math.min(8000, Math.max(1024, ((Number) height).intValue() + 700));
      driver.manage().window().setSize(new Dimension(width, tall));
      try {
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        driver.manage().window().setSize(new Dimension(1280, 1024));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Page source and picture of a failure, under target/, for whoever reads the failed build. */
  void dump(String name) {
    try {
      Files.createDirectories(Path.of("target/browser-failures"));
      Files.writeString(Path.of("target/browser-failures", name + ".html"), driver.getPageSource());
      Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), Path.of("target/browser-failures", name + ".png"),
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException ignored) {
      // The original failure matters more than its dump.
    }
  }

  WebDriver.Options manage() {
    return driver.manage();
  }

  @Override
  public void close() {
    driver.quit();
    try (var files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException ignored) {
      // A leftover temporary profile is harmless.
    }
  }
}
