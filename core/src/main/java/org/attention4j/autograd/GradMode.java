package org.attention4j.autograd;

/**
 * Whether operations record the tape, per thread.
 *
 * <p>Recording is on by default. Inference code opens a no-grad scope:
 *
 * <pre>{@code
 * try (var _ = GradMode.noGrad()) {
 *   Tensor logits = model.forward(x); // nothing recorded, no buffers kept
 * }
 * }</pre>
 *
 * Scopes nest and restore the previous state on close. The backward pass itself runs with
 * recording off, so gradients are never differentiated again (no higher-order gradients).
 */
public final class GradMode {
  private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[] {true});

  private GradMode() {}

  /** Whether operations on this thread record the tape. */
  public static boolean isEnabled() {
    return ENABLED.get()[0];
  }

  /** Turns recording off until the returned scope is closed. */
  public static Scope noGrad() {
    return set(false);
  }

  /** Turns recording on until the returned scope is closed (e.g. inside a no-grad region). */
  public static Scope enableGrad() {
    return set(true);
  }

  private static Scope set(boolean enabled) {
    boolean[] state = ENABLED.get();
    boolean previous = state[0];
    state[0] = enabled;
    return new Scope(state, previous);
  }

  /** Restores the previous recording state when closed. */
  public static final class Scope implements AutoCloseable {
    private final boolean[] state;
    private final boolean previous;
    private boolean closed;

    private Scope(boolean[] state, boolean previous) {
      this.state = state;
      this.previous = previous;
    }

    @Override
    public void close() {
      if (!closed) {
        state[0] = previous;
        closed = true;
      }
    }
  }
}
