// Check-digit and structure rules for UK identifiers (research/uk_ids.md has sources and
// vectors). Pure functions over already-normalised input: upper case, no spaces or hyphens.
#pragma once
#include <string_view>

namespace datasweep::checks {

// UPN: 13 chars, DfE mod-23 check letter; permanent (12 digits after the letter) or temporary
// (11 digits + letter). `la_known` (optional) is set to whether chars 2-4 are a known LA code.
bool UpnValid(std::string_view upn, bool* la_known = nullptr);
// ULN: 10 digits, first non-zero, Σ d_i × (10..1) ≡ 10 (mod 11).
bool UlnValid(std::string_view uln);
// NHS number: 10 digits, mod 11 with weights 10..2; repeated-digit numbers rejected.
bool NhsValid(std::string_view nhs);
// National Insurance number: prefix letters per HMRC NIM39110, 6 digits, suffix A-D.
bool NinoValid(std::string_view nino);
// Luhn over a digit string.
bool LuhnValid(std::string_view digits);
// Payment card: Luhn plus a known IIN range and a length that range issues. `brand` is set.
bool PaymentCardValid(std::string_view digits, std::string_view* brand = nullptr);
// IBAN: ISO 13616 mod 97-10 and the country's length (GB: 22).
bool IbanValid(std::string_view iban);
// UK postcode per BS7666 shape plus the list of real postcode areas. Input may have one space.
bool PostcodeValid(std::string_view postcode);
// True when every digit is the same ("0000000000").
bool AllSameDigit(std::string_view digits);

}  // namespace datasweep::checks
