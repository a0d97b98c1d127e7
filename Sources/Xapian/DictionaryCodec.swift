import CXapian

/// Zstandard (libzstd) with a dictionary, for short texts such as document data: what they share with the
/// dictionary costs a few bits, so a passage record of ~800 bytes stores in ~180 where Xapian's own zlib, which
/// compresses each item alone, gives ~500. Owns zstd contexts: not `Sendable`, one per thread.
public final class DictionaryCodec {
    let handle: OpaquePointer

    /// Longest dictionary.
    public static let maxDictionary = Int(CX_ZDICT_MAX)

    /// A codec over `dictionary` (at most `maxDictionary` bytes; the same bytes must decompress what it compressed).
    public init(dictionary: [UInt8]) throws(XapianError) {
        var out: OpaquePointer?
        try check { err in withBytes(dictionary) { cx_zcodec_new($0, $1, &out, err) } }
        handle = out!
    }

    deinit {
        cx_zcodec_free(handle)
    }

    public func compress(_ bytes: [UInt8]) throws(XapianError) -> [UInt8] {
        try bytesResult { out, len, err in withBytes(bytes) { cx_zcodec_compress(handle, $0, $1, out, len, err) } }
    }

    /// The `size` bytes that `compressed` holds; a `.corrupt` error if it does not decompress to exactly that.
    public func decompress(_ compressed: ArraySlice<UInt8>, size: Int) throws(XapianError) -> [UInt8] {
        var out: UnsafeMutablePointer<CChar>?
        try check { err in
            compressed.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) {
                    cx_zcodec_decompress(handle, $0.baseAddress, $0.count, size, &out, err)
                }
            }
        }
        return takeBytes(out, size)
    }

    /// A dictionary of at most `capacity` bytes trained on `samples` (zstd's trainer); an `.invalidArgument`
    /// error when they are too few or too small to learn from.
    public static func train(samples: [[UInt8]], capacity: Int) throws(XapianError) -> [UInt8] {
        let joined = Array(samples.joined())
        let sizes = samples.map(\.count)
        return try bytesResult { out, len, err in
            withBytes(joined) { p, _ in
                sizes.withUnsafeBufferPointer { cx_zdict_train(p, $0.baseAddress, $0.count, capacity, out, len, err) }
            }
        }
    }
}
