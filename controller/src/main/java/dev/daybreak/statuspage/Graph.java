package dev.daybreak.statuspage;

import dev.daybreak.model.DependencyGraph;
import dev.daybreak.model.ServiceSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The dependency graph as an SVG drawn on the server: one column per tier (tier 1 on the left), one
 * box per service coloured by its readiness, an arrow from each service to each service it depends
 * on.
 *
 * @param width the drawing's width (its viewBox; it scales to the page)
 * @param height the drawing's height
 * @param alt the text alternative, naming every tier, service and dependency
 * @param tiers the tier headings
 * @param boxes one per service
 * @param arrows one per {@code dependsOn} entry
 */
public record Graph(
    int width,
    int height,
    String alt,
    List<Graph.Heading> tiers,
    List<Graph.Box> boxes,
    List<Graph.Arrow> arrows) {

  static final int BOX_WIDTH = 150;
  static final int BOX_HEIGHT = 46;
  static final int COLUMN = BOX_WIDTH + 60;
  static final int ROW = BOX_HEIGHT + 18;
  static final int MARGIN = 10;
  static final int TOP = 34;

  /** A tier's heading above its column. */
  public record Heading(int x, int y, String text) {}

  /**
   * A service's box.
   *
   * @param tier counted from 1
   * @param readinessClass the CSS class of its readiness
   * @param counts e.g. {@code 2/3 running}
   */
  public record Box(
      String service,
      int tier,
      int x,
      int y,
      String readinessClass,
      String readiness,
      String counts) {
    public int width() {
      return BOX_WIDTH;
    }

    public int height() {
      return BOX_HEIGHT;
    }

    public int textX() {
      return x + 10;
    }

    public int nameY() {
      return y + 19;
    }

    public int countsY() {
      return y + 37;
    }
  }

  /** An arrow from {@code from} (the dependent) to {@code to} (what it depends on). */
  public record Arrow(String from, String to, int x1, int y1, int x2, int y2) {}

  /**
   * Lays the graph out.
   *
   * @param services the manifest's services
   * @param readinessClass each service's readiness CSS class
   * @param readiness each service's readiness as text
   * @param counts each service's counts as text
   */
  static Graph of(
      String environment,
      List<ServiceSpec> services,
      Function<String, String> readinessClass,
      Function<String, String> readiness,
      Function<String, String> counts) {
    DependencyGraph graph = DependencyGraph.of(services);
    List<Heading> headings = new ArrayList<>();
    List<Box> boxes = new ArrayList<>();
    Map<String, Box> byName = new HashMap<>();
    int rows = 1;
    StringBuilder alt =
        new StringBuilder("Dependency graph of " + environment + ", woken left to right. ");
    for (int t = 0; t < graph.tiers().size(); t++) {
      int x = MARGIN + t * COLUMN;
      headings.add(new Heading(x, 20, "tier " + (t + 1)));
      List<String> tier = graph.tiers().get(t);
      rows = Math.max(rows, tier.size());
      alt.append("Tier ").append(t + 1).append(": ");
      for (int i = 0; i < tier.size(); i++) {
        String name = tier.get(i);
        Box box =
            new Box(
                name,
                t + 1,
                x,
                TOP + i * ROW,
                readinessClass.apply(name),
                readiness.apply(name),
                counts.apply(name));
        boxes.add(box);
        byName.put(name, box);
        alt.append(name).append(" (").append(readiness.apply(name)).append(")");
        alt.append(i + 1 < tier.size() ? ", " : ". ");
      }
    }
    List<Arrow> arrows = new ArrayList<>();
    for (ServiceSpec service : services) {
      for (String dependency : service.dependsOn()) {
        Box from = byName.get(service.name());
        Box to = byName.get(dependency);
        arrows.add(
            new Arrow(
                service.name(),
                dependency,
                from.x(),
                from.y() + BOX_HEIGHT / 2,
                to.x() + BOX_WIDTH + 4,
                to.y() + BOX_HEIGHT / 2));
        alt.append(service.name()).append(" depends on ").append(dependency).append(". ");
      }
    }
    int width = 2 * MARGIN + (graph.tiers().size() - 1) * COLUMN + BOX_WIDTH;
    int height = TOP + rows * ROW;
    return new Graph(width, height, alt.toString().strip(), headings, boxes, arrows);
  }
}
