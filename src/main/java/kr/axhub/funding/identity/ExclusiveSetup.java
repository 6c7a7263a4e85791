package kr.axhub.funding.identity;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs start-up set-up work in one database transaction that first takes the engine's exclusive lock (the row
 * lock Camunda itself takes for deployments), so nodes starting together on one database do it one after the
 * other: the second finds everything there and changes nothing. Each engine call inside is its own command joining
 * the transaction, so later calls see what earlier ones wrote.
 */
public final class ExclusiveSetup {

  private ExclusiveSetup() {}

  public static void run(ProcessEngine engine, PlatformTransactionManager transactions, Runnable work) {
    new TransactionTemplate(transactions).executeWithoutResult(status -> {
      ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
          .execute(commandContext -> {
            commandContext.getPropertyManager().acquireExclusiveLock();
            return null;
          });
      work.run();
    });
  }
}
