package org.attention4j.data.gettext;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AcceleratorsTest {

  private static void stripped(String s, String t, String s2, String t2) {
    assertEquals(new Accelerators.Pair(s2, t2), Accelerators.strip(s, t));
  }

  private static void kept(String s, String t) {
    assertEquals(new Accelerators.Pair(s, t), Accelerators.strip(s, t));
  }

  @Test
  void strip_parenthesisedCjkMarker() {
    stripped("_File", "文件(_F)", "File", "文件");
    stripped("Sc_ale:", "缩放(_A)：", "Scale:", "缩放：");
    stripped("_Open...", "開く(&O)...", "Open...", "開く...");
    stripped("Quit", "終了 (_Q)", "Quit", "終了");
  }

  @Test
  void strip_markersOnBothSides() {
    stripped("_Cancel", "_Abbrechen", "Cancel", "Abbrechen");
    stripped("Create in _folder:", "Créer dans le _dossier :", "Create in folder:",
        "Créer dans le dossier :");
    stripped("Or_ientation:", "_Orientation :", "Orientation:", "Orientation :");
    stripped("&Open", "&Ouvrir", "Open", "Ouvrir");
  }

  @Test
  void strip_leavesIdentifiersAlone() {
    kept("new_owner", "nouveau_propriétaire"); // lower-case run: a syntax placeholder
    kept("Error in krb5_recvauth: %s", "Fehler in »krb5_recvauth«: %s"); // copied identifier
    kept("LC_ALL is set", "LC_ALL est défini");
    kept("target_type", "类型指派中的目标数据类型"); // no marker in the translation
  }

  @Test
  void strip_leavesSentencesAndPlaceholdersAlone() {
    kept("Use _this option only when you know what you are doing",
        "N'utilisez _cette option que si vous savez ce que vous faites");
    kept("%s_%d", "%s_%d");
    kept("Tom &amp; Jerry", "Tom &amp; Jerry");
    kept("a && b", "a && b");
    kept("__init__", "__init__");
  }

  @Test
  void strip_needsOneMarkerPerSide() {
    kept("_File _Edit", "_Fichier _Édition");
    kept("_File", "Fichier");
  }
}
