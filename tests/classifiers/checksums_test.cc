// Check-digit rules against the vectors in research/uk_ids.md (valid and invalid).
#include "classifiers/checksums.h"

#include <catch2/catch.hpp>

using namespace datasweep::checks;

TEST_CASE("UPN check letter", "[checksums][upn]") {
  for (auto v : {"H801200001001", "B801200005001", "G80120000101A", "P207000016049",
                 "Y820400024001", "Z35540002312D", "W80120000101B"})
    CHECK(UpnValid(v));
  for (auto v :
       {"A801200005001", "Z801200001001", "B207000016049", "Q207000016049", "G80120000101B",
        "X80120000A001", "I801200001001", "G80120000101O", "H80120000100"})
    CHECK_FALSE(UpnValid(v));
  bool la = true;
  CHECK(UpnValid("H801200001001", &la));
  CHECK(la);
}

TEST_CASE("ULN check digit", "[checksums][uln]") {
  for (auto v :
       {"9276308686", "1234567899", "5000000004", "7711223349", "3141592658", "8620041176"})
    CHECK(UlnValid(v));
  for (auto v : {"9276308687", "0000000042", "9999999999", "1234567891", "123456789", "9434765919"})
    CHECK_FALSE(UlnValid(v));
}

TEST_CASE("NHS number mod 11", "[checksums][nhs]") {
  for (auto v : {"9434765919", "9434765870", "4010232137", "9876544322", "9990000018"})
    CHECK(NhsValid(v));
  for (auto v : {"9434765871", "4010232138", "1234567890", "9876544321", "94347659", "9276308686",
                 "1111111111", "0000000000"})
    CHECK_FALSE(NhsValid(v));
}

TEST_CASE("National Insurance number rules", "[checksums][nino]") {
  for (auto v : {"AB123456C", "JG103759A", "CE123456D", "ZX987654B"}) CHECK(NinoValid(v));
  for (auto v :
       {"QQ123456A", "BG123456A", "GB123456A", "NK123456A", "KN123456A", "TN123456A", "NT123456A",
        "ZZ123456A", "AO123456A", "DA123456A", "AB123456E", "AB12345C", "FY123456A"})
    CHECK_FALSE(NinoValid(v));
}

TEST_CASE("payment cards: Luhn and issuer ranges", "[checksums][card]") {
  for (auto v : {"4111111111111111", "4242424242424242", "5555555555554444", "2223003122003222",
                 "378282246310005", "6011111111111117", "3566002020360505", "30569309025904",
                 "6759411100000008"})
    CHECK(PaymentCardValid(v));
  for (auto v : {"4111111111111112", "4242424242424241", "1234567812345678", "5555555555554440",
                 "0000000000000000", "378282246310006"})
    CHECK_FALSE(PaymentCardValid(v));
}

TEST_CASE("IBAN mod 97", "[checksums][iban]") {
  for (auto v : {"GB82WEST12345698765432", "GB29NWBK60161331926819", "GB33BUKB20201555555555"})
    CHECK(IbanValid(v));
  for (auto v : {"GB82WEST12345698765431", "GB00WEST12345698765432", "GB82WEST1234569876543"})
    CHECK_FALSE(IbanValid(v));
}

TEST_CASE("UK postcodes", "[checksums][postcode]") {
  for (auto v : {"SW1A 1AA", "EC1A 1BB", "W1A 0AX", "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT",
                 "GIR 0AA", "sw1a1aa"})
    CHECK(PostcodeValid(v));
  for (auto v : {"QA1 1AA", "SW1A 1CA", "M1 1AV", "W1Z 1AA", "EC1A 1BBB", "WX1 1AA", "XX1 1AA"})
    CHECK_FALSE(PostcodeValid(v));
}

TEST_CASE("Postcode areas at both ends of the list and between its entries",
          "[checksums][postcode]") {
  // The first and last areas, the non-geographic BX, single-letter areas, and letter pairs
  // that fall between real areas.
  for (auto v : {"AB10 1XG", "ZE1 0AA", "BX1 1LT", "B1 1AA", "E1 6AN", "G1 1XQ", "L1 8JQ", "N1 9GU",
                 "S1 2HE", "W2 1JB", "YO1 7HH", "TW6 2GA"})
    CHECK(PostcodeValid(v));
  for (auto v :
       {"AA1 1AA", "AZ1 1AA", "BZ1 1AA", "ZZ1 1AA", "A1 1AA", "Z1 1AA", "YA1 1AA", "SW1A 1AA 1"})
    CHECK_FALSE(PostcodeValid(v));
}
