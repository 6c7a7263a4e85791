package kr.axhub.funding.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import kr.axhub.funding.FundingPipelineApplication;
import kr.axhub.funding.notification.Notification;
import kr.axhub.funding.notification.NotificationRepository;
import kr.axhub.funding.postgres.ProgrammeWalk.Jobs;
import kr.axhub.funding.postgres.ProgrammeWalk.Kind;
import kr.axhub.funding.postgres.ProgrammeWalk.Step;
import kr.axhub.funding.support.EngineRest;
import kr.axhub.funding.support.EngineRest.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

/**
 * Backups taken while officials work restore into a fresh node with every programme where it stood: the walk of two
 * regions' programmes goes on through REST while the backup runs; the node started on the restored copy has each
 * programme at one step of its walk between the steps confirmed before and those begun by the end of the backup,
 * with exactly the decisions, variables, history and audit of those steps, the notifications of that moment, and
 * goes on from there. Once for the embedded H2 default (online {@code BACKUP TO} through the administrators' API)
 * and once for PostgreSQL ({@code pg_dump -Fc} and {@code pg_restore}, the client tools of docs/operations.md).
 */
class BackupRestoreTest {

  private static final List<String> REGIONS = List.of("daegu", "gwangju");
  private static final int STEPS_BEFORE_BACKUP = 4;
  private static final Path WORK = Path.of("target", "backup-restore");

  private static EmbeddedPostgres postgres;

