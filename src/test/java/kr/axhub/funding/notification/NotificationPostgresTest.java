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
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox on a real PostgreSQL: the migration runs, a duplicate notification inside an official's transaction
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
    new JdbcTemplate(dataSource).update("DELETE FROM axhub_notification");
    NotificationRepository repository = new NotificationRepository(dataSource);
    for (int i = 0; i < 30; i++) {
      repository.insertIfAbsent(draft("pg-race-" + i, "race" + i + "@example.kr"), Instant.now().minusSeconds(1));
    }
    int port = MailTestSupport.freePort();
    GreenMail smtp = MailTestSupport.smtp(port);
    smtp.start();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      JavaMailSenderImpl sender = new JavaMailSenderImpl();
      sender.setHost("localhost");
      sender.setPort(port);
      ObjectProvider<JavaMailSender> provider =
          new StaticListableBeanFactory(Map.of("mailSender", sender)).getBeanProvider(JavaMailSender.class);
      NotificationProperties properties = new NotificationProperties(null, null, null, null, null, null, null, null,
          null, null, null, null, 7, null, null, null);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Integer>> sent = new ArrayList<>();
      for (String node : List.of("pg-node-a", "pg-node-b")) {
        NotificationDispatcher dispatcher = new NotificationDispatcher(new NotificationRepository(dataSource),
            properties, provider, null, new SimpleMeterRegistry(), node);
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
      assertThat(repository.countByStatus(NotificationStatus.SENT)).isEqualTo(30);
    } finally {
      pool.shutdown();
      smtp.stop();
    }
  }

  private static NotificationDraft draft(String key, String address) {
    return new NotificationDraft(NotificationKind.OUTCOME, key, address, null, "제목 " + key + " (Subject)",
        "본문 (Body)", null, null, null, "AX-PG-2026");
  }
}
