package org.attention4j.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The choice of register tiles ({@link Vectors#FEW_REGISTERS}) from the CPU and the override property. */
class VectorsTest {
  @Test
  void fewRegisters_x86WithoutAvx512_only() {
    assertTrue(Vectors.fewRegisters(null, "amd64", 8)); // AVX2
    assertTrue(Vectors.fewRegisters(null, "x86_64", 4)); // SSE
    assertFalse(Vectors.fewRegisters(null, "amd64", 16)); // AVX-512
    assertFalse(Vectors.fewRegisters(null, "aarch64", 4)); // NEON has 32 registers
  }

  @Test
  void fewRegisters_propertyOverridesTheCpu() {
    assertTrue(Vectors.fewRegisters("narrow", "amd64", 16));
    assertFalse(Vectors.fewRegisters(" Wide ", "amd64", 8));
  }

  @Test
  void fewRegisters_unknownPropertyValue_isRejectedByName() {
    var e = assertThrows(IllegalArgumentException.class, () -> Vectors.fewRegisters("narow", "amd64", 8));
    assertEquals("system property attention4j.tiles must be narrow or wide (or unset), got 'narow'", e.getMessage());
  }
}
