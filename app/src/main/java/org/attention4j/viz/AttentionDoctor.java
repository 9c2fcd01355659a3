package org.attention4j.viz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.attention4j.eval.Aer;
import org.attention4j.eval.Alignment;
import org.attention4j.eval.AttentionAlignment;

/**
 * Examines attention weights and says in plain words what looks wrong: per head the entropy,
 * sharpness, diagonality, coverage, mass on padding, special and future tokens, heads that are
 * dead or duplicated; then findings with likely causes and remedies ({@link DoctorReport}).
 * Thresholds are in {@link DoctorSettings}; the rules that turn measures into findings are in
 * {@link DoctorFindings}.
 *
 * <p>It reads only what a model hands over ({@link AttentionView}s): give it several examples of
 * the same model, since dead or duplicate heads show only across inputs.
 */
public final class AttentionDoctor {
  private AttentionDoctor() {}

  /** {@link #examine(DoctorSettings, List)} with the default settings. */
  public static DoctorReport examine(AttentionView... views) {
    return examine(DoctorSettings.defaults(), List.of(views));
  }

  /**
   * Measures every head of every view and derives the findings.
   *
   * @throws IllegalArgumentException if there are no views or no matrices
   */
  public static DoctorReport examine(DoctorSettings settings, List<AttentionView> views) {
    if (views.isEmpty()) throw new IllegalArgumentException("AttentionDoctor.examine: no views given");
    TreeSet<HeadKey> heads = new TreeSet<>();
    for (AttentionView v : views) heads.addAll(v.matrices().keySet());
    if (heads.isEmpty()) throw new IllegalArgumentException("AttentionDoctor.examine: the views hold no attention matrices");
    List<HeadStats> stats = new ArrayList<>();
    for (HeadKey h : heads) stats.add(measure(h, views, settings));
    List<double[]> similar = duplicates(heads, views, stats, settings);
    return new DoctorReport(views.size(), stats, DoctorFindings.derive(stats, similar, settings), settings);
  }

  // ---------------------------------------------------------------- one head over all examples

  private static HeadStats measure(HeadKey key, List<AttentionView> views, DoctorSettings s) {
    AttentionKind kind = key.kind();
    boolean cross = kind == AttentionKind.CROSS, causal = kind == AttentionKind.SELF_DECODER;
    int examples = 0, rows = 0, entropyRows = 0, emptyRows = 0, keys = 0, never = 0;
    double entropy = 0, max = 0, pad = 0, special = 0, future = 0, diag = 0, rowSumErr = 0;
    double rhoSum = 0, rhoWeight = 0;
    Map<String, Integer> argmaxCounts = new HashMap<>();
    List<Alignment> predicted = new ArrayList<>(), gold = new ArrayList<>();
    for (AttentionView v : views) {
      AttentionMatrix m = v.matrices().get(key);
      if (m == null) continue;
      examples++;
      boolean[] qOk = v.queryValid(kind), kOk = v.keyValid(kind);
      List<String> keyTokens = v.keyTokens(kind);
      int[] keyRank = ranks(kOk);
      int nk = count(kOk), nq = count(qOk), lastKey = lastTrue(kOk);
      float[] w = m.raw();
      int cols = m.cols();
      double[] received = new double[cols];
      List<int[]> argmaxes = new ArrayList<>(); // (query rank, key rank)
      int qi = -1;
      for (int r = 0; r < m.rows(); r++) {
        if (!qOk[r]) continue;
        qi++;
        int base = r * cols;
        double sum = 0, valid = 0, rowMax = 0;
        int best = -1;
        boolean tie = false;
        for (int c = 0; c < cols; c++) {
          double x = w[base + c];
          sum += x;
          rowMax = Math.max(rowMax, x);
          received[c] += x;
          if (!kOk[c]) {
            pad += x;
            continue;
          }
          valid += x;
          if (s.specialTokens().contains(keyTokens.get(c))) special += x;
          if (causal && c > r) future += x;
          if (best < 0 || x > w[base + best]) {
            best = c;
            tie = false;
          } else if (x == w[base + best]) {
            tie = true;
          }
        }
        rows++;
        if (nk == 0) continue;
        if (sum == 0) {
          emptyRows++;
          continue;
        }
        rowSumErr = Math.max(rowSumErr, Math.abs(sum - 1));
        max += rowMax;
        int allowed = causal ? countUpTo(kOk, r) : nk;
        if (allowed > 1 && valid > 0) {
          double h = 0;
          for (int c = 0; c < cols; c++) {
            if (!kOk[c] || (causal && c > r)) continue;
            double p = w[base + c] / valid;
            if (p > 0) h -= p * Math.log(p);
          }
          entropy += h / Math.log(allowed);
          entropyRows++;
        }
        if (!tie) { // a row without a single largest weight has no argmax to collapse onto
          String where = best == lastKey ? "LAST" : keyRank[best] == 0 ? "FIRST" : "at " + keyRank[best];
          argmaxCounts.merge(where, 1, Integer::sum);
        }
        argmaxes.add(new int[] {qi, keyRank[best]});
        if (cross && valid > 0) {
          double centre = nq > 1 ? qi * (nk - 1.0) / (nq - 1.0) : 0;
          int band = Math.max(1, (int) Math.round(s.bandFraction() * nk));
          double in = 0;
          for (int c = 0; c < cols; c++) if (kOk[c] && Math.abs(keyRank[c] - centre) <= band) in += w[base + c];
          diag += in / valid;
        }
      }
      for (int c = 0; c < cols; c++) {
        if (!kOk[c]) continue;
        keys++;
        if (received[c] < s.neverAttended()) never++;
      }
      if (cross && argmaxes.size() >= 3) {
        double rho = spearman(argmaxes);
        rhoSum += (Double.isNaN(rho) ? 0 : rho) * argmaxes.size();
        rhoWeight += argmaxes.size();
      }
      if (cross && v.gold() != null) {
        predicted.add(AttentionAlignment.argmax(validOnly(m, qOk, kOk)));
        gold.add(v.gold());
      }
    }
    int measured = rows - emptyRows;
    String collapseTarget = "";
    double collapseShare = 0;
    for (var e : argmaxCounts.entrySet()) {
      double share = measured == 0 ? 0 : (double) e.getValue() / measured;
      if (share > collapseShare) {
        collapseShare = share;
        collapseTarget = describe(e.getKey(), kind, views, key);
      }
    }
    double aer = gold.isEmpty() ? Double.NaN : Aer.corpus(predicted, gold).aer();
    return new HeadStats(key, examples, rows, entropyRows == 0 ? 0 : entropy / entropyRows, avg(max, measured),
        cross ? avg(diag, measured) : Double.NaN, cross && rhoWeight > 0 ? rhoSum / rhoWeight : Double.NaN, aer,
        collapseShare, collapseTarget, avg(pad, rows), avg(special, measured), causal ? avg(future, measured) : Double.NaN,
        rowSumErr, emptyRows, keys, never, constantAcrossInputs(key, views, s));
  }

