// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Dossier",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "dossier", targets: ["dossier"]),
        .library(name: "DossierCore", targets: ["DossierCore"]),
        .library(name: "Xapian", targets: ["Xapian"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // C header, C++ inside: the only code that sees <xapian.h> (and libzstd, for compressed document data).
        .target(
            name: "CXapian",
            linkerSettings: [.linkedLibrary("xapian"), .linkedLibrary("zstd")]
        ),
        // Safe Swift types over the shim.
        .target(name: "Xapian", dependencies: ["CXapian"]),
        // Corpus, tagging, schema, indexing and searching.
        .target(name: "DossierCore", dependencies: ["Xapian"]),
        // The command-line tool. Its indexing runs with jemalloc preloaded when libjemalloc2 is installed
        // (Allocator.swift): Xapian's indexing allocates millions of small map nodes and strings, and a 1M-passage
        // build took 15% less time (BENCHMARKS.md); linked in, it cost every search ~1 ms to load and start.
        // Release builds link a position-dependent executable: a position-independent one has the dynamic loader
        // apply ~80,000 relocations to the Swift metadata at every start (~1 ms of a 20 ms search; BENCHMARKS.md).
        .executableTarget(
            name: "dossier",
            dependencies: ["DossierCore", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            linkerSettings: [
                .unsafeFlags(["-Xclang-linker", "-no-pie"], .when(platforms: [.linux], configuration: .release)),
            ]
        ),
        // In-process measurements for Benchmarks/run.py (not part of `swift test`), with jemalloc, as the tool
        // indexes (the tool's searches, on glibc's malloc, ran as fast or faster in process).
        .executableTarget(
            name: "dossier-bench",
            dependencies: ["DossierCore", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            linkerSettings: [.linkedLibrary("jemalloc", .when(platforms: [.linux]))]
        ),
        .testTarget(name: "XapianTests", dependencies: ["Xapian", "CXapian"]),
        .testTarget(name: "DossierCoreTests", dependencies: ["DossierCore"]),
        .testTarget(name: "DossierCLITests", dependencies: ["dossier"]),
    ],
    cxxLanguageStandard: .cxx17
)
