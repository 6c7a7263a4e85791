package kr.axhub.funding.security;

import java.lang.ref.WeakReference;
import org.camunda.bpm.engine.impl.cfg.auth.AuthorizationCommandChecker;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;

/**
 * Camunda's authorization checks, with one repeat left out: {@link OfficialCommands} checks an official's right to
 * work on a task before it validates the input, and the completion (or form submission) that follows in the same
 * command would check the same right of the same official on the same task again. Within that one command, the
 * second check is skipped; every other check, and the same check in any other command, runs as in Camunda.
 */
final class TaskWorkCheckedOnce extends AuthorizationCommandChecker {

  private record Checked(WeakReference<CommandContext> context, String taskId) {}

  private static final ThreadLocal<Checked> CHECKED = new ThreadLocal<>();

  /** The official's right to work on the task was checked in this command; the command is about to run. */
  static void checked(CommandContext context, TaskEntity task) {
    CHECKED.set(new Checked(new WeakReference<>(context), task.getId()));
  }

  /** The command that followed the check has ended. */
  static void forget() {
    CHECKED.remove();
  }

  @Override
  public void checkTaskWork(TaskEntity task) {
    Checked checked = CHECKED.get();
    CommandContext current = Context.getCommandContext();
    if (checked != null && current != null && checked.context().get() == current
        && checked.taskId().equals(task.getId())) {
      return;
    }
    super.checkTaskWork(task);
  }
}
