package kr.axhub.funding.operations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An online backup of the embedded H2 database, for administrators: {@code POST /api/admin/backup} writes a zip of
 * the database file with H2's {@code BACKUP TO} while officials go on working. H2 copies the file together with its
 * transaction log, so the copy is consistent: every decision committed before the backup began, none half. Only the
 * running application can do it, since it holds the file open. On PostgreSQL the answer is 409: use {@code pg_dump}.
 */
@RestController
class EmbeddedBackupController {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBackupController.class);
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private final JdbcTemplate jdbc;
  private final Path directory;

  EmbeddedBackupController(DataSource dataSource, @Value("${axhub.backup.directory:./backups}") String directory) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.directory = Path.of(directory).toAbsolutePath().normalize();
  }

  @PostMapping("/api/admin/backup")
  ResponseEntity<Map<String, Object>> backup() throws IOException {
    Boolean embedded = jdbc.execute((Connection connection) ->
        connection.getMetaData().getDatabaseProductName().equalsIgnoreCase("H2")
            && !connection.getMetaData().getURL().startsWith("jdbc:h2:mem:"));
    if (!Boolean.TRUE.equals(embedded)) {
      return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("type", "BackupNotAvailable", "message",
          "온라인 백업은 내장 H2 파일 데이터베이스에서만 됩니다 (online backup is for the embedded H2 file database "
              + "only; back up PostgreSQL with pg_dump, docs/operations.md)"));
    }
    Files.createDirectories(directory);
    String name = "axhub-" + STAMP.format(ZonedDateTime.now(ZoneId.of("Asia/Seoul")));
    Path file = directory.resolve(name + ".zip");
    for (int n = 2; Files.exists(file); n++) {
      file = directory.resolve(name + "-" + n + ".zip");
    }
    jdbc.execute("BACKUP TO '" + file.toString().replace("'", "''") + "'");
    LOG.info("Online backup of the embedded database written to {}", file);
    return ResponseEntity.ok(Map.of("file", file.toString(), "bytes", Files.size(file)));
  }
}
