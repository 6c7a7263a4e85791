package kr.axhub.funding.webapp;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.web.util.HtmlUtils;

/**
 * Who operates this installation and how to reach them ({@code axhub.operator.*}): shown once, in the strip at the top
 * of every webapp where Camunda 7.24 CE puts its "time to migrate" banner. Set per installation in application.yaml or
 * the environment ({@code AXHUB_OPERATOR_CONTACT}); every value has a default.
 *
 * @param nameKo the operating team in Korean
 * @param nameEn the operating team in English
 * @param contact an e-mail address (shown as a link) or any other way to reach the team (shown as text)
 */
@ConfigurationProperties("axhub.operator")
public record OperatorNotice(String nameKo, String nameEn, String contact) {

  public OperatorNotice {
    nameKo = nameKo == null ? "과학기술정보통신부 지역거점 AX 혁신 사업 추진 관리 운영팀" : nameKo;
    nameEn = nameEn == null ? "AX Hub Funding Pipeline operations team, Ministry of Science and ICT" : nameEn;
    contact = contact == null ? "axhub-ops@msit.example.kr" : contact;
  }

  /** The strip's text (HTML) in the reader's language: Korean for {@code ko}, English otherwise. */
  String html(String language) {
    String reach = contact.contains("@")
        ? "<a href=\"mailto:" + HtmlUtils.htmlEscape(contact) + "\">" + HtmlUtils.htmlEscape(contact) + "</a>"
        : HtmlUtils.htmlEscape(contact);
    return "ko".equals(language)
        ? "운영: " + HtmlUtils.htmlEscape(nameKo) + " · 문의: " + reach
            + " · Camunda 7 Community Edition 7.24 (Camunda 7 CE의 마지막 릴리스)"
        : "Operated by " + HtmlUtils.htmlEscape(nameEn) + " · contact: " + reach
            + " · Camunda 7 Community Edition 7.24, the last Camunda 7 CE release";
  }
}
