/**
 * Vocabularies and tokenizers: text to ids and back. Nothing here touches tensors or files of
 * corpora; readers live in {@code org.attention4j.data}.
 *
 * <ul>
 *   <li>{@link org.attention4j.text.Tokenizer}: the common interface (encode, decode, tokens, the
 *       special tokens {@code <pad> <unk> <s> </s>} at ids 0–3);</li>
 *   <li>{@link org.attention4j.text.CharTokenizer}: one token per code point;</li>
 *   <li>{@link org.attention4j.text.WordTokenizer}: Unicode-aware Moses-style words, CJK
 *       characters one by one, printf placeholders whole, natural detokenisation;</li>
 *   <li>{@link org.attention4j.text.BpeTokenizer} and {@link org.attention4j.text.BpeTrainer}:
 *       byte-level BPE (Sennrich et al. 2016) with deterministic training;</li>
 *   <li>{@link org.attention4j.text.TokenizerJson}: all three as Hugging Face {@code
 *       tokenizer.json} files;</li>
 *   <li>{@link org.attention4j.text.Vocabulary}: ids and token strings;
 *       {@link org.attention4j.text.CharVocabulary}: the older two-special character vocabulary of
 *       the language-model demo.</li>
 * </ul>
 */
package org.attention4j.text;
