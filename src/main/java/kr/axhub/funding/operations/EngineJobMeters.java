package kr.axhub.funding.operations;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.metrics.Meter;
import org.camunda.bpm.engine.management.Metrics;
import org.springframework.stereotype.Component;

/**
 * The job executor's own counts on this node (acquisition attempts, jobs acquired, run, failed, rejected) as
 * Prometheus counters {@code camunda_job_*_total}. The engine clears its meters every time it writes them to its
 * metric log, so each is replaced by one that also keeps a running total: the engine's log is unchanged and the
 * counters here only grow, as Prometheus expects.
 */
@Component
class EngineJobMeters extends AbstractProcessEnginePlugin {

  private static final List<String> JOB_METERS = List.of(Metrics.JOB_ACQUISITION_ATTEMPT,
      Metrics.JOB_ACQUIRED_SUCCESS, Metrics.JOB_ACQUIRED_FAILURE, Metrics.JOB_EXECUTION_REJECTED,
      Metrics.JOB_SUCCESSFUL, Metrics.JOB_FAILED, Metrics.JOB_LOCKED_EXCLUSIVE);

  private final MeterRegistry registry;

  EngineJobMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getMetricsRegistry() == null) {
      return;
    }
    Map<String, Meter> meters = configuration.getMetricsRegistry().getDbMeters();
    for (String name : JOB_METERS) {
      RunningTotal meter = new RunningTotal(name);
      meters.put(name, meter);
      FunctionCounter.builder("camunda." + name.replace('-', '.'), meter, RunningTotal::total)
          .description("Camunda job executor: " + name + " on this node since it started")
          .register(registry);
    }
  }

  private static final class RunningTotal extends Meter {

    private final AtomicLong total = new AtomicLong();

    RunningTotal(String name) {
      super(name);
    }

    @Override
    public void mark() {
      markTimes(1);
    }

    @Override
    public void markTimes(long times) {
      total.addAndGet(times);
      super.markTimes(times);
    }

    double total() {
      return total.get();
    }
  }
}
