package kr.axhub.funding.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox on a real PostgreSQL: the migrations run (over a row recorded before notices were kept as values), a
 * notice is stored as its values and keeps the text it was sent with, a duplicate notification inside an official's transaction
 * does not abort that transaction (PostgreSQL aborts a transaction on any failed statement), and two nodes'
 * dispatchers racing over the same rows send each exactly once.
 */
class NotificationPostgresTest {

  private static EmbeddedPostgres postgres;
  private static DataSource dataSource;

  @BeforeAll
  static void startPostgres() throws Exception {
    postgres = EmbeddedPostgres.builder().setOverrideWorkingDirectory(new File("target/embedded-pg")).start();
    dataSource = postgres.getPostgresDatabase();
    // A row recorded before notices were kept as values, with its rendered text, then the migrations after it.
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").baselineOnMigrate(true)
        .baselineVersion("0").target("1").load().migrate();
    new JdbcTemplate(dataSource).update("INSERT INTO axhub_notification (id, kind, dedupe_key, recipient_address, "
        + "subject, body, programme_code, status, attempts, next_attempt_at, created_at) VALUES ('v1-row', 'OUTCOME', "
        + "'v1-row', 'v1@example.kr', '옛 제목 (Old subject)', '옛 본문 (Old body)', 'AX-PG-V1', 'PENDING', 0, "
        + "CURRENT_TIMESTAMP + INTERVAL '1 day', CURRENT_TIMESTAMP - INTERVAL '1 minute')");
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").baselineOnMigrate(true)
        .baselineVersion("0").load().migrate();
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void aDuplicateInsideATransactionIsSkippedWithoutAbortingIt() {
    NotificationRepository repository = new NotificationRepository(dataSource);
    TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    List<Boolean> inserted = tx.execute(status -> List.of(
        repository.insertIfAbsent(draft("pg-dup", "a@example.kr"), Instant.now()).isPresent(),
        repository.insertIfAbsent(draft("pg-dup", "a@example.kr"), Instant.now()).isPresent(),
        repository.insertIfAbsent(draft("pg-other", "b@example.kr"), Instant.now()).isPresent()));
    assertThat(inserted).containsExactly(true, false, true);
    assertThat(repository.list(NotificationStatus.PENDING, "AX-PG-2026", 10)).hasSize(2);
  }

  @Test
  void twoNodesRacingSendEachNotificationOnce() throws Exception {
    new JdbcTemplate(dataSource).update("DELETE FROM axhub_notification WHERE programme_code = 'AX-PG-2026'");
    NotificationRepository repository = new NotificationRepository(dataSource);
    for (int i = 0; i < 30; i++) {
      repository.insertIfAbsent(draft("pg-race-" + i, "race" + i + "@example.kr"), Instant.now().minusSeconds(1));
    }
    int port = MailTestSupport.freePort();
    GreenMail smtp = MailTestSupport.smtp(port);
    smtp.start();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      ObjectProvider<JavaMailSender> provider = MailTestSupport.sender(port);
      NotificationProperties properties = new NotificationProperties(null, null, null, null, null, null, null, null,
          null, null, null, null, 7, null, null, null);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Integer>> sent = new ArrayList<>();
      for (String node : List.of("pg-node-a", "pg-node-b")) {
        NotificationDispatcher dispatcher = new NotificationDispatcher(new NotificationRepository(dataSource),
            new NotificationTemplates(), properties, provider, null, new SimpleMeterRegistry(), node);
        sent.add(pool.submit(() -> {
          go.await();
          return dispatcher.dispatchDue();
        }));
      }
      go.countDown();
      int total = 0;
      for (Future<Integer> result : sent) {
        total += result.get();
      }
      assertThat(total).isEqualTo(30);
      assertThat(smtp.getReceivedMessages()).hasSize(30);
      assertThat(Arrays.stream(smtp.getReceivedMessages()).map(MailTestSupport::subject)).doesNotHaveDuplicates();
      assertThat(repository.list(NotificationStatus.SENT, "AX-PG-2026", 100)).hasSize(30);
    } finally {
      pool.shutdown();
      smtp.stop();
    }
  }

  @Test
  void aNoticeIsStoredAsValuesAndKeepsTheTextItWasSentWithAndAnOlderRowGoesOutAsRendered() throws Exception {
    NotificationRepository repository = new NotificationRepository(dataSource);
    NotificationTemplates templates = new NotificationTemplates();
    String id = repository.insertIfAbsent(new NotificationDraft(NotificationKind.OUTCOME, "pg-values",
        "values@example.kr", null, Map.of("headlineKo", "예산 반영", "headlineEn", "Appropriation recorded",
            "programmeLabel", "대구 AX (AX-PG-V1)", "recipientName", "김대구"), null, null, null, "AX-PG-V1"),
        Instant.now().minusSeconds(1)).orElseThrow();
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    assertThat(jdbc.queryForMap("SELECT subject, body, notice_values FROM axhub_notification WHERE id = ?", id))
        .containsEntry("subject", null).containsEntry("body", null)
        .hasEntrySatisfying("notice_values", json -> assertThat(json.toString()).contains("\"headlineKo\":\"예산 반영\""));
    Notification pending = repository.find(id).map(templates::shown).orElseThrow();
    assertThat(pending.subject()).isEqualTo("[AX 허브] 예산 반영: 대구 AX (AX-PG-V1) (Appropriation recorded)");
    assertThat(pending.body()).contains("김대구");
    assertThat(repository.requeue("v1-row", Instant.now())).isTrue();

    int port = MailTestSupport.freePort();
    GreenMail smtp = MailTestSupport.smtp(port);
    smtp.start();
    try {
      NotificationDispatcher dispatcher = new NotificationDispatcher(repository, templates,
          new NotificationProperties(null, null, null, null, null, null, null, null, null, null, null, null, 7, null,
              null, null),
          MailTestSupport.sender(port), null, new SimpleMeterRegistry(), "pg-values-node");
      dispatcher.dispatchDue();

      assertThat(MailTestSupport.to(smtp, "values@example.kr")).singleElement().satisfies(mail -> {
        assertThat(MailTestSupport.subject(mail)).isEqualTo(pending.subject());
        assertThat(MailTestSupport.body(mail).replace("\r\n", "\n").strip()).isEqualTo(pending.body().strip());
      });
      Notification sent = repository.find(id).orElseThrow();
      assertThat(sent.status()).isEqualTo(NotificationStatus.SENT);
      assertThat(sent.subject()).isEqualTo(pending.subject());
      assertThat(sent.body()).isEqualTo(pending.body());
      assertThat(sent.values()).isNull();

      assertThat(MailTestSupport.to(smtp, "v1@example.kr")).singleElement().satisfies(mail -> {
        assertThat(MailTestSupport.subject(mail)).isEqualTo("옛 제목 (Old subject)");
        assertThat(MailTestSupport.body(mail)).contains("옛 본문 (Old body)");
      });
      assertThat(repository.find("v1-row").orElseThrow().status()).isEqualTo(NotificationStatus.SENT);
    } finally {
      smtp.stop();
    }
  }

  private static NotificationDraft draft(String key, String address) {
    return new NotificationDraft(NotificationKind.OUTCOME, key, address, null,
        Map.of("headlineKo", "제목 " + key, "headlineEn", "Subject", "programmeLabel", "AX-PG-2026"), null, null, null,
        "AX-PG-2026");
  }
}
