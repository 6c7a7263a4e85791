package kr.axhub.funding.browser;

import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** Camunda Tasklist as an official sees it; selectors avoid UI text so a translated Tasklist keeps working. */
final class TasklistPage {

  static final String APP = "/camunda/app/tasklist/default/";
  static final By FORM = By.cssSelector(".fjs-form");
  private static final By CLAIM = By.cssSelector("button.claim");
  static final By COMPLETE = By.cssSelector("button[ng-click='complete()']");
  static final By START = By.cssSelector(".modal-content button[ng-click='startProcessInstance()']");
  private static final By SAVE = By.cssSelector("button[ng-click='save($event)']");

  private final Browser browser;

  TasklistPage(Browser browser) {
    this.browser = browser;
  }

  /**
   * The login page every webapp shares, opened in the app the user works in. On a busy machine the login's answer
   * can outlast one wait, so a login form still shown after it is filled in once more; a login refused twice fails,
   * saying what the page showed (a wrong password shows the webapp's notice there).
   */
  void logIn(String userId, String password, String app) {
    By username = By.cssSelector("input[ng-model='username']");
    for (int attempt = 0; ; attempt++) {
      browser.get("/camunda/app/" + app + "/default/#/login");
      var wait = browser.waiting();
      try {
        typeInto(wait.until(ExpectedConditions.visibilityOfElementLocated(username)), userId);
      } catch (TimeoutException noLoginPage) {
        // A first attempt that went through after its wait leaves the webapp logged in, and it then shows no login
        // page: that official is in, which is what was asked.
        if (attempt > 0 && userId.equals(loggedInUser())) {
          return;
        }
        browser.dump("login-" + app + "-" + userId);
        throw noLoginPage;
      }
      typeInto(browser.driver.findElement(By.cssSelector("input[type='password']")), password);
      browser.driver.findElement(By.cssSelector("button[type='submit']")).click();
      try {
        wait.until(ExpectedConditions.invisibilityOfElementLocated(username));
        return;
      } catch (TimeoutException stillShown) {
        if (attempt == 1) {
          String shown = shownInstead();
          browser.dump("login-" + app + "-" + userId);
          throw new AssertionError("The login of " + userId + " in " + app + " did not go through twice; the page "
              + "showed " + shown, stillShown);
        }
      }
    }
  }

  /**
   * Types the text into the field and makes sure the field holds it: keys typed while the login page is still
   * starting up can be lost, and a login with half a user id or password is refused as a wrong one.
   */
  private void typeInto(WebElement field, String text) {
    for (int attempt = 0; attempt < 3; attempt++) {
      field.clear();
      field.sendKeys(text);
      try {
        browser.waiting().withTimeout(Duration.ofSeconds(2))
            .until(driver -> text.equals(field.getDomProperty("value")));
        return;
      } catch (TimeoutException partlyTyped) {
        // typed again
      }
    }
  }

