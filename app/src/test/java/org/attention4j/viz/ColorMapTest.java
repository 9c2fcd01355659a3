package org.attention4j.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ColorMapTest {
  @Test
  void ends_areViridisFirstAndLastControlColours() {
    assertEquals(0x440154, ColorMap.rgb(0));
    assertEquals(0xFDE725, ColorMap.rgb(1));
    assertEquals("#fde725", ColorMap.hex(2.0)); // clamped
    assertEquals(0x440154, ColorMap.rgb(Double.NaN));
  }

  @Test
  void table_passesThroughEveryControlColour() {
    int[] t = ColorMap.table();
    for (int i = 0; i < ColorMap.CONTROL.length; i++) {
      int entry = (int) Math.round(i / 9.0 * (ColorMap.SIZE - 1));
      assertTrue(Images.distance(ColorMap.CONTROL[i], t[entry]) <= 3,
          "control " + i + ": " + Images.hex(ColorMap.CONTROL[i]) + " vs table " + Images.hex(t[entry]));
    }
  }

  @Test
  void lightness_risesMonotonicallyAndEvenly() {
    int[] t = ColorMap.table();
    double prev = -1, minStep = Double.MAX_VALUE, maxStep = 0;
    for (int c : t) {
      double l = ColorMap.lab(c)[0];
      if (prev >= 0) {
        assertTrue(l > prev - 0.3, "lightness falls at " + Images.hex(c));
        minStep = Math.min(minStep, l - prev);
        maxStep = Math.max(maxStep, l - prev);
      }
      prev = l;
    }
    assertTrue(ColorMap.lab(t[0])[0] < 20 && ColorMap.lab(t[255])[0] > 85);
    assertTrue(maxStep < 0.8, "uneven lightness steps: " + minStep + " .. " + maxStep);
  }

  @Test
  void textOn_picksTheReadableColour() {
    assertEquals(0xFFFFFF, ColorMap.textOn(ColorMap.rgb(0)));
    assertEquals(0x000000, ColorMap.textOn(ColorMap.rgb(1)));
  }
}
