package io.github.aksdevsecops.bootstrap.validate.network;

/** An IPv4 CIDR block, as a NetworkPolicy ipBlock names it. */
record Cidr(long base, int prefix) {
  static Cidr parse(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("not a CIDR block: " + text);
    }
    int prefix = Integer.parseInt(text.substring(slash + 1));
    if (prefix < 0 || prefix > 32) {
      throw new IllegalArgumentException("prefix out of range: " + text);
    }
    return new Cidr(address(text.substring(0, slash)) & mask(prefix), prefix);
  }

  static long address(String dotted) {
    String[] parts = dotted.split("\\.", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException("not an IPv4 address: " + dotted);
    }
    long value = 0;
    for (String part : parts) {
      int octet = Integer.parseInt(part);
      if (octet < 0 || octet > 255) {
        throw new IllegalArgumentException("not an IPv4 address: " + dotted);
      }
      value = value << 8 | octet;
    }
    return value;
  }

  private static long mask(int prefix) {
    return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
  }

  boolean contains(String dotted) {
    return (address(dotted) & mask(prefix)) == base;
  }
}
