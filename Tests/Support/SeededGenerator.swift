/// The random numbers of the randomised tests: SplitMix64 from a seed, so that a failing run can be repeated. The
/// seed is `DOSSIER_TEST_SEED` when set, else fixed; a test prints its generator (`description`) when it starts and
/// names it in its failure messages.
public struct SeededGenerator: RandomNumberGenerator, CustomStringConvertible, Sendable {
    public let seed: UInt64
    private var state: UInt64

    /// A generator from `DOSSIER_TEST_SEED`, else from `fallback`.
    public init(fallback: UInt64 = 0x5EED_D055_1E12) {
        let environment = getenv("DOSSIER_TEST_SEED").map { String(cString: $0) }
        self.init(seed: environment.flatMap { UInt64($0) } ?? fallback)
    }

    public init(seed: UInt64) {
        self.seed = seed
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public var description: String { "seed \(seed) (DOSSIER_TEST_SEED=\(seed) repeats this run)" }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
