/**
 * GNU gettext message catalogs as parallel text: English msgids and their translations from
 * the {@code .mo} files that packages install under {@code /usr/share/locale}.
 *
 * <p>Public surface: {@link org.attention4j.data.gettext.MoFile} (a validating reader of the
 * binary format, both byte orders, revisions 0 and 1 with system-dependent strings), the
 * records {@link org.attention4j.data.gettext.MoCatalog} and {@link
 * org.attention4j.data.gettext.MoEntry}, {@link org.attention4j.data.gettext.Accelerators}
 * (mnemonic stripping judged on the pair), and {@link
 * org.attention4j.data.gettext.GettextImporter} ({@code attn data import gettext}).
 * {@code scripts/data/install-gettext.sh} installs the packages with large catalogs.
 */
package org.attention4j.data.gettext;