  private static double avg(double sum, int n) {
    return n == 0 ? 0 : sum / n;
  }

  private static String describe(String where, AttentionKind kind, List<AttentionView> views, HeadKey key) {
    String side = kind.keysAreTarget() ? "target" : "source";
    // name the token when every example has the same one there
    String token = null;
    boolean same = true;
    for (AttentionView v : views) {
      if (!v.matrices().containsKey(key)) continue;
      boolean[] ok = v.keyValid(kind);
      int idx = switch (where) {
        case "LAST" -> lastTrue(ok);
        case "FIRST" -> firstTrue(ok);
        default -> -1;
      };
      if (idx < 0) {
        same = false;
        break;
      }
      String t = v.keyTokens(kind).get(idx);
      if (token == null) token = t;
      else if (!token.equals(t)) same = false;
    }
    String named = same && token != null ? " \"" + token + "\"" : "";
    return switch (where) {
      case "LAST" -> "the final " + side + " token" + named;
      case "FIRST" -> "the first " + side + " token" + named;
      default -> side + " position " + where.substring(3);
    };
  }

  private static float[][] validOnly(AttentionMatrix m, boolean[] qOk, boolean[] kOk) {
    float[][] out = new float[m.rows()][m.cols()];
    for (int r = 0; r < m.rows(); r++) {
      if (!qOk[r]) continue;
      for (int c = 0; c < m.cols(); c++) if (kOk[c]) out[r][c] = m.raw()[r * m.cols() + c];
    }
    return out;
  }

  // ---------------------------------------------------------------- across inputs and heads

  /** True when two examples of equal size but different tokens got nearly the same weights. */
  private static boolean constantAcrossInputs(HeadKey key, List<AttentionView> views, DoctorSettings s) {
    Map<String, List<AttentionView>> bySize = new LinkedHashMap<>();
    for (AttentionView v : views) {
      AttentionMatrix m = v.matrices().get(key);
      if (m != null && m.rows() > 0 && m.cols() > 1) bySize.computeIfAbsent(m.rows() + "x" + m.cols(), k -> new ArrayList<>()).add(v);
    }
    for (List<AttentionView> group : bySize.values()) {
      int n = Math.min(group.size(), 20);
      for (int a = 0; a < n; a++) {
        for (int b = a + 1; b < n; b++) {
          AttentionView va = group.get(a), vb = group.get(b);
          if (va.queryTokens(key.kind()).equals(vb.queryTokens(key.kind()))
              && va.keyTokens(key.kind()).equals(vb.keyTokens(key.kind()))) continue; // same input
          if (meanRowDistance(va.matrix(key), vb.matrix(key)) < s.constantDistance()) return true;
        }
      }
    }
    return false;
  }

