// Zip-based office formats (OOXML: DOCX/XLSX/PPTX; ODF: ODT/ODS/ODP) share one zip reader and
// one streaming XML reader. This internal header lets each format's extractor, and the
// ZipExtractor (for a zip that libmagic did not recognise as office), reach the per-format
// code. All functions are stateless; the archive and sinks are the caller's.
#pragma once
#include <string_view>

#include "extractors/extractor.h"
#include "extractors/zip_archive.h"

namespace datasweep {

enum class OfficeKind { kNone, kDocx, kXlsx, kPptx, kOdf };

// Recognises an office package by its parts ([Content_Types].xml + word/document.xml, ...;
// mimetype / content.xml for ODF), whatever their order in the zip.
OfficeKind DetectOfficeKind(const ZipArchive& zip);

Outcome ExtractDocx(ZipArchive& zip, ExtractContext& ctx, TextSink& out);
Outcome ExtractXlsx(ZipArchive& zip, ExtractContext& ctx, TextSink& out);
Outcome ExtractPptx(ZipArchive& zip, ExtractContext& ctx, TextSink& out);
Outcome ExtractOdf(ZipArchive& zip, ExtractContext& ctx, TextSink& out);
Outcome ExtractOffice(OfficeKind kind, ZipArchive& zip, ExtractContext& ctx, TextSink& out);

// Opens `in` as a zip and runs `kind`'s extraction (the body of each office extractor).
Outcome ExtractOfficeSource(OfficeKind kind, const ByteSource& in, ExtractContext& ctx,
                            TextSink& out);

// Inflated bytes one XML part may stream: parts are never held in memory, so the cap is the
// per-file read limit rather than the per-member memory limit.
uint64_t PartCap(const ExtractContext& ctx);

// Merges a part's problem (limit, malformed XML) into `outcome` as `partial`.
void NotePartProblem(const std::string& problem, Outcome& outcome);

// Scans entries whose names start with `prefix` (word/embeddings/, xl/embeddings/, Object ...)
// as members: an XLSX pasted into a DOCX is scanned like any attachment.
void ScanOfficeEmbeddings(ZipArchive& zip, std::string_view prefix, ExtractContext& ctx,
                          Outcome& outcome);

}  // namespace datasweep
