// The document_text table (migration 12): each document's extracted text, once per content.
import type Database from 'better-sqlite3'
import { prepared } from '../../db/statements'
import type { DocumentFormat, ExtractedDocument } from './extract'

/** Where documents' texts are kept and read back by hash. */
export interface DocumentTexts {
  put(sha256: string, document: ExtractedDocument): void
  get(sha256: string): ExtractedDocument | undefined
}

/** Document texts in the history database. */
export function documentTexts(db: Database.Database): DocumentTexts {
  return {
    put: (sha256, document) => {
      prepared<[string, string, string, number | null, number], never>(
        db,
        `INSERT OR IGNORE INTO document_text (sha256, format, text, pages, extracted_at)
         VALUES (?, ?, ?, ?, ?)`
      ).run(sha256, document.format, document.text, document.pages, Date.now())
    },
    get: (sha256) =>
      prepared<[string], { format: DocumentFormat; text: string; pages: number | null }>(
        db,
        'SELECT format, text, pages FROM document_text WHERE sha256 = ?'
      ).get(sha256)
  }
}