  @AfterAll
  static void stopPostgres() throws IOException {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void anOnlineBackupOfTheEmbeddedDatabaseRestoresIntoAFreshNode() throws Exception {
    Path dir = fresh("h2");
    String source = "jdbc:h2:file:" + dir.resolve("source/axhub").toAbsolutePath() + ";WRITE_DELAY=0";
    String restored = "jdbc:h2:file:" + dir.resolve("restored/axhub").toAbsolutePath() + ";WRITE_DELAY=0";

    roundTrip(List.of("--spring.profiles.active=test", "--spring.datasource.url=" + source,
            "--axhub.backup.directory=" + dir.resolve("backups").toAbsolutePath()),
        List.of("--spring.profiles.active=test", "--spring.datasource.url=" + restored),
        admin -> {
          Response backup = admin.post("/api/admin/backup", "");
          assertThat(backup.status()).as(backup.text()).isEqualTo(200);
          unzip(Path.of(backup.body().path("file").asText()), dir.resolve("restored"));
        });
  }

  @Test
  void aPgDumpRestoresIntoAFreshNode() throws Exception {
    Path dir = fresh("postgres");
    postgres = EmbeddedPostgres.builder().setOverrideWorkingDirectory(new File("target/embedded-pg"))
        .setRegisterShutdownHook(false).start();
    JdbcTemplate server = new JdbcTemplate(postgres.getPostgresDatabase());
    server.execute("CREATE DATABASE axhub_source");
    server.execute("CREATE DATABASE axhub_restored");
    Path dump = dir.resolve("axhub.dump");

    roundTrip(postgresNode("axhub_source", true), postgresNode("axhub_restored", false), admin -> {
      run("pg_dump", "-Fc", "-h", "localhost", "-p", String.valueOf(postgres.getPort()), "-U", "postgres",
          "-f", dump.toString(), "axhub_source");
      run("pg_restore", "--no-owner", "-h", "localhost", "-p", String.valueOf(postgres.getPort()), "-U", "postgres",
          "-d", "axhub_restored", dump.toString());
    });
  }

  private interface Backup {
    void take(EngineRest admin) throws Exception;
  }

  /**
   * Walks both programmes on a node started with {@code sourceArgs}, takes the backup while the walk goes on, stops
   * the node, starts a fresh one with {@code restoredArgs} and checks it.
   */
  private void roundTrip(List<String> sourceArgs, List<String> restoredArgs, Backup backup) throws Exception {
    List<ProgrammeWalk> walks = REGIONS.stream().map(region -> new ProgrammeWalk(region,
        "AX-" + region.toUpperCase() + "-2027")).toList();
    AtomicIntegerArray confirmed = new AtomicIntegerArray(walks.size());
    AtomicIntegerArray begun = new AtomicIntegerArray(walks.size());
    int[] confirmedBefore = new int[walks.size()];
    int[] begunBy = new int[walks.size()];
    Map<String, Set<String>> sourceActivities;
    Map<String, List<Notification>> sourceNotifications;

    try (ConfigurableApplicationContext source = start(sourceArgs)) {
      EngineRest node = rest(source);
      ProgrammeWalk.createOfficials(node.as(ApplicationNode.ADMIN, ApplicationNode.ADMIN_PASSWORD), REGIONS);
      for (int i = 0; i < walks.size(); i++) {
        walks.get(i).walk(0, STEPS_BEFORE_BACKUP, step -> node, Jobs.BY_HAND);
        confirmed.set(i, STEPS_BEFORE_BACKUP);
        begun.set(i, STEPS_BEFORE_BACKUP);
      }
      ExecutorService walker = Executors.newSingleThreadExecutor();
      Future<?> walking = walker.submit(() -> {
        for (int round = 0; round < 6; round++) {
          for (int i = 0; i < walks.size(); i++) {
            ProgrammeWalk walk = walks.get(i);
            begun.incrementAndGet(i);
            walk.take(walk.steps().get(confirmed.get(i)), node, Jobs.BY_HAND);
            confirmed.incrementAndGet(i);
          }
        }
        return null;
      });
      try {
        for (int i = 0; i < walks.size(); i++) {
          confirmedBefore[i] = confirmed.get(i);
        }
        backup.take(node.as(ApplicationNode.ADMIN, ApplicationNode.ADMIN_PASSWORD));
        for (int i = 0; i < walks.size(); i++) {
          begunBy[i] = begun.get(i);
        }
      } finally {
        walking.get();
        walker.shutdown();
      }
      EngineRest admin = node.as(ApplicationNode.ADMIN, ApplicationNode.ADMIN_PASSWORD);
      sourceActivities = walks.stream().collect(Collectors.toMap(ProgrammeWalk::code,
          walk -> activityInstances(admin, walk.code())));
      NotificationRepository notifications = source.getBean(NotificationRepository.class);
      sourceNotifications = walks.stream().collect(Collectors.toMap(ProgrammeWalk::code,
          walk -> notifications.list(null, walk.code(), 1000)));
    }

    try (ConfigurableApplicationContext restored = start(restoredArgs)) {
      EngineRest node = rest(restored);
      EngineRest admin = node.as(ApplicationNode.ADMIN, ApplicationNode.ADMIN_PASSWORD);
      NotificationRepository notifications = restored.getBean(NotificationRepository.class);
      for (int i = 0; i < walks.size(); i++) {
        ProgrammeWalk walk = walks.get(i);
        int at = stepsDone(admin, walk);
        assertThat(at).as(walk.code() + ": a step between those confirmed before and those begun during the backup")
            .isBetween(confirmedBefore[i], begunBy[i]);
        assertThat(at).as("the programme is not finished, so the backup was taken mid-walk")
            .isLessThan(walk.steps().size());
        checkProgramme(admin, walk, at, sourceActivities.get(walk.code()));
        checkNotifications(notifications.list(null, walk.code(), 1000), sourceNotifications.get(walk.code()),
            admin, walk.steps().get(at));
        walk.walk(at, at + 2, step -> node, Jobs.BY_HAND);
      }
    }
  }

  /** How many steps of the walk the node has done: a prefix, never a step done after one left out. */
  private static int stepsDone(EngineRest admin, ProgrammeWalk walk) {
    int done = 0;
    while (done < walk.steps().size() && isDone(admin, walk.steps().get(done))) {
      done++;
    }
    for (int later = done + 1; later < walk.steps().size(); later++) {
      assertThat(isDone(admin, walk.steps().get(later))).as(walk.steps().get(later) + " without the steps before")
          .isFalse();
    }
    return done;
  }

  private static boolean isDone(EngineRest admin, Step step) {
    if (step.kind() == Kind.START) {
      return !admin.getJson("/engine-rest/history/process-instance?processInstanceBusinessKey="
          + EngineRest.encode(step.businessKey())).isEmpty();
    }
    JsonNode instances = admin.getJson("/engine-rest/history/process-instance?processInstanceBusinessKey="
        + EngineRest.encode(step.businessKey()));
    return !instances.isEmpty() && !admin.getJson("/engine-rest/history/activity-instance?processInstanceId="
        + instances.get(0).path("id").asText() + "&activityId=" + step.elementId() + "&finished=true").isEmpty();
  }

  /** The decisions, variables, history and audit of exactly the steps done, and the next step waiting. */
  private static void checkProgramme(EngineRest admin, ProgrammeWalk walk, int at, Set<String> sourceActivities) {
    String instanceId = ProgrammeWalk.processInstanceId(admin, walk.code());
    JsonNode variables = admin.getJson("/engine-rest/process-instance/" + instanceId + "/variables");
    int decisions = 0;
    for (Step step : walk.steps().subList(0, at)) {
      if (!step.businessKey().equals(walk.code())) {
        continue;
      }
      if (step.kind() == Kind.COMPLETE || step.kind() == Kind.SUBMIT_FORM) {
        decisions++;
      }
      step.variables().forEach((name, value) -> {
        if (value instanceof Long || value instanceof String text && !text.matches("\\d{4}-\\d{2}-\\d{2}.*")) {
          assertThat(variables.path(name).path("value").asText()).as(step + ": " + name)
              .isEqualTo(String.valueOf(value));
        }
      });
    }
    assertThat(admin.getJson("/api/programmes/" + walk.code() + "/audit")).as("audit of " + walk.code())
        .hasSize(decisions);
    assertThat(sourceActivities).as("every history row restored is one the first node wrote")
        .containsAll(activityInstances(admin, walk.code()));
    Step next = walk.steps().get(at);
    if (next.kind() == Kind.JOB) {
      assertThat(admin.getJson("/engine-rest/job?processInstanceId=" + instanceId + "&activityId="
          + next.elementId())).as(next + " waiting").hasSize(1);
    } else {
      assertThat(admin.taskId(next.businessKey(), next.elementId())).as(next + " waiting").isNotBlank();
    }
  }

  private static void checkNotifications(List<Notification> restored, List<Notification> source, EngineRest admin,
      Step next) {
    assertThat(restored).isNotEmpty();
    for (Notification row : restored) {
      assertThat(source).as("notification " + row.dedupeKey()).anySatisfy(original -> {
        assertThat(original.id()).isEqualTo(row.id());
        assertThat(original.subject()).isEqualTo(row.subject());
        assertThat(original.values()).isEqualTo(row.values());
        assertThat(original.recipientAddress()).isEqualTo(row.recipientAddress());
      });
    }
    if (next.kind() != Kind.JOB) {
      String openTask = admin.taskId(next.businessKey(), next.elementId());
      assertThat(restored).as("the waiting task's notices wait in the outbox")
          .anySatisfy(row -> assertThat(row.taskId()).isEqualTo(openTask));
    }
  }

  /** Activity instances of the programme as "activity@start", comparable across the two nodes. */
  private static Set<String> activityInstances(EngineRest admin, String code) {
    JsonNode instances = admin.getJson("/engine-rest/history/process-instance?processInstanceBusinessKey="
        + EngineRest.encode(code));
    JsonNode activities = admin.getJson("/engine-rest/history/activity-instance?processInstanceId="
        + instances.get(0).path("id").asText());
    Set<String> rows = new HashSet<>();
    activities.forEach(row -> rows.add(row.path("id").asText() + "/" + row.path("activityId").asText() + "@"
        + row.path("startTime").asText()));
    return rows;
  }

  private static List<String> postgresNode(String database, boolean createSchema) {
    return List.of("--spring.profiles.active=postgres,test",
        "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", database),
        "--spring.datasource.username=postgres", "--spring.datasource.password=",
        "--camunda.bpm.database.schema-update=" + createSchema);
  }

