package kr.axhub.funding.webapp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the webapps' locale files ({@code /camunda/app/<app>/locales/<language>.json}, the project's {@code ko.json}
 * or Camunda's {@code en.json}) with two changes made here, once for all four apps:
 * <ul>
 *   <li>the header strip ({@code BANNER_CE_EOL_TEXT}) names the operator from {@link OperatorNotice};</li>
 *   <li>a reader whose browser asks for Korean first gets {@code en.json} without its {@code dateLocales}. The
 *   webapps load English as the fallback beside Korean and hand each file's {@code dateLocales} to moment.js, which
 *   makes the <em>last</em> one loaded the global date locale: when English arrived second, relative dates said
 *   "in 14 days" until the next page load.</li>
 * </ul>
 */
@RestController
class WebappLocales {

  /** Labels this class writes; the locale files need not carry them. */
  static final Set<String> SERVER_LABELS = Set.of("BANNER_CE_EOL_TEXT");

  private static final Set<String> APPS = Set.of("admin", "cockpit", "tasklist", "welcome");
  private static final Set<String> LANGUAGES = Set.of("ko", "en");

  private final OperatorNotice notice;
  private final ObjectMapper json;

  WebappLocales(OperatorNotice notice, ObjectMapper json) {
    this.notice = notice;
    this.json = json;
  }

  @GetMapping("/camunda/app/{app}/locales/{language}.json")
  ResponseEntity<String> locale(@PathVariable String app, @PathVariable String language,
      @RequestHeader(value = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage) throws IOException {
    ClassPathResource file = new ClassPathResource("META-INF/resources/webjars/camunda/app/" + app + "/locales/"
        + language + ".json");
    if (!APPS.contains(app) || !LANGUAGES.contains(language) || !file.exists()) {
      return ResponseEntity.notFound().build();
    }
    ObjectNode locale = read(file);
    ((ObjectNode) locale.path("labels")).put("BANNER_CE_EOL_TEXT", notice.html(language));
    if (!language.equals(firstLanguage(acceptLanguage))) {
      locale.remove("dateLocales");
    }
    return ResponseEntity.ok()
        .contentType(new MediaType(MediaType.APPLICATION_JSON, StandardCharsets.UTF_8))
        .cacheControl(CacheControl.noCache())
        .varyBy(HttpHeaders.ACCEPT_LANGUAGE)
        .body(json.writeValueAsString(locale));
  }

  /**
   * The language the webapps will choose: they take the browser's first language if they have it, else English (the
   * browser sends the same list as Accept-Language).
   */
  private static String firstLanguage(String acceptLanguage) {
    if (acceptLanguage != null && !acceptLanguage.isBlank()) {
      try {
        List<Locale.LanguageRange> ranges = Locale.LanguageRange.parse(acceptLanguage);
        String first = ranges.get(0).getRange().split("-")[0].toLowerCase(Locale.ROOT);
        if (LANGUAGES.contains(first)) {
          return first;
        }
      } catch (IllegalArgumentException malformed) {
        return "en";
      }
    }
    return "en";
  }

  private ObjectNode read(ClassPathResource file) throws IOException {
    try (InputStream in = file.getInputStream()) {
      // Camunda's files start with a byte-order mark, which Jackson would not skip.
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return (ObjectNode) json.readTree(text.startsWith("\uFEFF") ? text.substring(1) : text);
    }
  }
}
