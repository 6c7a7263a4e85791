package kr.axhub.funding.validation;

import camundajar.impl.scala.util.Either;
import camundajar.impl.scala.util.Left;
import camundajar.impl.scala.util.Right;
import java.util.List;
import java.util.Map;
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
 */
final class FormConditions {

  private static final Logger LOG = LoggerFactory.getLogger(FormConditions.class);

  private final FeelEngine feel = new Engine().feel();
  private final Map<String, Either<FeelEngine.Failure, ParsedExpression>> parsed = new ConcurrentHashMap<>();

  /** Whether the expression hides its field for these values, read one name at a time. */
  boolean hides(String expression, Map<String, Object> values) {
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
}
