// MIME helpers for the mail extractors (RFC 5322, 2045-2047, 2231): header parsing with
// unfolding, parameters, encoded-word decoding, base64 and quoted-printable, and RFC 5322 dates.
// Stateless functions over in-memory text; thread-safe.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace datasweep {

struct MimeHeaders {
  std::vector<std::pair<std::string, std::string>> fields;  // lower-case name, raw value
  // The first value of `name` (lower case), unfolded; "" when absent.
  std::string Get(std::string_view name) const;
};

// Splits `message` into its header fields and body (after the first empty line).
void ParseMimeHeaders(std::string_view message, MimeHeaders& headers, std::string_view& body);

// "text/plain; charset=utf-8; name*=UTF-8''a%20b.csv" → value "text/plain" (lower case) and
// the parameter `param` (lower-case name; RFC 2231 continuations and charsets decoded).
std::string HeaderValue(std::string_view field);
std::optional<std::string> HeaderParam(std::string_view field, std::string_view param);

// RFC 2047 encoded words (=?utf-8?Q?...?=, =?iso-8859-1?B?...?=) decoded to UTF-8; other
// bytes are taken as UTF-8 (Windows-1252 where invalid).
std::string DecodeEncodedWords(std::string_view value);

std::string DecodeBase64(std::string_view in);
std::string DecodeQuotedPrintable(std::string_view in);

// An RFC 5322 date ("Tue, 02 Jan 2024 09:30:00 +0000") as RFC 3339 UTC
// ("2024-01-02T09:30:00Z"); nullopt when it cannot be parsed.
std::optional<std::string> MailDateToRfc3339(std::string_view date);

}  // namespace datasweep
