/** Language models: a GRU language model without attention (the smallest end-to-end model). */
package org.attention4j.models.lm;
