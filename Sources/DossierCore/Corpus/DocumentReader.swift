/// Reads the corpus files that are documents rather than text: web pages, Word and OpenDocument files, PDF files.
///
/// The readers themselves (`DossierDocuments`: libxml2, libzip and poppler's `pdftotext`) are given to the `Indexer`
/// by the programs that index (`dossier-index`, and `dossier-serve` for `--watch`), so that the libraries they load
/// (and through them ICU and OpenSSL's libcrypto: ~1 ms of every start) stay out of `dossier search` and the other
/// commands, which never read a document.
public struct DocumentReader: Sendable {
    /// File extensions read as documents: web pages, Word, OpenDocument, PDF.
    public static let extensions: Set<String> = ["html", "htm", "xhtml", "docx", "odt", "pdf"]

    public static func isDocument(_ path: String) -> Bool { extensions.contains(CorpusReader.pathExtension(path)) }

    /// The text of a document as `Paragraphs` splits it (`Format.html`), with warnings; throws a warning (its
    /// passages are kept) when it cannot be read.
    public let read: @Sendable (CorpusFile) throws(Warning) -> (text: String, warnings: [Warning])

    public init(read: @escaping @Sendable (CorpusFile) throws(Warning) -> (text: String, warnings: [Warning])) {
        self.read = read
    }
}
