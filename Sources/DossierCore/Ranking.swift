import Xapian

/// BM25 parameters for ranking passages.
public struct Ranking: Sendable, Equatable {
    public var k1: Double
    public var b: Double
    public var k3: Double = 1
    public var minNormLength: Double = 0.5

    /// Dossier's defaults.
    public static let `default` = Ranking(k1: 1.0, b: 0.5)

    public func apply(to enquire: Enquire) throws {
        try enquire.setBM25(k1: k1, k2: 0, k3: k3, b: b, minNormLength: minNormLength)
    }
}
