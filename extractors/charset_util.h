// Charset helpers shared by the mail, RTF, HTML and Outlook extractors: conversion of legacy
// 8-bit and UTF-16 text to UTF-8 through glibc iconv. ISO-8859-1, US-ASCII and unlabelled text
// are decoded as Windows-1252, as browsers do (WHATWG), because that is what Windows mail
// clients really send. Invalid bytes become U+FFFD. Stateless and thread-safe.
#pragma once
#include <string>
#include <string_view>

namespace datasweep {

// Appends the UTF-8 encoding of `cp` (U+FFFD for surrogates and values past U+10FFFF).
void AppendUtf8(std::string& out, char32_t cp);

// `bytes` in `charset` (a MIME/IANA name: "utf-8", "windows-1252", "iso-8859-15", "CP850")
// as UTF-8. An unknown charset is treated as Windows-1252.
std::string ConvertToUtf8(std::string_view bytes, std::string_view charset);

// UTF-16LE (as Outlook and Windows store it) to UTF-8; a trailing NUL is dropped.
std::string Utf16LeToUtf8(std::string_view bytes);

}  // namespace datasweep
