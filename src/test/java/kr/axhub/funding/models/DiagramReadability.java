package kr.axhub.funding.models;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.Task;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnPlane;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.bpmn.instance.di.Waypoint;

/**
 * What makes a plane of a model readable in Cockpit's 1200 × 600 canvas, measured on its diagram interchange: it
 * fits at zoom 0.5 (at most 2400 × 1200), at most {@value #MAX_CROSSINGS} edges cross, no edge runs through a shape
 * or a label other than its own ends, no shapes or labels overlap, and every name fits its shape or label box.
 *
 * <p>Text is estimated the way bpmn-js lays it out: 12 px inside shapes and 11 px in external labels (wrapped at
 * 90 px), line height 1.2, a Hangul or CJK character as wide as the font size, any other character 0.55 of it, lines
 * broken at spaces and after hyphens. Inside a shape the text keeps 10 px from the sides and 18 px from top and
 * bottom (the markers of collapsed sub-processes and loops); in a task it also keeps clear of the type icon in the
 * top-left corner.
 */
final class DiagramReadability {

  static final double MAX_WIDTH = 2400;
  static final double MAX_HEIGHT = 1200;
  static final int MAX_CROSSINGS = 3;
  private static final double EMBEDDED_FONT = 12;
  private static final double EXTERNAL_FONT = 11;
  private static final double EXTERNAL_WIDTH = 90;
  private static final double LINE_HEIGHT = 1.2;

  private record Box(double x, double y, double w, double h) {
    static Box of(Bounds b) {
      return new Box(b.getX(), b.getY(), b.getWidth(), b.getHeight());
    }

    boolean overlaps(Box o) {
      return x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h;
    }

    /** Whether the segment enters the box's interior (1 px inside its border). */
    boolean cutBy(double[] p, double[] q) {
      double x0 = x + 1;
      double y0 = y + 1;
      double x1 = x + w - 1;
      double y1 = y + h - 1;
      double dx = q[0] - p[0];
      double dy = q[1] - p[1];
      double t0 = 0;
      double t1 = 1;
      double[][] sides = {{-dx, p[0] - x0}, {dx, x1 - p[0]}, {-dy, p[1] - y0}, {dy, y1 - p[1]}};
      for (double[] side : sides) {
        if (side[0] == 0) {
          if (side[1] < 0) {
            return false;
          }
        } else {
          double t = side[1] / side[0];
          if (side[0] < 0) {
            t0 = Math.max(t0, t);
          } else {
            t1 = Math.min(t1, t);
          }
        }
      }
      return t0 < t1;
    }
  }

  private record Label(String owner, Box box, String text) {}

  private DiagramReadability() {}

  /** Every problem of every plane of the model, each naming its plane; empty when the model reads well. */
  static List<String> problems(BpmnModelInstance model) {
    List<String> problems = new ArrayList<>();
    for (BpmnPlane plane : model.getModelElementsByType(BpmnPlane.class)) {
      String name = plane.getBpmnElement() == null ? plane.getId() : plane.getBpmnElement().getId();
      for (String problem : problems(plane)) {
        problems.add(name + ": " + problem);
      }
    }
    return problems;
  }

