package org.attention4j.viz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.attention4j.io.Json;

/**
 * What {@link AttentionDoctor#examine} found: the measures per head and the findings, most
 * severe first.
 *
 * @param examples how many examples (views) were examined
 * @param heads the measures, one per head, sorted by kind, layer, head
 * @param findings plain-language findings, alarms first; empty when every check passed
 * @param settings the thresholds used
 */
public record DoctorReport(int examples, List<HeadStats> heads, List<Finding> findings, DoctorSettings settings) {
  public DoctorReport {
    heads = List.copyOf(heads);
    findings = List.copyOf(findings);
  }

  /** The findings of one severity. */
  public List<Finding> findings(Finding.Severity severity) {
    return findings.stream().filter(f -> f.severity() == severity).toList();
  }

  /** True when no finding is an alarm. */
  public boolean healthy() {
    return findings(Finding.Severity.ALARM).isEmpty();
  }

  /** A table of the measures, then the findings, for a terminal. */
  public String toText() {
    StringBuilder b = new StringBuilder();
    b.append("attention doctor: ").append(examples).append(examples == 1 ? " example, " : " examples, ")
        .append(heads.size()).append(heads.size() == 1 ? " head\n\n" : " heads\n\n");
    b.append(String.format(Locale.ROOT, "%-24s %6s %7s %6s %6s %6s %6s %8s %7s %7s %9s%n", "head", "rows", "entropy",
        "max", "diag", "rho", "AER", "collapse", "pad", "special", "unseen"));
    for (HeadStats h : heads) {
      b.append(String.format(Locale.ROOT, "%-24s %6d %7.2f %6.2f %6s %6s %6s %8s %7s %7s %9s%n", h.head().describe(),
          h.rows(), h.entropy(), h.maxWeight(), DoctorFindings.f2(h.diagonalMass()), DoctorFindings.f2(h.spearman()),
          DoctorFindings.f2(h.alignmentError()), DoctorFindings.pct(h.collapseShare()), DoctorFindings.pct(h.paddingMass()),
          DoctorFindings.pct(h.specialMass()), h.neverAttended() + "/" + h.keys()));
    }
    b.append('\n');
    if (findings.isEmpty()) {
      b.append("no findings: every check passed.\n");
    } else {
      for (Finding f : findings) {
        b.append(f.severity()).append(": ").append(f.message()).append('\n')
            .append("    ").append(f.advice()).append('\n');
      }
    }
    return b.toString();
  }

  /** The report as JSON-ready maps (NaN measures become null). */
  public Map<String, Object> toJson() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("examples", (long) examples);
    List<Object> hs = new ArrayList<>();
    for (HeadStats h : heads) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("kind", h.head().kind().id());
      m.put("layer", (long) h.head().layer());
      m.put("head", (long) h.head().head());
      m.put("rows", (long) h.rows());
      m.put("entropy", num(h.entropy()));
      m.put("maxWeight", num(h.maxWeight()));
      m.put("diagonalMass", num(h.diagonalMass()));
      m.put("spearman", num(h.spearman()));
      m.put("alignmentError", num(h.alignmentError()));
      m.put("collapseShare", num(h.collapseShare()));
      m.put("collapseTarget", h.collapseTarget());
      m.put("paddingMass", num(h.paddingMass()));
      m.put("specialMass", num(h.specialMass()));
      m.put("futureMass", num(h.futureMass()));
      m.put("rowSumError", num(h.rowSumError()));
      m.put("emptyRows", (long) h.emptyRows());
      m.put("keys", (long) h.keys());
      m.put("neverAttended", (long) h.neverAttended());
      m.put("constantAcrossInputs", h.constantAcrossInputs());
      hs.add(m);
    }
    out.put("heads", hs);
    List<Object> fs = new ArrayList<>();
    for (Finding f : findings) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("severity", f.severity().name());
      m.put("code", f.code().name());
      m.put("head", f.head() == null ? null : f.head().toString());
      m.put("message", f.message());
      m.put("advice", f.advice());
      fs.add(m);
    }
    out.put("findings", fs);
    return out;
  }

  /** {@link #toJson} as compact JSON text. */
  public String toJsonText() {
    return Json.write(toJson(), false);
  }

  private static Double num(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
