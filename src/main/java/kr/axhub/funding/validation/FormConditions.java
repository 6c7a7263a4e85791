package kr.axhub.funding.validation;

import camundajar.impl.scala.util.Either;
import camundajar.impl.scala.util.Left;
import camundajar.impl.scala.util.Right;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.dmn.feel.impl.scala.ContextVariableWrapper;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.feel.FeelEngine;
import org.camunda.feel.context.CustomContext;
import org.camunda.feel.context.VariableProvider;
import org.camunda.feel.syntaxtree.ParsedExpression;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The forms' {@code conditional.hide} expressions, evaluated with the FEEL engine Camunda's decisions use (the same
 * value mappers, so Spin JSON values read as they do there). Each expression is parsed once: a form has a handful of
 * them, while every completion and every check of an official's input evaluates them again. An expression that
 * cannot be parsed or evaluated counts as hiding its field: the server then neither lets anyone set the field nor
 * requires it, rather than guess what the browser showed.
 *
 * <p>The forms' conditions are all of one shape: a name compared with a text or with {@code null}, such comparisons
 * joined by {@code or}. While the values compared are texts or absent, such a condition is decided here directly, as
 * FEEL decides it (absent is {@code null}, and {@code null} equals only {@code null}); any other shape or value goes to
 * FEEL. A FEEL evaluation builds a context and an interpreter's state for what is a string comparison.
 */
final class FormConditions {

  private static final Logger LOG = LoggerFactory.getLogger(FormConditions.class);

  private final FeelEngine feel = new Engine().feel();
  private final Map<String, Either<FeelEngine.Failure, ParsedExpression>> parsed = new ConcurrentHashMap<>();
  private final Map<String, Optional<Condition>> simple = new ConcurrentHashMap<>();

  /** Whether the expression hides its field for these values, read one name at a time. */
  boolean hides(String expression, Map<String, Object> values) {
    Optional<Condition> comparisons = simple.computeIfAbsent(expression, SimpleParser::parse);
    if (comparisons.isPresent()) {
      Boolean decided = comparisons.get().decide(values);
      if (decided != null) {
        return decided;
      }
    }
    Either<FeelEngine.Failure, ParsedExpression> parsedOrFailure =
        parsed.computeIfAbsent(expression, feel::parseExpression);
    if (parsedOrFailure instanceof Left<FeelEngine.Failure, ParsedExpression> failure) {
      return unreadable(expression, failure.value().message());
    }
    ParsedExpression condition = ((Right<FeelEngine.Failure, ParsedExpression>) parsedOrFailure).value();
    Either<FeelEngine.Failure, Object> result;
    try {
      result = feel.eval(condition, context(values));
    } catch (RuntimeException e) {
      return unreadable(expression, e.getMessage());
    }
    if (result instanceof Left<FeelEngine.Failure, Object> failure) {
      return unreadable(expression, failure.value().message());
    }
    return Boolean.TRUE.equals(((Right<FeelEngine.Failure, Object>) result).value());
  }

  private static boolean unreadable(String expression, String why) {
    LOG.warn("Form condition '{}' could not be evaluated; its field is treated as hidden: {}", expression, why);
    return true;
  }

  private static CustomContext context(Map<String, Object> values) {
    VariableProvider variables = new ContextVariableWrapper(ScopeVariables.context(values));
    return new CustomContext() {
      @Override
      public VariableProvider variableProvider() {
        return variables;
      }
    };
  }

  /** Camunda's FEEL engine for decisions, built the same way, whose Scala engine parses and evaluates apart. */
  private static final class Engine extends ScalaFeelEngine {

    Engine() {
      super(List.of());
    }

    FeelEngine feel() {
      return feelEngine;
    }
  }

  /** A condition decided without FEEL; {@code null} where a value compared is neither a text nor absent. */
  private interface Condition {
    Boolean decide(Map<String, Object> values);
  }

  /** {@code name = "text"}, {@code name != "text"}, {@code name = null} or {@code name != null}. */
  private record Comparison(String name, boolean equal, String text) implements Condition {
    @Override
    public Boolean decide(Map<String, Object> values) {
      Object value = values.get(name);
      if (value != null && !(value instanceof String)) {
        return null;
      }
      return equal == Objects.equals(value, text);
    }
  }

  /** Comparisons joined by {@code or}: the first that holds decides, as in FEEL, where true or anything is true. */
  private record AnyOf(List<Condition> parts) implements Condition {
    @Override
    public Boolean decide(Map<String, Object> values) {
      for (Condition part : parts) {
        Boolean holds = part.decide(values);
        if (holds == null || holds) {
          return holds;
        }
      }
      return false;
    }
  }

  /**
   * Reads {@code disjunct (or disjunct)*}, where a disjunct is a comparison or such a list in parentheses; names are
   * plain identifiers and texts have no escapes. Anything else is not this shape and is left to FEEL.
   */
  private static final class SimpleParser {
    private static final Set<String> KEYWORDS = Set.of("null", "or", "and", "not", "true", "false", "in",
        "between", "instance", "of", "if", "then", "else", "for", "some", "every", "satisfies", "function");

    private final String text;
    private int at;

    private SimpleParser(String text) {
      this.text = text;
    }

    static Optional<Condition> parse(String expression) {
      SimpleParser parser = new SimpleParser(expression);
      Condition condition = parser.anyOf();
      parser.skipSpaces();
      return condition != null && parser.at == parser.text.length() ? Optional.of(condition) : Optional.empty();
    }

    private Condition anyOf() {
      List<Condition> parts = new ArrayList<>();
      do {
        Condition part = disjunct();
        if (part == null) {
          return null;
        }
        parts.add(part);
      } while (word("or"));
      return parts.size() == 1 ? parts.get(0) : new AnyOf(List.copyOf(parts));
    }

    private Condition disjunct() {
      if (symbol("(")) {
        Condition inner = anyOf();
        return inner != null && symbol(")") ? inner : null;
      }
      String name = identifier();
      if (name == null || KEYWORDS.contains(name)) {
        return null;
      }
      boolean equal;
      if (symbol("!=")) {
        equal = false;
      } else if (symbol("=")) {
        equal = true;
      } else {
        return null;
      }
      if (word("null")) {
        return new Comparison(name, equal, null);
      }
      String literal = literal();
      return literal == null ? null : new Comparison(name, equal, literal);
    }

    private String identifier() {
      skipSpaces();
      int start = at;
      while (at < text.length() && (Character.isLetter(text.charAt(at)) || text.charAt(at) == '_'
          || (at > start && Character.isDigit(text.charAt(at))))) {
        at++;
      }
      return at > start ? text.substring(start, at) : null;
    }

    private String literal() {
      skipSpaces();
      if (at >= text.length() || text.charAt(at) != '"') {
        return null;
      }
      int end = text.indexOf('"', at + 1);
      if (end < 0 || text.substring(at + 1, end).indexOf('\\') >= 0) {
        return null;
      }
      String literal = text.substring(at + 1, end);
      at = end + 1;
      return literal;
    }

    private boolean word(String word) {
      skipSpaces();
      int end = at + word.length();
      if (text.startsWith(word, at) && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end))
          && text.charAt(end) != '_')) {
        at = end;
        return true;
      }
      return false;
    }

    private boolean symbol(String symbol) {
      skipSpaces();
      if (text.startsWith(symbol, at)) {
        at += symbol.length();
        return true;
      }
      return false;
    }

    private void skipSpaces() {
      while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
        at++;
      }
    }
  }
}
