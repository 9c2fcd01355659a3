package org.attention4j.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CurvePlotTest {
  private static final List<String> BUCKETS = List.of("0-10", "10-20", "20-30");

  @Test
  void yMax_roundsUpToATick() {
    var plot = new CurvePlot("t", BUCKETS, List.of(new CurvePlot.Series("a", List.of(1.0, 7.3, Double.NaN), 0, false)));
    assertEquals(8.0, plot.yMax());
    var small = new CurvePlot("t", BUCKETS, List.of(new CurvePlot.Series("a", List.of(0.2, 0.4, 0.1), 0, false)));
    assertEquals(1.0, small.yMax());
  }

  @Test
  void svg_hasOneDotPerValue_aLineBetweenNeighbours_andTheLegend() {
    var plot = new CurvePlot("BLEU & more", BUCKETS, List.of(
        new CurvePlot.Series("with <attention>", List.of(5.0, Double.NaN, 4.0), CurvePlot.BLUE, false),
        new CurvePlot.Series("without", List.of(3.0, 2.0, 1.0), CurvePlot.ORANGE, true)));
    String svg = plot.svg();
    assertEquals(2 + 3 + 2, svg.split("<circle", -1).length - 1, "values plus legend markers");
    assertTrue(svg.contains("with &lt;attention&gt;") && svg.contains("BLEU &amp; more"), svg);
    assertEquals(1, svg.split("stroke=\"#1f77b4\"", -1).length - 1, "no line across the gap, only the legend's");
    assertEquals(3, svg.split("stroke=\"#ff7f0e\"", -1).length - 1, "two segments and the legend's");
    assertTrue(svg.contains("stroke-dasharray"), svg);
  }

  @Test
  void seriesOfTheWrongLength_isRejectedWithBothSizes() {
    var e = assertThrows(IllegalArgumentException.class, () -> new CurvePlot("t", BUCKETS,
        List.of(new CurvePlot.Series("a", List.of(1.0), 0, false))));
    assertEquals("CurvePlot: series 'a' has 1 values for 3 buckets", e.getMessage());
  }
}
