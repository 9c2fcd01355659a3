/**
 * Vocabularies and tokenizers: text to ids and back. Nothing here touches tensors or files of
 * corpora; readers live in {@code org.attention4j.data}.
 */
package org.attention4j.text;
