package kr.axhub.funding.notification;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Renders the subject and the body of a notification from {@code notifications/<kind>.subject.mustache} and
 * {@code notifications/<kind>.body.mustache} (Korean first, English below). Plain-text e-mail, so nothing is
 * HTML-escaped; a missing value renders as empty text rather than failing the official's command.
 */
@Component
public class NotificationTemplates {

  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private final Mustache.Compiler compiler = Mustache.compiler().escapeHTML(false).defaultValue("")
      .emptyStringIsFalse(true);
  private final Map<String, Template> cache = new ConcurrentHashMap<>();

  public record Rendered(String subject, String body) {
  }

  public Rendered render(NotificationKind kind, Map<String, Object> model) {
    String subject = template(kind.template() + ".subject").execute(model);
    String body = template(kind.template() + ".body").execute(model);
    // A subject is one line: line breaks in a template or a value would break the mail header.
    return new Rendered(WHITESPACE.matcher(subject).replaceAll(" ").strip(), body.strip() + "\n");
  }

  /** The text a recorded notification is sent as: the text stored with it, or its templates over its values. */
  public Rendered render(Notification notification) {
    if (!notification.unrendered()) {
      return new Rendered(notification.subject(), notification.body());
    }
    return render(notification.kind(), notification.values() == null ? Map.of() : Map.copyOf(notification.values()));
  }

  /**
   * The notification with the text it will be sent as, for administrators and the audit. A template that cannot be
   * rendered does not hide the row: its subject says so, and sending it fails (and is retried) the same way.
   */
  public Notification shown(Notification notification) {
    if (!notification.unrendered()) {
      return notification;
    }
    try {
      Rendered rendered = render(notification);
      return notification.withText(rendered.subject(), rendered.body());
    } catch (RuntimeException e) {
      return notification.withText("(알림 내용을 만들 수 없습니다 / the notice cannot be rendered: " + e.getMessage()
          + ")", "");
    }
  }

  private Template template(String name) {
    return cache.computeIfAbsent(name, this::compile);
  }

  private Template compile(String name) {
    ClassPathResource resource = new ClassPathResource("notifications/" + name + ".mustache");
    try (Reader reader = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8)) {
      return compiler.compile(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("Notification template " + resource.getPath() + " cannot be read", e);
    }
  }
}
