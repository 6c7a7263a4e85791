package kr.axhub.funding.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

class WebappLocalesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KOREAN_BROWSER = "ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7";

  private final WebappLocales locales = new WebappLocales(
      new OperatorNotice("대구 AX 운영팀", "Daegu AX <operations>", "ops@daegu.example.kr"), JSON);

  @Test
  void everyAppNamesTheConfiguredOperatorOnceInEachLanguage() throws IOException {
    for (String app : new String[] {"tasklist", "cockpit", "admin", "welcome"}) {
      assertThat(banner(app, "ko", KOREAN_BROWSER))
          .startsWith("운영: 대구 AX 운영팀 · 문의: <a href=\"mailto:ops@daegu.example.kr\">ops@daegu.example.kr</a>")
          .doesNotContain("docs/", "migrate");
      assertThat(banner(app, "en", "en-GB"))
          .startsWith("Operated by Daegu AX &lt;operations&gt; · contact: <a href=\"mailto:ops@daegu.example.kr\">")
          .doesNotContain("docs/", "migrate");
    }
  }

  @Test
  void aContactThatIsNoAddressIsShownAsText() throws IOException {
    WebappLocales phone = new WebappLocales(new OperatorNotice(null, null, "044-202-0000"), JSON);

    JsonNode ko = JSON.readTree(phone.locale("cockpit", "ko", KOREAN_BROWSER).getBody());

    assertThat(ko.path("labels").path("BANNER_CE_EOL_TEXT").asText())
        .contains("과학기술정보통신부", "문의: 044-202-0000").doesNotContain("<a");
  }

  @Test
  void aKoreanReaderGetsKoreanDatesWhicheverFileArrivesLast() throws IOException {
    JsonNode ko = read("tasklist", "ko", KOREAN_BROWSER);
    JsonNode fallback = read("tasklist", "en", KOREAN_BROWSER);

    assertThat(ko.path("dateLocales").path("relativeTime").path("future").asText()).isEqualTo("%s 후");
    assertThat(fallback.has("dateLocales")).isFalse();
    assertThat(fallback.path("labels").path("CLAIM_TASK").asText()).isEqualTo("Claim");
  }

  @Test
  void anEnglishReaderKeepsCamundasEnglishDates() throws IOException {
    for (String browser : new String[] {"en-US,en;q=0.9", "de-DE,de;q=0.9", null}) {
      JsonNode en = read("cockpit", "en", browser);

      assertThat(en.path("dateLocales").path("relativeTime").path("future").asText()).isEqualTo("in %s");
    }
  }

  @Test
  void onlyTheWebappsLocaleFilesAreServed() throws IOException {
    assertThat(locales.locale("engine-rest", "ko", null).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(locales.locale("cockpit", "de", null).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(locales.locale("cockpit", "..", null).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  private String banner(String app, String language, String browser) throws IOException {
    return read(app, language, browser).path("labels").path("BANNER_CE_EOL_TEXT").asText();
  }

  private JsonNode read(String app, String language, String browser) throws IOException {
    ResponseEntity<String> response = locales.locale(app, language, browser);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    return JSON.readTree(response.getBody());
  }
}
