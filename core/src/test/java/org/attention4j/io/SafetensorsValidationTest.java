package org.attention4j.io;

import static org.attention4j.io.RawSafetensors.concat;
import static org.attention4j.io.RawSafetensors.le64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.attention4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every rule a safetensors file can break, each built byte by byte, with the exact message. */
class SafetensorsValidationTest {
  @TempDir Path dir;

  private Path path() {
    return dir.resolve("model.safetensors");
  }

  /** The message of reading {@code bytes}, after the file name and ": ". */
  private String readError(byte[] bytes) throws IOException {
    Files.write(path(), bytes);
    String message = assertThrows(IllegalArgumentException.class, () -> Safetensors.read(path()).close())
        .getMessage();
    String prefix = path() + ": ";
    assertEquals(prefix, message.substring(0, Math.min(prefix.length(), message.length())), message);
    return message.substring(prefix.length());
  }

  private String headerError(String header, int dataBytes) throws IOException {
    return readError(RawSafetensors.file(header, new byte[dataBytes]));
  }

  private static String entry(String name, String dtype, String shape, long begin, long end) {
    return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape
        + ",\"data_offsets\":[" + begin + "," + end + "]}";
  }

  @Test
  void read_fileShorterThanPrefix_isRejected() throws IOException {
    assertEquals("file is 5 bytes, shorter than the 8-byte header length prefix", readError(new byte[5]));
    assertEquals("file is 0 bytes, shorter than the 8-byte header length prefix", readError(new byte[0]));
  }

  @Test
  void read_headerLengthBeyondFile_isRejected() throws IOException {
    assertEquals("header length 1000 runs past the end of the file (18 bytes, so at most 10)",
        readError(concat(le64(1000), new byte[10])));
  }

  @Test
  void read_headerLengthOverLimit_isRejected() throws IOException {
    assertEquals("header length 100000001 exceeds the limit of 100000000 bytes",
        readError(concat(le64(100_000_001), new byte[8])));
    assertEquals("header length 18446744073709551615 exceeds the limit of 100000000 bytes",
        readError(concat(le64(-1), new byte[8])));
  }

  @Test
  void read_headerNotUtf8_isRejected() throws IOException {
    assertEquals("header is not valid UTF-8", readError(concat(le64(3), new byte[] {'{', (byte) 0xff, '}'})));
  }

  @Test
  void read_headerNotJson_namesTheOffset() throws IOException {
    assertEquals("header: offset 5 (line 1, column 6): expected a value for object key \"a\", got end of input",
        headerError("{\"a\":", 0));
    assertEquals("header: offset 0 (line 1, column 1): expected a value, got end of input", headerError("", 0));
    assertEquals("header: offset 53 (line 1, column 54): duplicate object key \"a\"",
        headerError("{" + entry("a", "F32", "[]", 0, 4) + "," + entry("a", "F32", "[]", 0, 4) + "}", 4));
  }

