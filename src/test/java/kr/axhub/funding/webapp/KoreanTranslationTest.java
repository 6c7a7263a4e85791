package kr.axhub.funding.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every label Camunda ships in English (the webjar's own {@code en.json}, whichever version is on the classpath) has
 * Korean text in the project's {@code ko.json}, so an upgrade of the webapps cannot silently bring English back to
 * officials and managers.
 */
class KoreanTranslationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String LOCALES = "META-INF/resources/webjars/camunda/app/%s/locales/%s.json";
  private static final Pattern HANGUL = Pattern.compile("\\p{IsHangul}");
  private static final Pattern LATIN_WORD = Pattern.compile("[A-Za-z]{2,}");
  private static final Pattern PARAMETER = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)");
  private static final Pattern TAG = Pattern.compile("</?(a|b|br|code|div|em|i|li|p|span|strong|ul)[\\s>/]");

  /** Names and formats that read the same in Korean text. */
  private static final Set<String> SAME_IN_KOREAN = Set.of("Camunda", "Camunda Cockpit", "JSON", "CSV", "ID", "ID*",
      "Optimize", "YYYY-MM-DDTHH:mm:ss");

  /** Fragments Korean has no word for (the English plural "s" appended to a noun; a form that is deliberately blank). */
  private static final Set<String> EMPTY_IN_KOREAN = Set.of("PLGN_BATCH_S", "PLGN_MIG_S", "PLGN_MOD_DIALOG_S",
      "PLGN_MOD_RESTART_DIALOG_S", "NO_TASK_FORM");

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void everyShippedLabelHasKoreanText(String app) throws IOException {
    JsonNode english = shipped(app).path("labels");
    JsonNode korean = project(app, "ko").path("labels");
    List<String> problems = new ArrayList<>();

    english.fields().forEachRemaining(entry -> {
      String key = entry.getKey();
      String en = entry.getValue().asText();
      JsonNode ko = korean.get(key);
      if (WebappLocales.SERVER_LABELS.contains(key)) {
        return;
      }
      if (ko == null || !ko.isTextual()) {
        problems.add(key + ": no Korean text (English: \"" + en + "\")");
      } else if (ko.asText().isBlank()) {
        if (!EMPTY_IN_KOREAN.contains(key)) {
          problems.add(key + ": empty (English: \"" + en + "\")");
        }
      } else if (readsAsEnglish(ko.asText())) {
        problems.add(key + ": still English \"" + ko.asText() + "\"");
      } else {
        problems.addAll(markupDiffers(key, en, ko.asText()));
      }
    });

    assertThat(problems).as("%s/locales/ko.json against the shipped en.json", app).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void datesAreKorean(String app) throws IOException {
    JsonNode english = shipped(app).path("dateLocales");
    JsonNode korean = project(app, "ko").path("dateLocales");

    assertThat(fieldNames(korean)).as("%s: the Korean moment locale has every part of the English one", app)
        .containsAll(fieldNames(english));
    assertThat(fieldNames(korean.path("relativeTime"))).containsAll(fieldNames(english.path("relativeTime")));
    assertThat(fieldNames(korean.path("longDateFormat"))).containsAll(fieldNames(english.path("longDateFormat")));
    assertThat(korean.path("months").get(11).asText()).isEqualTo("12월");
    assertThat(korean.path("weekdays").get(0).asText()).isEqualTo("일요일");
    assertThat(korean.path("relativeTime").path("future").asText()).isEqualTo("%s 후");
    assertThat(korean.path("relativeTime").path("dd").asText()).isEqualTo("%d일");
  }

  private static boolean readsAsEnglish(String text) {
    String words = text.replaceAll("\\{\\{[^}]*}}", "");
    return !HANGUL.matcher(words).find() && LATIN_WORD.matcher(words).find() && !SAME_IN_KOREAN.contains(words.strip());
  }

  /** A parameter or tag dropped in translation shows as a gap or as raw markup. */
  private static List<String> markupDiffers(String key, String en, String ko) {
    List<String> problems = new ArrayList<>();
    Set<String> missing = new TreeSet<>(matches(PARAMETER, en));
    missing.removeAll(matches(PARAMETER, ko));
    if (!missing.isEmpty()) {
      problems.add(key + ": Korean text lacks " + missing + " (\"" + ko + "\")");
    }
    List<String> enTags = matches(TAG, en);
    List<String> koTags = matches(TAG, ko);
    Collections.sort(enTags);
    Collections.sort(koTags);
    if (!enTags.equals(koTags)) {
      problems.add(key + ": tags " + koTags + " instead of " + enTags + " (\"" + ko + "\")");
    }
    return problems;
  }

  private static List<String> matches(Pattern pattern, String text) {
    List<String> found = new ArrayList<>();
    Matcher matcher = pattern.matcher(text);
    while (matcher.find()) {
      found.add(matcher.group(1));
    }
    return found;
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new TreeSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** The webjar's own file: the project may shadow it on the classpath. */
  private static JsonNode shipped(String app) throws IOException {
    String path = LOCALES.formatted(app, "en");
    for (URL url : Collections.list(KoreanTranslationTest.class.getClassLoader().getResources(path))) {
      if (url.toString().contains("camunda-webapp-webjar")) {
        return read(url);
      }
    }
    throw new IllegalStateException("no " + path + " in the camunda-webapp-webjar on the classpath");
  }

  private static JsonNode project(String app, String language) throws IOException {
    String path = LOCALES.formatted(app, language);
    for (URL url : Collections.list(KoreanTranslationTest.class.getClassLoader().getResources(path))) {
      if (!url.toString().contains("camunda-webapp-webjar")) {
        return read(url);
      }
    }
    throw new IllegalStateException("the project has no " + path);
  }

  private static JsonNode read(URL url) throws IOException {
    try (InputStream in = url.openStream()) {
      byte[] bytes = in.readAllBytes();
      // The shipped files start with a byte-order mark, which Jackson does not skip.
      String text = new String(bytes, StandardCharsets.UTF_8).replaceFirst("^\uFEFF", "");
      return JSON.readTree(text);
    }
  }
}
