package kr.axhub.funding.tasklist;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.ibatis.builder.xml.XMLMapperBuilder;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.AuthorizationCheck;
import org.camunda.bpm.engine.impl.db.CompositePermissionCheck;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Keeps Tasklist's lists and counts fast at national scale on PostgreSQL. Every open task carries its own
 * authorizations (the engine grants each candidate group READ on the task), so a group's grants grow with its open
 * tasks in every region. Camunda's task query joins all of them to each candidate task
 * ({@code RESOURCE_ID_ IN (task, definition key, '*')}) and deduplicates; PostgreSQL runs that join as a nested loop
 * of tasks by grants (4 s for a region director with 2,500 open tasks in the region and 10,000 in the group,
 * docs/benchmarks.md), and no index or statistic fixes the plan without slowing the reports.
 *
 * <p>On PostgreSQL this plugin maps the engine's task list and count statements to ours
 * ({@code TaskQueryAuthorization.xml}): the same criteria, tenant check and order, selected without the join, and
 * then each task kept if a grant exists on it, its process definition's key or {@code '*'} — three {@code EXISTS},
 * each an index look-up. The grants checked are exactly those of the engine's join (same authorization types, users,
 * groups, resource types and permissions), so the answer is the same task for task. Where the engine checks revokes
 * (a revoke authorization exists for the user or their groups), for administrators and for anything but the task
 * query's plain permission checks, the statement is the engine's own. The engine's statement mappings are copied
 * before ours are added: Camunda's map is shared by every engine in the JVM.
 *
 * <p>{@code axhub.tasklist.authorization-by-exists=false} switches it off (the benchmark compares both).
 */
@Component
public class TaskQueryAuthorization extends AbstractProcessEnginePlugin {

  static final String NAMESPACE = TaskQueryAuthorization.class.getName();
  static final String MAPPING = "kr/axhub/funding/tasklist/TaskQueryAuthorization.xml";
  /** The engine's statements and ours. */
  static final Map<String, String> STATEMENTS = Map.of(
      "selectTaskByQueryCriteria", NAMESPACE + ".selectTasksGrantedByExists",
      "selectTaskCountByQueryCriteria", NAMESPACE + ".selectTaskCountGrantedByExists");

  /** What the engine's criteria fragment sees while it selects the query's tasks: no authorization join. */
  public static final AuthorizationCheck WITHOUT_CHECK = new AuthorizationCheck();

  private static final Logger LOG = LoggerFactory.getLogger(TaskQueryAuthorization.class);

  private final boolean enabled;

  public TaskQueryAuthorization(@Value("${axhub.tasklist.authorization-by-exists:true}") boolean enabled) {
    this.enabled = enabled;
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    if (!enabled || !DbSqlSessionFactory.POSTGRES.equals(configuration.getDatabaseType())) {
      return;
    }
    Configuration mybatis = configuration.getSqlSessionFactory().getConfiguration();
    try (InputStream mapping = TaskQueryAuthorization.class.getClassLoader().getResourceAsStream(MAPPING)) {
      if (mapping == null) {
        throw new IllegalStateException("Missing " + MAPPING);
      }
      new XMLMapperBuilder(mapping, mybatis, MAPPING, mybatis.getSqlFragments()).parse();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    DbSqlSessionFactory sessions = configuration.getDbSqlSessionFactory();
    Map<String, String> mappings = sessions.getStatementMappings() == null ? new HashMap<>()
        : new HashMap<>(sessions.getStatementMappings());
    mappings.putAll(STATEMENTS);
    sessions.setStatementMappings(mappings);
    LOG.info("Task queries check authorizations with EXISTS on PostgreSQL");
  }

  /**
   * Whether our statement checks this query's grants: the engine would join its grant and global authorizations
   * (no revoke is checked), with at least one plain permission check and no composite ones.
   */
  public static boolean byExists(AuthorizationCheck check) {
    // The getter, as the engine's statements read it: checks enabled and at least one permission to check.
    if (check == null || !check.getShouldPerformAuthorizatioCheck() || check.getAuthUserId() == null
        || check.isRevokeAuthorizationCheckEnabled()) {
      return false;
    }
    CompositePermissionCheck permissions = check.getPermissionChecks();
    return permissions != null && permissions.isDisjunctive()
        && permissions.getAtomicChecks() != null && !permissions.getAtomicChecks().isEmpty()
        && (permissions.getCompositeChecks() == null || permissions.getCompositeChecks().isEmpty());
  }
}
