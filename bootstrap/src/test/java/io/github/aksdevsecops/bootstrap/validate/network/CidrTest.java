package io.github.aksdevsecops.bootstrap.validate.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CidrTest {
  @ParameterizedTest(name = "{0} contains {1}: {2}")
  @CsvSource({
    "0.0.0.0/0, 203.0.113.10, true",
    "10.0.0.0/8, 10.255.255.255, true",
    "10.0.0.0/8, 11.0.0.0, false",
    "172.16.0.0/12, 172.31.0.1, true",
    "172.16.0.0/12, 172.32.0.1, false",
    "192.168.1.7/32, 192.168.1.7, true",
    "192.168.1.7/32, 192.168.1.8, false",
    "192.168.1.7/24, 192.168.1.200, true",
  })
  void contains(String cidr, String address, boolean contains) {
    assertThat(Cidr.parse(cidr).contains(address)).isEqualTo(contains);
  }

  @ParameterizedTest
  @CsvSource({"10.0.0.0", "10.0.0.0/33", "10.0.0/8", "256.0.0.0/8"})
  void refusesWhatIsNotAnIpv4Block(String text) {
    assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }
}