  /** Who the webapps' session belongs to, as their own authentication API answers; null when nobody is in. */
  private String loggedInUser() {
    try {
      Object user = browser.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
          + "fetch('/camunda/api/admin/auth/user/default', {credentials: 'same-origin'})"
          + ".then(response => response.ok ? response.json() : null)"
          + ".then(body => done(body ? body.userId : null), () => done(null));");
      return user instanceof String text ? text : null;
    } catch (WebDriverException noAnswer) {
      return null;
    }
  }

  /** Opens the task's detail with its form, as a link from the task list or a notification does. */
  FormPage openTask(String taskId, FormModel form) {
    browser.get(APP + "#/?task=" + taskId);
    for (int attempt = 0; ; attempt++) {
      try {
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(FORM));
        return new FormPage(browser, form);
      } catch (TimeoutException notShown) {
        // A change of the URL's fragment alone does not reload Tasklist: after switching officials it may still show
        // the previous official's view, and on a busy machine the reloaded page can take longer than one wait. A
        // reload reads the session afresh; the last try logs the official in again, in case the session was lost. A
        // form that never renders still fails, saying what Tasklist showed instead.
        if (attempt == 2) {
          String shown = shownInstead();
          browser.dump("task-" + taskId);
          throw new AssertionError("Tasklist showed no form for task " + taskId + " of " + browser.currentUser()
              + " after a reload and a new login; it showed " + shown, notShown);
        }
        if (attempt == 0) {
          browser.driver.navigate().refresh();
        } else {
          browser.logInAgain();
          browser.get(APP + "#/?task=" + taskId);
        }
      }
    }
  }

  /** What the page shows where a form was expected: its address, the login form if shown, notifications, text. */
  private String shownInstead() {
    try {
      String text = browser.driver.findElement(By.tagName("body")).getText().replaceAll("\\s+", " ").trim();
      return "address " + browser.driver.getCurrentUrl()
          + (browser.driver.findElements(By.cssSelector("input[ng-model='username']")).isEmpty() ? "" : ", the login")
          + ", notifications " + browser.driver.findElements(By.cssSelector(".notifications .alert")).stream()
              .map(WebElement::getText).toList()
          + ", text: " + text.substring(0, Math.min(text.length(), 600));
    } catch (RuntimeException unreadable) {
      return "a page that could not be read (" + unreadable.getMessage() + ")";
    }
  }

  /**
   * The tasks of one of the official's filters (by its position on the left, the first being 0), each as its entry
   * in the list reads, in the list's order.
   */
  /** The entries of a task list as they read, and the address the list was shown at. */
  record TaskList(List<String> entries, String address) {}

  TaskList listedTasks(int filterPosition) {
    browser.get(APP);
    List<WebElement> filters = browser.waiting().until(driver -> {
      List<WebElement> shown = driver.findElements(By.cssSelector(".task-filter h4.name a"));
      return shown.size() > filterPosition ? shown : null;
    });
    browser.click(filters.get(filterPosition));
    browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("ol.tasks-list > li.task")));
    TaskList listed = new TaskList(browser.driver.findElements(By.cssSelector("ol.tasks-list > li.task")).stream()
        .map(WebElement::getText).toList(), browser.driver.getCurrentUrl());
    // The next step opens a task by its address: from another page that is a fresh load of Tasklist, not a change
    // of the list's fragment that can leave the list's view in place.
    browser.get(Browser.OFF_APP);
    return listed;
  }

  /** Opens the start form of a process from Tasklist's "Start process" dialog. */
  FormPage startForm(String processKey, FormModel form) {
    browser.get(APP + "#/?processStart=" + processKey);
    browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".modal-content .fjs-form")));
    return new FormPage(browser, form);
  }

  void clickStart() {
    browser.click(browser.waiting().until(ExpectedConditions.elementToBeClickable(START)));
  }

  /** Claims the open task: until then Tasklist shows its form read-only. */
  FormPage claim(FormModel form) {
    browser.waiting().until(ExpectedConditions.elementToBeClickable(CLAIM)).click();
    browser.waiting().until(ExpectedConditions.invisibilityOfElementLocated(CLAIM));
    for (int attempt = 0; ; attempt++) {
      try {
        browser.waiting().until(driver -> !driver.findElement(COMPLETE).getDomProperty("disabled").equals("true"));
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(FORM));
        return new FormPage(browser, form);
      } catch (TimeoutException notEditable) {
        // The claim went through (its button is gone), but on a busy machine Tasklist has been seen to leave the
        // task's view without its Complete button. A reload shows the task as the engine has it: claimed, with an
        // editable form; a claim the engine did not keep shows the Claim button again and fails here.
        if (attempt == 1) {
          String shown = shownInstead();
          browser.dump("claim-" + form.id);
          throw new AssertionError("After the claim the task's form did not become editable, even after a reload; "
              + "the page showed " + shown, notEditable);
        }
        browser.driver.navigate().refresh();
      }
    }
  }

  boolean claimable() {
    return !browser.driver.findElements(CLAIM).isEmpty();
  }

  /** form-js reports the form's validity to Tasklist, which disables Complete while any field is invalid. */
  boolean completeEnabled() {
    return browser.driver.findElement(COMPLETE).isEnabled();
  }

  /** Tasklist's Save: keeps a draft of the form and makes form-js validate the whole form again. */
  void clickSave() {
    browser.click(browser.waiting().until(ExpectedConditions.elementToBeClickable(SAVE)));
  }

  void clickComplete() {
    browser.click(browser.waiting().until(ExpectedConditions.elementToBeClickable(COMPLETE)));
  }

  /** Whether the button is the topmost element at its own centre: no notice or banner lies over it. */
  boolean uncovered(By button) {
    WebElement element = browser.driver.findElement(button);
    browser.driver.executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
    return (Boolean) browser.driver.executeScript("const box = arguments[0].getBoundingClientRect();"
        + " const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);"
        + " return top === arguments[0] || arguments[0].contains(top);", element);
  }

  /** Error notifications Tasklist shows (e.g. the server refusing a completion). */
  List<String> errorNotifications() {
    return browser.driver.findElements(By.cssSelector(".notifications .alert-danger, .notifications .alert-error"))
        .stream().map(WebElement::getText).toList();
  }
}