  private static List<String> problems(BpmnPlane plane) {
    List<String> problems = new ArrayList<>();
    List<BpmnShape> shapes = new ArrayList<>(plane.getChildElementsByType(BpmnShape.class));
    List<BpmnEdge> edges = new ArrayList<>(plane.getChildElementsByType(BpmnEdge.class));
    List<Label> labels = new ArrayList<>();
    double minX = Double.MAX_VALUE;
    double minY = Double.MAX_VALUE;
    double maxX = -Double.MAX_VALUE;
    double maxY = -Double.MAX_VALUE;
    List<Box> extent = new ArrayList<>();
    for (BpmnShape shape : shapes) {
      extent.add(Box.of(shape.getBounds()));
      if (shape.getBpmnLabel() != null && shape.getBpmnLabel().getBounds() != null) {
        labels.add(new Label(shape.getBpmnElement().getId(), Box.of(shape.getBpmnLabel().getBounds()),
            name(shape.getBpmnElement())));
      }
    }
    for (BpmnEdge edge : edges) {
      for (Waypoint w : edge.getWaypoints()) {
        extent.add(new Box(w.getX(), w.getY(), 0, 0));
      }
      if (edge.getBpmnLabel() != null && edge.getBpmnLabel().getBounds() != null) {
        labels.add(new Label(edge.getBpmnElement().getId(), Box.of(edge.getBpmnLabel().getBounds()),
            name(edge.getBpmnElement())));
      }
    }
    labels.forEach(l -> extent.add(l.box()));
    for (Box b : extent) {
      minX = Math.min(minX, b.x);
      minY = Math.min(minY, b.y);
      maxX = Math.max(maxX, b.x + b.w);
      maxY = Math.max(maxY, b.y + b.h);
    }
    if (maxX - minX > MAX_WIDTH || maxY - minY > MAX_HEIGHT) {
      problems.add(String.format("is %.0f × %.0f px, more than %.0f × %.0f", maxX - minX, maxY - minY, MAX_WIDTH,
          MAX_HEIGHT));
    }

    for (int i = 0; i < shapes.size(); i++) {
      for (int j = i + 1; j < shapes.size(); j++) {
        BaseElement a = shapes.get(i).getBpmnElement();
        BaseElement b = shapes.get(j).getBpmnElement();
        if (attached(a, b) || attached(b, a)) {
          continue;
        }
        if (Box.of(shapes.get(i).getBounds()).overlaps(Box.of(shapes.get(j).getBounds()))) {
          problems.add("shapes " + a.getId() + " and " + b.getId() + " overlap");
        }
      }
    }

    for (BpmnEdge edge : edges) {
      SequenceFlow flow = edge.getBpmnElement() instanceof SequenceFlow f ? f : null;
      List<double[]> points = points(edge);
      for (BpmnShape shape : shapes) {
        BaseElement element = shape.getBpmnElement();
        if (flow != null && (element == flow.getSource() || element == flow.getTarget())) {
          continue;
        }
        if (cuts(points, Box.of(shape.getBounds()))) {
          problems.add("edge " + edge.getBpmnElement().getId() + " runs through " + element.getId());
        }
      }
      for (Label label : labels) {
        if (!label.owner().equals(edge.getBpmnElement().getId()) && cuts(points, label.box())) {
          problems.add("edge " + edge.getBpmnElement().getId() + " runs through the label of " + label.owner());
        }
      }
    }

    int crossings = 0;
    for (int i = 0; i < edges.size(); i++) {
      for (int j = i + 1; j < edges.size(); j++) {
        crossings += crossings(points(edges.get(i)), points(edges.get(j)));
      }
    }
    if (crossings > MAX_CROSSINGS) {
      problems.add(crossings + " crossing edges, more than " + MAX_CROSSINGS);
    }

    for (int i = 0; i < labels.size(); i++) {
      Label label = labels.get(i);
      for (BpmnShape shape : shapes) {
        if (!shape.getBpmnElement().getId().equals(label.owner()) && label.box().overlaps(Box.of(shape.getBounds()))) {
          problems.add("the label of " + label.owner() + " covers " + shape.getBpmnElement().getId());
        }
      }
      for (int j = i + 1; j < labels.size(); j++) {
        if (label.box().overlaps(labels.get(j).box())) {
          problems.add("the labels of " + label.owner() + " and " + labels.get(j).owner() + " overlap");
        }
      }
      List<String> lines = wrap(label.text(), EXTERNAL_WIDTH, EXTERNAL_FONT);
      if (lines == null || lines.size() * EXTERNAL_FONT * LINE_HEIGHT > label.box().h() + 1
          || widest(lines, EXTERNAL_FONT) > label.box().w() + 1) {
        problems.add("the name of " + label.owner() + " does not fit its label box");
      }
    }

    for (BpmnShape shape : shapes) {
      if (shape.getBpmnElement() instanceof Activity activity) {
        String problem = embeddedTextProblem(activity, Box.of(shape.getBounds()));
        if (problem != null) {
          problems.add("the name of " + activity.getId() + " " + problem);
        }
      }
    }
    return problems;
  }