  @Test
  void read_headerNotAnObject_isRejected() throws IOException {
    assertEquals("header must be a JSON object, got an array", headerError("[]      ", 0));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      "x"                                                     | entry must be a JSON object, got a string
      {"shape":[1],"data_offsets":[0,4]}                      | missing field "dtype" (an entry needs dtype, shape and data_offsets)
      {"dtype":"F32","data_offsets":[0,4]}                    | missing field "shape" (an entry needs dtype, shape and data_offsets)
      {"dtype":"F32","shape":[1]}                             | missing field "data_offsets" (an entry needs dtype, shape and data_offsets)
      {"dtype":"F32","shape":[1],"data_offsets":[0,4],"x":1}  | unknown field "x" (an entry has only dtype, shape and data_offsets)
      {"dtype":4,"shape":[1],"data_offsets":[0,4]}            | dtype must be a string, got 4
      {"dtype":"F8_E4M3","shape":[4],"data_offsets":[0,4]}    | unknown or unsupported dtype "F8_E4M3" (supported: BOOL, U8, I8, I16, U16, F16, BF16, I32, U32, F32, I64, F64)
      {"dtype":"f32","shape":[1],"data_offsets":[0,4]}        | unknown or unsupported dtype "f32" (supported: BOOL, U8, I8, I16, U16, F16, BF16, I32, U32, F32, I64, F64)
      {"dtype":"F32","shape":4,"data_offsets":[0,4]}          | shape must be an array of non-negative integers, got 4
      {"dtype":"F32","shape":[2,-1],"data_offsets":[0,4]}     | shape [2,-1]: size -1 at dim 1 is not a non-negative integer
      {"dtype":"F32","shape":[1.0],"data_offsets":[0,4]}      | shape [1.0]: size 1.0 at dim 0 is not a non-negative integer
      {"dtype":"F32","shape":["1"],"data_offsets":[0,4]}      | shape ["1"]: size "1" at dim 0 is not a non-negative integer
      {"dtype":"U8","shape":[3000000000],"data_offsets":[0,4]} | shape [3000000000]: size 3000000000 at dim 0 is larger than 2^31 - 1 (not supported)
      {"dtype":"U8","shape":[65536,65536],"data_offsets":[0,4]} | shape [65536,65536] has more than 2^31 - 1 elements (not supported)
      {"dtype":"F32","shape":[1],"data_offsets":[4,0]}        | data_offsets must be two non-decreasing non-negative integers, got [4,0]
      {"dtype":"F32","shape":[1],"data_offsets":[-4,0]}       | data_offsets must be two non-decreasing non-negative integers, got [-4,0]
      {"dtype":"F32","shape":[1],"data_offsets":[0]}          | data_offsets must be two non-decreasing non-negative integers, got [0]
      {"dtype":"F32","shape":[1],"data_offsets":[0,4,8]}      | data_offsets must be two non-decreasing non-negative integers, got [0,4,8]
      {"dtype":"F32","shape":[1],"data_offsets":[0,"4"]}      | data_offsets must be two non-decreasing non-negative integers, got [0,"4"]
      {"dtype":"F32","shape":[1],"data_offsets":[0,4.0]}      | data_offsets must be two non-decreasing non-negative integers, got [0,4.0]
      {"dtype":"F32","shape":[1],"data_offsets":{"a":1}}      | data_offsets must be two non-decreasing non-negative integers, got {"a":1}
      """)
  void read_malformedEntry_namesTensorAndRule(String entryJson, String message) throws IOException {
    assertEquals("tensor \"w\": " + message, headerError("{\"w\":" + entryJson + "}", 4));
  }

  @Test
  void read_offsetsOutOfRange_isRejected() throws IOException {
    assertEquals("tensor \"w\": data_offsets [0, 96] are out of range: the data buffer after the header holds 40"
        + " bytes (is the file truncated?)", headerError("{" + entry("w", "F32", "[24]", 0, 96) + "}", 40));
  }

  @Test
  void read_truncatedFile_isRejected() throws IOException {
    Safetensors.write(path(), Map.of("a", Tensor.zeros(4), "b", Tensor.zeros(2, 3)), null);
    byte[] whole = Files.readAllBytes(path());
    assertEquals("tensor \"b\": data_offsets [16, 40] are out of range: the data buffer after the header holds 36"
        + " bytes (is the file truncated?)", readError(Arrays.copyOf(whole, whole.length - 4)));
  }

  @Test
  void read_shapeDtypeMismatch_isRejected() throws IOException {
    assertEquals("tensor \"encoder.wq.weight\": data_offsets [0, 96] hold 96 bytes but shape [5, 7] of F32 needs 140",
        headerError("{" + entry("encoder.wq.weight", "F32", "[5,7]", 0, 96) + "}", 96));
    assertEquals("tensor \"h\": data_offsets [0, 8] hold 8 bytes but shape [] of BF16 needs 2",
        headerError("{" + entry("h", "BF16", "[]", 0, 8) + "}", 8));
  }

  @Test
  void read_overlappingTensors_areRejected() throws IOException {
    assertEquals("tensor \"b\": data_offsets [4, 12] overlap tensor \"a\" at [0, 8]",
        headerError("{" + entry("b", "F32", "[2]", 4, 12) + "," + entry("a", "F32", "[2]", 0, 8) + "}", 12));
    assertEquals("tensor \"b\": data_offsets [0, 4] overlap tensor \"a\" at [0, 4]",
        headerError("{" + entry("a", "F32", "[1]", 0, 4) + "," + entry("b", "F32", "[1]", 0, 4) + "}", 4));
  }

  @Test
  void read_gapBetweenTensors_isRejected() throws IOException {
    assertEquals("bytes [4, 8) of the data buffer belong to no tensor (a gap before tensor \"b\"); tensors must"
        + " cover the buffer exactly",
        headerError("{" + entry("a", "F32", "[1]", 0, 4) + "," + entry("b", "F32", "[1]", 8, 12) + "}", 12));
    assertEquals("bytes [0, 4) of the data buffer belong to no tensor (a gap before tensor \"a\"); tensors must"
        + " cover the buffer exactly", headerError("{" + entry("a", "F32", "[1]", 4, 8) + "}", 8));
  }

  @Test
  void read_bytesAfterLastTensor_areRejected() throws IOException {
    assertEquals("bytes [4, 8) of the data buffer belong to no tensor (after the last tensor); tensors must"
        + " cover the buffer exactly", headerError("{" + entry("a", "F32", "[1]", 0, 4) + "}", 8));
    assertEquals("bytes [0, 3) of the data buffer belong to no tensor (after the last tensor); tensors must"
        + " cover the buffer exactly", headerError("{}", 3));
  }

  @Test
  void read_badMetadata_isRejected() throws IOException {
    assertEquals("__metadata__ must be a JSON object of string values, got an array",
        headerError("{\"__metadata__\":[1]}", 0));
    assertEquals("__metadata__: value of \"k\" must be a string, got 1",
        headerError("{\"__metadata__\":{\"k\":1}}", 0));
  }

  @Test
  void read_zeroSizeTensorsSharingAnOffset_areAccepted() throws IOException {
    Files.write(path(), RawSafetensors.file("{" + entry("a", "F32", "[1]", 0, 4) + "," + entry("e", "F32", "[0,2]", 4, 4)
        + "," + entry("f", "I64", "[0]", 0, 0) + "}", new byte[4]));
    try (SafetensorsFile f = Safetensors.read(path())) {
      assertEquals(List.of("a", "e", "f"), f.names());
      assertEquals(0, f.tensor("e").numel());
    }
  }

  @Test
  void read_whitespaceAroundHeader_isAccepted() throws IOException {
    String header = " \n{" + entry("a", "F32", "[1]", 0, 4) + "}\t  ";
    Files.write(path(), concat(le64(header.length()), header.getBytes(StandardCharsets.UTF_8), new byte[4]));
    try (SafetensorsFile f = Safetensors.read(path())) {
      assertEquals(List.of("a"), f.names());
    }
  }
}
