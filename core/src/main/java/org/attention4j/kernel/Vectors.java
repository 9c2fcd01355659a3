package org.attention4j.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The switch between Vector-API kernels and their scalar twins, and the vector species used.
 *
 * <p>Vectors are on unless the system property {@code attention4j.vector} or the environment
 * variable {@code ATTN_VECTOR} is {@code false}/{@code 0}/{@code off}. The switch is read once
 * at start-up so that the JIT folds the branch away; tests call the scalar twins directly.
 */
public final class Vectors {
  /** System property that turns the Vector API off when set to {@code false}. */
  public static final String PROPERTY = "attention4j.vector";
  /** Environment variable that turns the Vector API off when set to {@code 0}. */
  public static final String ENV = "ATTN_VECTOR";

  /** Whether kernels use the Vector API. */
  public static final boolean ENABLED = readSwitch();

  /** The preferred float species of this CPU (16 lanes on AVX-512). */
  public static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

  /** Lanes per vector of {@link #SPECIES}. */
  public static final int LANES = SPECIES.length();

  /** System property that picks the register tiles: {@code narrow} or {@code wide}. */
  public static final String TILES_PROPERTY = "attention4j.tiles";

  /**
   * Whether the CPU is taken to have 16 vector registers (x86 with vectors narrower than 512
   * bits: AVX2, SSE), so that the kernels use their narrow register tiles; AVX-512 and Arm have
   * 32. The system property {@value #TILES_PROPERTY} ({@code narrow} or {@code wide}) overrides;
   * any other value stops start-up with an error that names it.
   */
  public static final boolean FEW_REGISTERS =
      fewRegisters(System.getProperty(TILES_PROPERTY), System.getProperty("os.arch", ""), LANES);

  private Vectors() {}

  /**
   * The choice behind {@link #FEW_REGISTERS}: {@code forced} is the property's value (null when
   * unset), {@code arch} the {@code os.arch} property, {@code lanes} the float lanes per vector.
   *
   * @throws IllegalArgumentException if {@code forced} is neither null, {@code narrow} nor {@code wide}
   */
  static boolean fewRegisters(String forced, String arch, int lanes) {
    if (forced != null) {
      return switch (forced.trim().toLowerCase(java.util.Locale.ROOT)) {
        case "narrow" -> true;
        case "wide" -> false;
        default -> throw new IllegalArgumentException(
            "system property " + TILES_PROPERTY + " must be narrow or wide (or unset), got '" + forced + "'");
      };
    }
    return lanes < 16 && (arch.equals("amd64") || arch.equals("x86_64") || arch.equals("x86"));
  }

  private static boolean readSwitch() {
    String v = System.getProperty(PROPERTY);
    if (v == null) v = System.getenv(ENV);
    if (v == null) return true;
    return switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "false", "0", "off", "no" -> false;
      default -> true;
    };
  }
}
