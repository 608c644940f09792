package io.github.aksdevsecops.bootstrap.adapters;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a gzipped tar by hand with an old-GNU sparse entry (type 'S', the header layout of GNU
 * tar's format documentation): commons-compress reads such entries but cannot write them.
 */
final class SparseTar {
  private static final int BLOCK = 512;

  private SparseTar() {}

  /**
   * A chart archive: {@code chartYaml} as a plain file, then {@code name} as a sparse entry of
   * {@code realSize} bytes of which only the last one is stored.
   */
  static byte[] gnuSparse(String chartYaml, String name, long realSize) {
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    byte[] chart = "apiVersion: v2\nname: web\nversion: 1.2.3\n".getBytes(StandardCharsets.UTF_8);
    byte[] plain = header(chartYaml, chart.length, '0');
    tar.writeBytes(plain);
    tar.writeBytes(padded(chart));
    byte[] sparse = header(name, 1, 'S');
    octal(sparse, 386, 12, realSize - 1); // one data region: offset
    octal(sparse, 398, 12, 1); // and length
    sparse[482] = 0; // no extension headers
    octal(sparse, 483, 12, realSize);
    checksum(sparse);
    tar.writeBytes(sparse);
    tar.writeBytes(padded(new byte[] {'x'}));
    tar.writeBytes(new byte[2 * BLOCK]);
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(tar.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return gz.toByteArray();
  }

  private static byte[] header(String name, long size, char type) {
    byte[] h = new byte[BLOCK];
    byte[] n = name.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(n, 0, h, 0, n.length);
    octal(h, 100, 8, 0644);
    octal(h, 108, 8, 0);
    octal(h, 116, 8, 0);
    octal(h, 124, 12, size);
    octal(h, 136, 12, 0);
    h[156] = (byte) type;
    byte[] magic = "ustar  \0".getBytes(StandardCharsets.US_ASCII); // GNU magic and version
    System.arraycopy(magic, 0, h, 257, magic.length);
    checksum(h);
    return h;
  }

  private static void octal(byte[] h, int at, int width, long value) {
    String digits = String.format("%0" + (width - 1) + "o", value);
    byte[] b = digits.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, h, at, b.length);
    h[at + width - 1] = 0;
  }

  private static void checksum(byte[] h) {
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    byte[] digits = String.format("%06o", sum).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(digits, 0, h, 148, 6);
    h[154] = 0;
    h[155] = ' ';
  }

  private static byte[] padded(byte[] data) {
    byte[] out = new byte[(data.length + BLOCK - 1) / BLOCK * BLOCK];
    System.arraycopy(data, 0, out, 0, data.length);
    return out;
  }
}