  /** Mean over rows of the total-variation distance 0.5 * sum |a - b|. */
  static double meanRowDistance(AttentionMatrix a, AttentionMatrix b) {
    double total = 0;
    float[] x = a.raw(), y = b.raw();
    for (int r = 0; r < a.rows(); r++) {
      double d = 0;
      for (int c = 0; c < a.cols(); c++) d += Math.abs(x[r * a.cols() + c] - y[r * a.cols() + c]);
      total += d / 2;
    }
    return total / a.rows();
  }

  /** Pairs of heads of one kind whose weights over all shared examples have cosine >= threshold: {i, j, cosine}. */
  private static List<double[]> duplicates(TreeSet<HeadKey> heads, List<AttentionView> views, List<HeadStats> stats,
      DoctorSettings s) {
    List<HeadKey> list = List.copyOf(heads);
    List<double[]> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      if (stats.get(i).entropy() >= s.uniformEntropy()) continue; // uniform heads are reported as such
      for (int j = i + 1; j < list.size(); j++) {
        if (list.get(i).kind() != list.get(j).kind() || stats.get(j).entropy() >= s.uniformEntropy()) continue;
        double dot = 0, na = 0, nb = 0;
        int shared = 0;
        for (AttentionView v : views) {
          AttentionMatrix a = v.matrices().get(list.get(i)), b = v.matrices().get(list.get(j));
          if (a == null || b == null) continue;
          shared++;
          float[] x = a.raw(), y = b.raw();
          for (int k = 0; k < x.length; k++) {
            dot += (double) x[k] * y[k];
            na += (double) x[k] * x[k];
            nb += (double) y[k] * y[k];
          }
        }
        if (shared == 0 || na == 0 || nb == 0) continue;
        double cos = dot / Math.sqrt(na * nb);
        if (cos >= s.duplicateSimilarity()) out.add(new double[] {i, j, cos});
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- small helpers

  /** Spearman's rank correlation of pairs (x, y), average ranks for ties; NaN when either is constant. */
  static double spearman(List<int[]> pairs) {
    int n = pairs.size();
    double[] x = new double[n], y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = pairs.get(i)[0];
      y[i] = pairs.get(i)[1];
    }
    double[] rx = rank(x), ry = rank(y);
    double mx = Arrays.stream(rx).average().orElse(0), my = Arrays.stream(ry).average().orElse(0);
    double sxy = 0, sxx = 0, syy = 0;
    for (int i = 0; i < n; i++) {
      sxy += (rx[i] - mx) * (ry[i] - my);
      sxx += (rx[i] - mx) * (rx[i] - mx);
      syy += (ry[i] - my) * (ry[i] - my);
    }
    return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
  }

  private static double[] rank(double[] v) {
    Integer[] idx = new Integer[v.length];
    for (int i = 0; i < v.length; i++) idx[i] = i;
    Arrays.sort(idx, (a, b) -> Double.compare(v[a], v[b]));
    double[] r = new double[v.length];
    for (int i = 0; i < v.length; ) {
      int j = i;
      while (j + 1 < v.length && v[idx[j + 1]] == v[idx[i]]) j++;
      double avg = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) r[idx[k]] = avg;
      i = j + 1;
    }
    return r;
  }

  /** For each index, its rank among the true entries (its position ignoring padding); -1 for false. */
  private static int[] ranks(boolean[] ok) {
    int[] r = new int[ok.length];
    int k = 0;
    for (int i = 0; i < ok.length; i++) r[i] = ok[i] ? k++ : -1;
    return r;
  }

  private static int count(boolean[] ok) {
    int n = 0;
    for (boolean b : ok) if (b) n++;
    return n;
  }

  private static int countUpTo(boolean[] ok, int last) {
    int n = 0;
    for (int i = 0; i <= Math.min(last, ok.length - 1); i++) if (ok[i]) n++;
    return n;
  }

  private static int lastTrue(boolean[] ok) {
    for (int i = ok.length - 1; i >= 0; i--) if (ok[i]) return i;
    return -1;
  }

  private static int firstTrue(boolean[] ok) {
    for (int i = 0; i < ok.length; i++) if (ok[i]) return i;
    return -1;
  }
}