  private static String embeddedTextProblem(Activity activity, Box box) {
    List<String> lines = wrap(name(activity), box.w() - 20, EMBEDDED_FONT);
    if (lines == null) {
      return "has a word wider than its shape";
    }
    double height = lines.size() * EMBEDDED_FONT * LINE_HEIGHT;
    if (height > box.h() - 36) {
      return "needs " + lines.size() + " lines, more than its shape holds";
    }
    double top = (box.h() - height) / 2;
    boolean hasIcon = activity instanceof Task && !(activity instanceof SubProcess);
    if (hasIcon && top < 28 && width(lines.get(0), EMBEDDED_FONT) > box.w() - 64) {
      return "runs into the task's icon";
    }
    return null;
  }

  private static boolean attached(BaseElement boundary, BaseElement host) {
    return boundary instanceof BoundaryEvent event && event.getAttachedTo() == host;
  }

  private static String name(BaseElement element) {
    return element instanceof FlowNode node && node.getName() != null ? node.getName()
        : element instanceof SequenceFlow flow && flow.getName() != null ? flow.getName() : "";
  }

  private static List<double[]> points(BpmnEdge edge) {
    List<double[]> points = new ArrayList<>();
    for (Waypoint w : edge.getWaypoints()) {
      points.add(new double[] {w.getX(), w.getY()});
    }
    return points;
  }

  private static boolean cuts(List<double[]> points, Box box) {
    for (int k = 0; k + 1 < points.size(); k++) {
      if (box.cutBy(points.get(k), points.get(k + 1))) {
        return true;
      }
    }
    return false;
  }

  private static int crossings(List<double[]> a, List<double[]> b) {
    int n = 0;
    for (int i = 0; i + 1 < a.size(); i++) {
      for (int j = 0; j + 1 < b.size(); j++) {
        if (properlyCross(a.get(i), a.get(i + 1), b.get(j), b.get(j + 1))) {
          n++;
        }
      }
    }
    return n;
  }

  private static boolean properlyCross(double[] p1, double[] p2, double[] p3, double[] p4) {
    double d1 = orientation(p3, p4, p1);
    double d2 = orientation(p3, p4, p2);
    double d3 = orientation(p1, p2, p3);
    double d4 = orientation(p1, p2, p4);
    return (d1 > 0 && d2 < 0 || d1 < 0 && d2 > 0) && (d3 > 0 && d4 < 0 || d3 < 0 && d4 > 0);
  }

  private static double orientation(double[] a, double[] b, double[] c) {
    return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
  }

  static double width(String text, double fontSize) {
    double w = 0;
    for (int i = 0; i < text.length(); i++) {
      w += wide(text.charAt(i)) ? fontSize : 0.55 * fontSize;
    }
    return w;
  }

  private static boolean wide(char c) {
    return c >= 0x1100 && c <= 0x11FF || c >= 0x3000 && c <= 0x9FFF || c >= 0xAC00 && c <= 0xD7AF
        || c >= 0xFF00 && c <= 0xFFEF;
  }

  private static double widest(Collection<String> lines, double fontSize) {
    return lines.stream().mapToDouble(l -> width(l, fontSize)).max().orElse(0);
  }

  /** Greedy line breaking at spaces and after hyphens; null when a single word is wider than a line. */
  static List<String> wrap(String text, double available, double fontSize) {
    List<String> lines = new ArrayList<>();
    String current = "";
    for (String token : text.trim().split("\\s+")) {
      if (token.isEmpty()) {
        continue;
      }
      String[] pieces = token.split("(?<=-)");
      for (int i = 0; i < pieces.length; i++) {
        String piece = pieces[i];
        if (width(piece, fontSize) > available) {
          return null;
        }
        String candidate = current.isEmpty() ? piece : current + (i == 0 ? " " : "") + piece;
        if (width(candidate, fontSize) <= available) {
          current = candidate;
        } else {
          lines.add(current);
          current = piece;
        }
      }
    }
    if (!current.isEmpty()) {
      lines.add(current);
    }
    return lines;
  }
}
