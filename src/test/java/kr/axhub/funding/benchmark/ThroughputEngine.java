package kr.axhub.funding.benchmark;

import static kr.axhub.funding.pipeline.PipelineElements.END_PROGRAMME_LAUNCHED;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import kr.axhub.funding.benchmark.Databases.Database;
import kr.axhub.funding.benchmark.PipelineThroughput.Engine;
import kr.axhub.funding.notification.Notification;
import kr.axhub.funding.notification.NotificationDispatcher;
import kr.axhub.funding.notification.NotificationProperties;
import kr.axhub.funding.notification.NotificationRepository;
import kr.axhub.funding.notification.NotificationStatus;
import kr.axhub.funding.notification.NotificationTemplates;
import kr.axhub.funding.postgres.ProgrammeWalk;
import kr.axhub.funding.support.Officials;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * One engine of the throughput part walking its programmes on one database, in a JVM of its own: started by
 * {@link #inOwnJvm} with the benchmark's class path, heap and {@code bench.*} options, it writes its measurements to
 * a file the benchmark reads back. Started with a control port ({@link InterleavedThroughput}), it warms up and
 * walks each measured programme only when the benchmark tells it to. Its output goes to {@code target/benchmark/throughput-<database>-<engine>.log}.
 * The environment variable {@code BENCH_ENGINE_JAVA_OPTS} adds JVM options to these JVMs only, e.g. a flight
 * recording of one engine.
 */
final class ThroughputEngine {

  static final List<Integer> THREADS = Options.list("bench.throughput.threads", "1,2,4").stream()
      .map(Integer::parseInt).toList();
  static final int WARM_UP = Options.integer("bench.throughput.warmup", 20);
  /**
   * Warm-up goes on past {@link #WARM_UP} programmes until the JIT compilers took less than this share of the JVM's
   * CPU over the last {@value #SETTLE_WINDOW} programmes, and stops at {@link #WARM_UP_MAX} whatever the share: on
   * 2 cores the compilers were still taking a third of the JVM's CPU after 40 programmes of the application (a
   * programme runs most of its code a few times only, so it takes hundreds of programmes to reach the compilers'
   * thresholds), and a fixed warm-up measured the application, with more code to compile, earlier on that curve
   * than the bare engine. {@code 1} stops at {@link #WARM_UP}. What this does not remove is the spread from one JVM
   * to the next of the same engine once settled (docs/benchmarks.md): that needs rounds.
   */
  static final double SETTLED = share(Options.text("bench.throughput.settled", "0.1"));
  static final int WARM_UP_MAX = Math.max(WARM_UP, Options.integer("bench.throughput.warmup-max", 300));
  private static final int SETTLE_WINDOW = 20;
  /** Programmes per measurement, whatever the thread count. */
  static final int PROGRAMMES = Options.integer("bench.throughput.programmes", 40);
  static final boolean COUNT_STATEMENTS = !Options.text("bench.throughput.statements", "true")
      .equalsIgnoreCase("false");
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
  private static final com.sun.management.ThreadMXBean ALLOCATION = (com.sun.management.ThreadMXBean) CPU;
  private static final long LIMIT_MINUTES = 120;

  /**
   * One thread count's programmes: each one's wall time, CPU time and bytes allocated by the thread that walked it
   * (MiB; on H2 including the database's work). Allocation varies far less than CPU time from one JVM to the next,
   * so it shows a change in the work done per programme that CPU time, at this machine's spread, may hide.
   *
   * <p>Beside the walking thread's CPU time, the whole JVM's less its JIT compilers' ({@link RestLatencyCpu}): the
   * garbage collector's work for what the programme allocated, H2's background writer, and the engine's own
   * background threads (the application's file compaction, its schedulers) count too, wherever the work ran. At
   * one thread it is taken per programme ({@code processCpuMillis}); at several, programmes overlap, so only the
   * whole measurement's ({@code processCpuSeconds}) is kept.
   */
  record Measurement(int threads, int programmes, double seconds, List<Double> programmeMillis,
      List<Double> cpuMillis, List<Double> allocatedMib, long statements, List<Double> processCpuMillis,
      double processCpuSeconds, double compilerSeconds) implements Serializable {
    double perSecond() {
      return programmes / seconds;
    }

    /** The JVM's CPU ms per programme without its compilers: the median at one thread, else the mean. */
    double processCpu() {
      return processCpuMillis.isEmpty() ? processCpuSeconds * 1000 / programmes
          : Stats.of(processCpuMillis).median();
    }

    double medianMillis() {
      return Stats.of(programmeMillis).median();
    }

    double medianCpu() {
      return Stats.of(cpuMillis).median();
    }

    double medianAllocated() {
      return Stats.of(allocatedMib).median();
    }

    double statementsPerProgramme() {
      return COUNT_STATEMENTS ? (double) statements / programmes : Double.NaN;
    }

    /** The JIT compilers' share of the JVM's CPU during the measurement (NaN where threads cannot be read). */
    double compilerShare() {
      return compilerSeconds / (processCpuSeconds + compilerSeconds);
    }

    /** Measurements at the same thread count as one: their programmes in order, their times and counts summed. */
    static Measurement pooled(List<Measurement> parts) {
      int programmes = 0;
      double seconds = 0;
      long statements = 0;
      List<Double> millis = new ArrayList<>();
      List<Double> cpu = new ArrayList<>();
      List<Double> allocated = new ArrayList<>();
      List<Double> processCpu = new ArrayList<>();
      double processSeconds = 0;
      double compilerSeconds = 0;
      for (Measurement m : parts) {
        programmes += m.programmes();
        seconds += m.seconds();
        statements += m.statements();
        millis.addAll(m.programmeMillis());
        cpu.addAll(m.cpuMillis());
        allocated.addAll(m.allocatedMib());
        processCpu.addAll(m.processCpuMillis());
        processSeconds += m.processCpuSeconds();
        compilerSeconds += m.compilerSeconds();
      }
      return new Measurement(parts.get(0).threads(), programmes, seconds, millis, cpu, allocated, statements,
          processCpu, processSeconds, compilerSeconds);
    }
  }

  /** How long an engine warmed up: its programmes, and the compilers' share of the JVM's CPU over the last ones. */
  record WarmUp(int programmes, double compilerShare) implements Serializable {}

  /** The H2 file's size while the engine ran. */
  record FileSize(String when, long programmes, double mib) implements Serializable {}

  /**
   * The application's notices of the whole run, sent after it: they are recorded as values in the official's
   * transaction and rendered when they are sent, so that work is outside the walking thread's figures. First each
   * notice rendered alone (what left the official's transaction), then the whole sending by the application's
   * dispatcher to a real SMTP server in this JVM (the server's own threads not counted): CPU time and bytes
   * allocated of the thread that did it, over every notice of every programme launched.
   */
  record Sending(long programmes, int notices, double renderCpuMillis, double renderMib, int sent,
      double dispatchSeconds, double dispatchCpuMillis, double dispatchMib) implements Serializable {}

  /**
   * One engine's run on one database: a measurement per thread count, at one thread the statements per step, and
   * the H2 file's size as programmes accumulated.
   */
  record EngineRun(Map<Integer, Measurement> measurements, Map<String, Long> stepStatements, int stepProgrammes,
      List<FileSize> fileSizes, WarmUp warmUp, Sending sending) implements Serializable {

    EngineRun withSending(Sending measured) {
      return new EngineRun(measurements, stepStatements, stepProgrammes, fileSizes, warmUp, measured);
    }
  }

  private ThroughputEngine() {}

  /** Runs the engine on the database in a new JVM and returns what it measured. */
  static EngineRun inOwnJvm(Database database, Engine engine) throws IOException, InterruptedException {
    return start(database, engine, null).awaitRun();
  }

  /**
   * Starts the engine on the database in a new JVM. Without a control port it walks all its programmes on its own;
   * with one it connects to that port on the loopback interface and walks only when told
   * ({@link InterleavedThroughput}).
   */
  static Started start(Database database, Engine engine, Integer controlPort) throws IOException {
    String name = database.kind().toLowerCase(Locale.ROOT) + "-" + engine.name().toLowerCase(Locale.ROOT);
    Path directory = Path.of("target", "benchmark");
    Files.createDirectories(directory);
    Path results = directory.resolve("throughput-" + name + ".results");
    Path log = directory.resolve("throughput-" + name + ".log");
    Files.deleteIfExists(results);
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + Runtime.getRuntime().maxMemory() / (1024 * 1024) + "m"));
    String extra = System.getenv("BENCH_ENGINE_JAVA_OPTS");
    if (extra != null && !extra.isBlank()) {
      command.addAll(List.of(extra.trim().replace("{engine}", name).split("\\s+")));
    }
    for (String option : Options.NAMES) {
      String value = System.getProperty(option);
      if (value != null) {
        command.add("-D" + option + "=" + value);
      }
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), ThroughputEngine.class.getName(),
        engine.name(), database.kind(), database.url(), database.user(), database.password(), results.toString()));
    if (controlPort != null) {
      command.add(controlPort.toString());
    }
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new Started(name, process, results, log);
  }

  /** An engine's JVM, started by {@link #start}. */
  record Started(String name, Process process, Path resultsFile, Path log) {

    /** Waits for the JVM to end and reads what it measured. */
    EngineRun awaitRun() throws IOException, InterruptedException {
      if (!process.waitFor(LIMIT_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException("The " + name + " engine did not finish in " + LIMIT_MINUTES + " min; see "
            + log);
      }
      if (process.exitValue() != 0 || !Files.exists(resultsFile)) {
        throw new IllegalStateException("The " + name + " engine failed (exit " + process.exitValue() + "); see "
            + log);
      }
      try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(resultsFile))) {
        return (EngineRun) in.readObject();
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * Arguments: engine, database kind, URL, user, password, the file for the results, and optionally the port of
   * the benchmark's control connection ({@link #start}).
   */
  public static void main(String[] args) throws Exception {
    Engine which = Engine.valueOf(args[0]);
    Database plain = new Database(args[1], args[2], args[3], args[4]);
    Integer controlPort = args.length > 6 ? Integer.valueOf(args[6]) : null;
    EngineRun run = run(plain, which, controlPort);
    try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(Path.of(args[5])))) {
      out.writeObject(run);
    }
    // Web servers and pools of closed contexts may leave non-daemon threads behind.
    System.exit(0);
  }

  private static EngineRun run(Database plain, Engine which, Integer controlPort) throws Exception {
    Database database = COUNT_STATEMENTS ? plain.counted() : plain;
    if (which == Engine.BARE || which == Engine.BARE_AUTHORIZED) {
      boolean authorized = which == Engine.BARE_AUTHORIZED;
      ProcessEngine engine = BareEngine.start(database, authorized);
      try {
        if (authorized) {
          Application.createOfficials(engine);
        }
        return measure(engine, authorized, database, which, controlPort);
      } finally {
        BareEngine.close(engine);
      }
    }
    String[] arguments = which == Engine.APPLICATION ? new String[0]
        : new String[] {"--camunda.bpm.authorization.enabled=false"};
    try (Application app = Application.start(database, arguments)) {
      app.createOfficials();
      EngineRun run = measure(app.engine(), true, database, which, controlPort);
      return run.withSending(send(app));
    }
  }

  private static Sending send(Application app) throws IOException {
    NotificationRepository repository = app.bean(NotificationRepository.class);
    NotificationTemplates templates = app.bean(NotificationTemplates.class);
    long programmes = launched(app.engine());
    List<Notification> pending = repository.list(NotificationStatus.PENDING, null, 10_000_000);
    long allocatedBefore = ALLOCATION.getCurrentThreadAllocatedBytes();
    long cpuBefore = CPU.getCurrentThreadCpuTime();
    long characters = 0;
    for (Notification notice : pending) {
      NotificationTemplates.Rendered text = templates.render(notice);
      characters += text.subject().length() + text.body().length();
    }
    double renderCpu = (CPU.getCurrentThreadCpuTime() - cpuBefore) / 1e6;
    double renderMib = (ALLOCATION.getCurrentThreadAllocatedBytes() - allocatedBefore) / 1048576.0;
    if (characters == 0 && !pending.isEmpty()) {
      throw new IllegalStateException("The notices rendered to nothing");
    }
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    try {
      JavaMailSenderImpl sender = new JavaMailSenderImpl();
      sender.setHost("127.0.0.1");
      sender.setPort(port);
      NotificationDispatcher dispatcher = new NotificationDispatcher(repository, templates,
          app.bean(NotificationProperties.class),
          new StaticListableBeanFactory(Map.of("mailSender", sender)).getBeanProvider(JavaMailSender.class),
          app.engine().getRuntimeService(), new SimpleMeterRegistry());
      allocatedBefore = ALLOCATION.getCurrentThreadAllocatedBytes();
      cpuBefore = CPU.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      int sent = 0;
      for (int round = dispatcher.dispatchDue(); round > 0; round = dispatcher.dispatchDue()) {
        sent += round;
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      double dispatchCpu = (CPU.getCurrentThreadCpuTime() - cpuBefore) / 1e6;
      double dispatchMib = (ALLOCATION.getCurrentThreadAllocatedBytes() - allocatedBefore) / 1048576.0;
      if (sent != pending.size() || smtp.getReceivedMessages().length != sent) {
        throw new IllegalStateException(pending.size() + " notices pending, " + sent + " sent, "
            + smtp.getReceivedMessages().length + " received by the mail server");
      }
      System.out.printf(Locale.ROOT, "Sent %d notices of %d programmes in %.1f s%n", sent, programmes, seconds);
      return new Sending(programmes, pending.size(), renderCpu, renderMib, sent, seconds, dispatchCpu, dispatchMib);
    } finally {
      smtp.stop();
    }
  }

  private static EngineRun measure(ProcessEngine engine, boolean asOfficials, Database database, Engine which,
      Integer controlPort) throws Exception {
    JavaApiWalk walker = new JavaApiWalk(engine, asOfficials);
    AtomicInteger sequence = new AtomicInteger();
    List<FileSize> fileSizes = new ArrayList<>();
    if (controlPort != null) {
      return measureWhenTold(walker, sequence, fileSizes, engine, database, which, controlPort);
    }
    WarmUp warmUp = warmUp(walker, sequence);
    System.out.printf(Locale.ROOT, "Warmed up after %d programmes, the compilers at %.1f %% of the JVM's CPU%n",
        warmUp.programmes(), warmUp.compilerShare() * 100);
    fileSize(engine, database, "after warm-up", fileSizes);
    Map<Integer, Measurement> results = new LinkedHashMap<>();
    Map<String, Long> stepStatements = Map.of();
    int stepProgrammes = 1;
    for (int threads : THREADS) {
      boolean record = COUNT_STATEMENTS && threads == THREADS.get(0);
      walker.record(record);
      results.put(threads, drive(walker, sequence, threads, PROGRAMMES));
      if (record) {
        stepStatements = new LinkedHashMap<>(walker.stepStatements());
        stepProgrammes = PROGRAMMES;
        writeTexts(database, which, PROGRAMMES);
      }
      walker.record(false);
      fileSize(engine, database, "after " + threads + " thread(s)", fileSizes);
    }
    long launched = launched(engine);
    if (launched != sequence.get()) {
      throw new IllegalStateException(launched + " programmes launched, " + sequence.get() + " walked");
    }
    return new EngineRun(results, stepStatements, stepProgrammes, fileSizes, warmUp, null);
  }

  /**
   * The engine's side of {@link InterleavedThroughput}: connected to the benchmark, it says {@code ready}, warms up
   * on {@code warm-up} (answering {@code warmed} and its programmes), walks one measured programme at one thread on
   * each {@code walk} (answering {@code walked}) and returns its run on {@code end}. Between commands it does
   * nothing, so that only one engine's JVM works at a time.
   */
  private static EngineRun measureWhenTold(JavaApiWalk walker, AtomicInteger sequence, List<FileSize> fileSizes,
      ProcessEngine engine, Database database, Engine which, int controlPort) throws Exception {
    WarmUp warmUp = null;
    List<Measurement> walks = new ArrayList<>();
    try (Socket control = new Socket(InetAddress.getLoopbackAddress(), controlPort);
        BufferedReader commands = new BufferedReader(new InputStreamReader(control.getInputStream(),
            StandardCharsets.UTF_8));
        PrintWriter answers = new PrintWriter(new OutputStreamWriter(control.getOutputStream(),
            StandardCharsets.UTF_8), true)) {
      answers.println("ready");
      for (String command = commands.readLine(); !"end".equals(command); command = commands.readLine()) {
        if (command == null) {
          throw new IllegalStateException("The benchmark closed the control connection before the end");
        }
        if (command.equals("warm-up") && warmUp == null) {
          warmUp = warmUp(walker, sequence);
          System.out.printf(Locale.ROOT, "Warmed up after %d programmes, the compilers at %.1f %% of the JVM's "
              + "CPU%n", warmUp.programmes(), warmUp.compilerShare() * 100);
          fileSize(engine, database, "after warm-up", fileSizes);
          walker.record(COUNT_STATEMENTS);
          answers.println("warmed " + warmUp.programmes());
        } else if (command.equals("walk") && warmUp != null) {
          walks.add(drive(walker, sequence, 1, 1));
          answers.println("walked");
        } else {
          throw new IllegalStateException("Unexpected command '" + command + "'"
              + (warmUp == null ? " before the warm-up" : ""));
        }
      }
    }
    if (warmUp == null || walks.isEmpty()) {
      throw new IllegalStateException("The benchmark ended the engine before it was warmed up and measured");
    }
    walker.record(false);
    Map<String, Long> stepStatements = Map.of();
    if (COUNT_STATEMENTS) {
      stepStatements = new LinkedHashMap<>(walker.stepStatements());
      writeTexts(database, which, walks.size());
    }
    fileSize(engine, database, "after the interleaved programmes", fileSizes);
    long launched = launched(engine);
    if (launched != sequence.get()) {
      throw new IllegalStateException(launched + " programmes launched, " + sequence.get() + " walked");
    }
    return new EngineRun(Map.of(1, Measurement.pooled(walks)), stepStatements, walks.size(), fileSizes, warmUp,
        null);
  }

  /**
   * Walks programmes one at a time until at least {@link #WARM_UP} and the compilers have settled
   * ({@link #SETTLED}), at most {@link #WARM_UP_MAX}.
   */
  private static WarmUp warmUp(JavaApiWalk walker, AtomicInteger sequence) throws Exception {
    Deque<RestLatencyCpu.Usage> window = new ArrayDeque<>();
    double share = Double.NaN;
    int programmes = 0;
    while (programmes < WARM_UP_MAX) {
      RestLatencyCpu.Snapshot before = RestLatencyCpu.beforeRun();
      drive(walker, sequence, 1, 1);
      window.addLast(RestLatencyCpu.between(before, RestLatencyCpu.now()));
      programmes++;
      if (window.size() > SETTLE_WINDOW) {
        window.removeFirst();
      }
      share = window.stream().mapToDouble(RestLatencyCpu.Usage::compilerSeconds).sum()
          / window.stream().mapToDouble(RestLatencyCpu.Usage::processSeconds).sum();
      boolean settled = Double.isNaN(share) || share < SETTLED;
      if (programmes >= WARM_UP && (SETTLED >= 1 || window.size() == SETTLE_WINDOW && settled)) {
        break;
      }
    }
    return new WarmUp(programmes, share);
  }

  private static double share(String text) {
    try {
      double share = Double.parseDouble(text);
      if (share > 0) {
        return share;
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw new IllegalArgumentException("Option bench.throughput.settled must be a share above 0 (0.1 is 10 %; 1 "
        + "stops the warm-up at bench.throughput.warmup), not '" + text + "'");
  }

  private static long launched(ProcessEngine engine) {
    return engine.getHistoryService().createHistoricActivityInstanceQuery().activityId(END_PROGRAMME_LAUNCHED)
        .count();
  }

  /** The H2 file while the database is open, as programmes accumulate. */
  private static void fileSize(ProcessEngine engine, Database database, String when, List<FileSize> sizes)
      throws IOException {
    if (database.postgres()) {
      return;
    }
    sizes.add(new FileSize(when, launched(engine), Files.size(Databases.h2File(database)) / 1048576.0));
  }

  /** Statement texts by step and how often each ran per programme, most frequent first, for finding differences. */
  private static void writeTexts(Database database, Engine which, int programmes) throws IOException {
    List<String> lines = StatementCounter.texts().entrySet().stream()
        .sorted(Comparator.comparing((Map.Entry<String, LongAdder> e) -> e.getKey().substring(0,
            e.getKey().indexOf(" | "))).thenComparing(e -> -e.getValue().sum()))
        .map(e -> String.format(Locale.ROOT, "%6.1f  %s", e.getValue().sum() / (double) programmes, e.getKey()))
        .toList();
    Path file = Path.of("target", "benchmark", "statements-" + database.kind().toLowerCase(Locale.ROOT) + "-"
        + which.key + ".txt");
    Files.createDirectories(file.getParent());
    Files.write(file, lines);
  }

  private static Measurement drive(JavaApiWalk walker, AtomicInteger sequence, int threads, int programmes)
      throws Exception {
    List<Double> millis = Collections.synchronizedList(new ArrayList<>());
    List<Double> cpu = Collections.synchronizedList(new ArrayList<>());
    List<Double> allocated = Collections.synchronizedList(new ArrayList<>());
    List<Double> processCpu = Collections.synchronizedList(new ArrayList<>());
    AtomicLong statements = new AtomicLong();
    AtomicInteger remaining = new AtomicInteger(programmes);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    RestLatencyCpu.Snapshot whole = RestLatencyCpu.beforeRun();
    long start = System.nanoTime();
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        workers.add(pool.submit(() -> {
          while (remaining.getAndDecrement() > 0) {
            int n = sequence.getAndIncrement();
            String region = Officials.REGIONS.get(n % Officials.REGIONS.size());
            ProgrammeWalk programme = new ProgrammeWalk(region, String.format(Locale.ROOT, "AX-BENCH-%04d", n));
            RestLatencyCpu.Snapshot jvmBefore = threads == 1 ? RestLatencyCpu.beforeRun() : null;
            long statementsBefore = StatementCounter.count();
            long allocatedBefore = ALLOCATION.getCurrentThreadAllocatedBytes();
            long cpuBefore = CPU.getCurrentThreadCpuTime();
            long begin = System.nanoTime();
            walker.walk(programme);
            millis.add((System.nanoTime() - begin) / 1e6);
            cpu.add((CPU.getCurrentThreadCpuTime() - cpuBefore) / 1e6);
            allocated.add((ALLOCATION.getCurrentThreadAllocatedBytes() - allocatedBefore) / (1024.0 * 1024.0));
            statements.addAndGet(StatementCounter.count() - statementsBefore);
            if (jvmBefore != null) {
              processCpu.add(withoutCompilers(RestLatencyCpu.between(jvmBefore, RestLatencyCpu.now())) * 1000);
            }
          }
          return null;
        }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
    } finally {
      pool.shutdown();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    RestLatencyCpu.Usage usage = RestLatencyCpu.between(whole, RestLatencyCpu.now());
    return new Measurement(threads, programmes, seconds, new ArrayList<>(millis), new ArrayList<>(cpu),
        new ArrayList<>(allocated), statements.get(), new ArrayList<>(processCpu), withoutCompilers(usage),
        usage.compilerSeconds());
  }

  /** The JVM's CPU seconds less its JIT compilers' (all of it where the threads cannot be read). */
  private static double withoutCompilers(RestLatencyCpu.Usage usage) {
    return usage.processSeconds() - (Double.isNaN(usage.compilerSeconds()) ? 0 : usage.compilerSeconds());
  }
}
