package org.attention4j.models.rnn;

/** The recurrent unit of the encoder and the decoder. */
public enum RnnCell {
  /** Gated recurrent unit (Cho et al. 2014), {@link org.attention4j.nn.GRU}. */
  GRU,
  /** Long short-term memory (Hochreiter &amp; Schmidhuber 1997), {@link org.attention4j.nn.LSTM}. */
  LSTM
}
