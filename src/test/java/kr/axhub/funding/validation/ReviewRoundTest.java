package kr.axhub.funding.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What the models' forms declare about a new round of a deciding task, checked on the forms themselves. */
class ReviewRoundTest {

  /**
   * Each field showing an earlier round's value names an input of its own form, on a form with a decision (only
   * those start a new round), and is read-only: the earlier round is context, not something to change.
   */
  @Test
  void everyEarlierRoundFieldShowsAnInputOfADecidingForm() throws IOException {
    Map<String, FormSchema> declaring = new HashMap<>();
    for (Map.Entry<Path, FormSchema> form : deployedForms().entrySet()) {
      FormSchema schema = form.getValue();
      if (schema.earlierRounds().isEmpty()) {
        continue;
      }
      declaring.put(schema.formId(), schema);
      assertThat(schema.decisions()).as("%s has a decision", form.getKey()).isNotEmpty();
      schema.earlierRounds().forEach((earlier, input) -> {
        assertThat(schema.fields()).as("%s: %s shows an input", form.getKey(), earlier)
            .anyMatch(field -> field.key().equals(input))
            .noneMatch(field -> field.key().equals(earlier));
        assertThat(schema.labels().get(earlier)).as("%s: label of %s", form.getKey(), earlier)
            .matches("(?s).*\\p{IsHangul}.*\\(.*[A-Za-z].*\\).*");
      });
    }
    assertThat(declaring).containsOnlyKeys("pipeline-approve-proposal-internally", "pipeline-review-proposal",
        "pipeline-review-exemption-request", "pipeline-record-cabinet-resolution",
        "pipeline-review-business-plan-adequacy");
    assertThat(declaring.get("pipeline-review-proposal").earlierRounds())
        .containsEntry("earlierProposalReviewReason", "proposalReviewReason");
  }

  private static Map<Path, FormSchema> deployedForms() throws IOException {
    Map<Path, FormSchema> forms = new HashMap<>();
    try (Stream<Path> files = Files.list(Path.of("processes/forms"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".form")).toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          forms.put(file, FormSchema.parse(in));
        }
      }
    }
    return forms;
  }
}
