package kr.axhub.funding.webapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import kr.axhub.funding.identity.OfficialGroups;
import kr.axhub.funding.identity.Regions;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The words for the codes a manager would otherwise read in Cockpit's plugin tabs: regions, groups, and every choice
 * of every form by its field (an exemption ground, a track, a decision), with the label the official chose it by.
 * Served under the webapps' own session ({@code /camunda/api/axhub/labels}); read once when the forms are packaged, so
 * a form's new choice shows in words without touching the plugin.
 */
@RestController
class DisplayLabels {

  /** Region ids are lower-case romanisations; the English name capitalises them. */
  record Region(String ko, String en) {}

  record Labels(Map<String, Region> regions, Map<String, String> groups, Map<String, Map<String, String>> choices) {}

  private final Labels labels;

  DisplayLabels(ObjectMapper json) throws IOException {
    Map<String, Region> regions = new LinkedHashMap<>();
    Regions.ALL.forEach(r -> regions.put(r, new Region(Regions.koreanName(r),
        Character.toUpperCase(r.charAt(0)) + r.substring(1))));
    Map<String, String> groups = new LinkedHashMap<>();
    OfficialGroups.ALL.forEach(g -> groups.put(g.id(), g.name()));
    Map<String, Map<String, String>> choices = new TreeMap<>();
    for (Resource form : new PathMatchingResourcePatternResolver().getResources("classpath*:processes/forms/*.form")) {
      try (InputStream in = form.getInputStream()) {
        collect(json.readTree(in).path("components"), choices);
      }
    }
    this.labels = new Labels(regions, groups, choices);
  }

  @GetMapping("/camunda/api/axhub/labels")
  Labels labels() {
    return labels;
  }

  private static void collect(JsonNode components, Map<String, Map<String, String>> choices) {
    for (JsonNode component : components) {
      if (component.hasNonNull("key") && component.path("values").isArray()) {
        Map<String, String> field = choices.computeIfAbsent(component.get("key").asText(), k -> new LinkedHashMap<>());
        component.path("values").forEach(v -> field.putIfAbsent(v.path("value").asText(), v.path("label").asText()));
      }
      collect(component.path("components"), choices);
    }
  }
}
