package org.attention4j.nn;

import static org.attention4j.testing.TensorAsserts.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.attention4j.tensor.GradCheck;
import org.attention4j.tensor.IntTensor;
import org.attention4j.tensor.Shape;
import org.attention4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class EmbeddingTest {
  @Test
  void constructor_paddingIdx_zeroesThatRow() {
    Embedding e = new Embedding(6, 4, 2, new SplittableRandom(1));
    for (int j = 0; j < 4; j++) assertEquals(0f, e.weight().get(2, j));
    assertEquals(4, java.util.Arrays.stream(new int[] {0, 1, 3, 4}).filter(r -> e.weight().get(r, 0) != 0f).count());
  }

  @Test
  void forward_ids_picksRows() {
    Embedding e = new Embedding(6, 4, -1, new SplittableRandom(1));
    Tensor y = e.forward(IntTensor.of(new int[][] {{5, 0, 5}}));
    assertEquals(Shape.of(1, 3, 4), y.shape());
    assertClose(e.weight().select(0, 5), y.select(0, 0).select(0, 0), "row 5");
    assertClose(e.weight().select(0, 5), y.select(0, 0).select(0, 2), "row 5 again");
  }

  @Test
  void backward_paddingRow_getsNoGradient() {
    Embedding e = new Embedding(5, 3, 0, new SplittableRandom(1));
    e.forward(IntTensor.of(new int[] {0, 1, 1, 4})).sum().backward();
    Tensor g = e.weight().grad();
    assertClose(Tensor.zeros(3), g.select(0, 0), "padding row");
    assertClose(Tensor.full(2f, 3), g.select(0, 1), "row 1 used twice");
    assertClose(Tensor.zeros(3), g.select(0, 2), "unused row");
  }

  @Test
  void gradcheck_weights() {
    // The padding row is checked apart: by design it gets no gradient although it is read.
    Embedding e = new Embedding(5, 3, 3, new SplittableRandom(1));
    IntTensor ids = IntTensor.of(new int[][] {{0, 1, 4}, {4, 4, 2}});
    GradCheck.defaults().check("Embedding", in -> Tensor.embedding(in[0], ids, e.paddingIdx()),
        e.weight().detach().requiresGrad(true));
  }

  @Test
  void constructor_badPaddingIdx_throws() {
    assertEquals("Embedding: padding_idx 5 is outside [0, 5) and is not -1 (none)",
        assertThrows(IllegalArgumentException.class, () -> new Embedding(5, 3, 5, new SplittableRandom(1))).getMessage());
  }
}