  private static ConfigurableApplicationContext start(List<String> args) {
    List<String> all = new ArrayList<>(args);
    all.add("--server.port=0");
    all.add("--axhub.admin.password=" + ApplicationNode.ADMIN_PASSWORD);
    all.add("--axhub.notifications.scheduling-enabled=false");
    return new SpringApplicationBuilder(FundingPipelineApplication.class).run(all.toArray(String[]::new));
  }

  private static EngineRest rest(ConfigurableApplicationContext context) {
    return EngineRest.at(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
  }

  private static Path fresh(String name) throws IOException {
    Path dir = WORK.resolve(name);
    FileSystemUtils.deleteRecursively(dir);
    Files.createDirectories(dir);
    return dir;
  }

  private static void unzip(Path zip, Path into) throws IOException {
    Files.createDirectories(into);
    try (ZipInputStream entries = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
        Path target = into.resolve(entry.getName()).normalize();
        assertThat(target.startsWith(into)).isTrue();
        Files.copy(entries, target);
      }
    }
  }

  /** The PostgreSQL client tools, from the machine (Debian's postgresql-client; .ci/run installs it). */
  private static void run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output;
    try (InputStream out = process.getInputStream()) {
      output = new String(out.readAllBytes());
    }
    assertThat(process.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
  }
}
