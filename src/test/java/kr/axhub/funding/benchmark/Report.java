package kr.axhub.funding.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark's results as Markdown: sections of notes and tables, printed as each part finishes and written to
 * {@code target/benchmark/report.md}, so a run cut short still leaves what it measured.
 */
final class Report {

  private final Path file;
  private final StringBuilder text = new StringBuilder();

  Report(Path file) {
    this.file = file;
  }

  void section(String title) {
    append("\n## " + title + "\n\n");
  }

  void note(String line) {
    append(line + "\n\n");
  }

  Table table(String... headers) {
    return new Table(headers);
  }

  static String ms(double millis) {
    return Double.isNaN(millis) ? "–" : millis >= 100 ? String.format(Locale.ROOT, "%.0f", millis)
        : String.format(Locale.ROOT, "%.1f", millis);
  }

  static String num(double value, int decimals) {
    return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%." + decimals + "f", value);
  }

  static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  private synchronized void append(String chunk) {
    System.out.print(chunk);
    System.out.flush();
    text.append(chunk);
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A table printed when {@link #print()} is called. */
  final class Table {

    private final String[] headers;
    private final List<String[]> rows = new ArrayList<>();

    private Table(String[] headers) {
      this.headers = headers;
    }

    Table row(Object... cells) {
      String[] row = new String[cells.length];
      for (int i = 0; i < cells.length; i++) {
        row[i] = String.valueOf(cells[i]);
      }
      rows.add(row);
      return this;
    }

    void print() {
      StringBuilder table = new StringBuilder();
      table.append("| ").append(String.join(" | ", headers)).append(" |\n|");
      for (int i = 0; i < headers.length; i++) {
        table.append(i == 0 ? "---|" : "---:|");
      }
      table.append('\n');
      for (String[] row : rows) {
        table.append("| ").append(String.join(" | ", row)).append(" |\n");
      }
      append(table.append('\n').toString());
    }
  }
}
