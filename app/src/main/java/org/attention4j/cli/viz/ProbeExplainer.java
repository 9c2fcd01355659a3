package org.attention4j.cli.viz;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attention4j.serve.Explainer;

/** The live page's {@link Explainer}: one sentence through an {@link AttentionProbe}. */
final class ProbeExplainer implements Explainer {
  private final LoadedModel model;
  private final AttentionProbe probe;
  private int requests;

  ProbeExplainer(LoadedModel model) {
    this.model = model;
    this.probe = model.probe();
  }

  @Override
  public synchronized Explanation explain(String source, String target) {
    requests++;
    AttentionProbe.Result r = probe.run(List.of(new Example("input " + requests, source, target, null)),
        AttentionProbe.Options.SINGLE).getFirst();
    return new Explanation(r.view(), r.translation(), r.decoded());
  }

  @Override
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", model.checkpoint().model().modelType());
    m.put("checkpoint", model.dir().toString());
    m.put("step", model.checkpoint().step());
    m.put("parameters", model.checkpoint().model().parameterCount());
    m.put("sourceVocabulary", (long) model.checkpoint().model().sourceVocab());
    m.put("targetVocabulary", (long) model.checkpoint().model().targetVocab());
    return m;
  }
}
