"""PDF bytes -> `Document` (pages, metadata, quality) -> sentences with page numbers.

No torch, no Qt, no SQL in this package.
"""

from ingestion.document import Document, Page, PageQuality, Sentence
from ingestion.errors import (
    AppError,
    EncryptedPdf,
    ExtractionTimeout,
    MalformedPdf,
    NotAPdf,
    NoTextLayer,
    PdfError,
    PdfTooLarge,
)
from ingestion.reader import Limits, read_pdf, sha256_file
from ingestion.sentences import detect_language, document_sentences, split_sentences

__all__ = [
    "AppError",
    "Document",
    "EncryptedPdf",
    "ExtractionTimeout",
    "Limits",
    "MalformedPdf",
    "NoTextLayer",
    "NotAPdf",
    "Page",
    "PageQuality",
    "PdfError",
    "PdfTooLarge",
    "Sentence",
    "detect_language",
    "document_sentences",
    "read_pdf",
    "sha256_file",
    "split_sentences",
]
