/** Training loops: batches, optimiser steps, clipping, progress reporting and checkpoints. */
package org.attention4j.train;
