/**
 * Generated translation tasks with gold answers.
 *
 * <p>Public surface: {@link org.attention4j.data.synthetic.ReorderingGrammar} (an SVO source
 * language and an SOV target language with adjective, adposition and morphology differences,
 * each sentence with its gold word alignment, {@link
 * org.attention4j.data.synthetic.AlignedPair}: sure and possible {@link
 * org.attention4j.data.synthetic.Link}s, tokens' {@link org.attention4j.data.synthetic.Role}s),
 * {@link org.attention4j.data.synthetic.PharaohFile} (the {@code i-j} alignment format) and
 * {@link org.attention4j.data.synthetic.SyntheticImporter} ({@code attn data import
 * synthetic}: a corpus directory plus {@code <split>.sure.txt} and {@code
 * <split>.possible.txt}, P including S, for alignment error rate).
 *
 * <p>Package-private: {@code Lexicon}, the word lists.
 */
package org.attention4j.data.synthetic;
