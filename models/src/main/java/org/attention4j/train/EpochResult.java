package org.attention4j.train;

import java.util.LinkedHashMap;
import java.util.Map;
import org.attention4j.io.Json;

/**
 * What one epoch gave. Numbers that were not measured are NaN (written as JSON null).
 *
 * @param epoch the epoch, from 1
 * @param step steps done at its end
 * @param trainLoss mean training loss of its steps (label-smoothed)
 * @param devLoss mean negative log-likelihood per dev target token (no smoothing)
 * @param devBleu corpus BLEU of greedy dev translations, sacreBLEU-compatible
 * @param bleu sacreBLEU's text form of that score ({@code BLEU = 27.35 61.5/...}), or ""
 * @param improved whether dev BLEU beat every earlier epoch (a best checkpoint was saved)
 * @param seconds wall time of the epoch's evaluation and, in an uninterrupted epoch, its steps
 */
public record EpochResult(int epoch, int step, double trainLoss, double devLoss, double devBleu, String bleu,
    boolean improved, double seconds) {

  Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("epoch", epoch);
    m.put("step", step);
    m.put("trainLoss", finite(trainLoss));
    m.put("devLoss", finite(devLoss));
    m.put("devBleu", finite(devBleu));
    m.put("bleu", bleu);
    m.put("improved", improved);
    m.put("seconds", seconds);
    return m;
  }

  static EpochResult fromMap(Map<String, ?> m, String src) {
    return new EpochResult(Json.getInt(m, "epoch", src), Json.getInt(m, "step", src), number(m, "trainLoss", src),
        number(m, "devLoss", src), number(m, "devBleu", src), Json.getString(m, "bleu", src),
        Json.getBoolean(m, "improved", src), Json.getDouble(m, "seconds", src));
  }

  static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  static double number(Map<String, ?> m, String key, String src) {
    return m.get(key) == null ? Double.NaN : Json.getDouble(m, key, src);
  }
}
