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
        // `dossier serve`'s HTTP server.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
    ],
    targets: [
        // C header, C++ inside: the only code that sees <xapian.h> (and libzstd, for compressed document data).
        .target(
            name: "CXapian",
            linkerSettings: [.linkedLibrary("xapian"), .linkedLibrary("zstd")]
        ),
        // libxml2 (Debian's libxml2-dev): the HTML parser that reads web pages.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        // Safe Swift types over the shim.
        .target(name: "Xapian", dependencies: ["CXapian"]),
        // Corpus, tagging, schema, indexing and searching.
        // The built-in tagging data is compiled in (no bundle to find at run time).
        .target(name: "DossierCore", dependencies: ["Xapian", "CLibXML2"], resources: [.embedInCode("Tagging/Data/topics.tsv")]),
        // The command-line tool, and `dossier serve`'s web app (its page, style sheet and script compiled in).
        .executableTarget(
            name: "dossier",
            dependencies: [
                "DossierCore", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"), .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.embedInCode("Serve/Assets/index.html"), .embedInCode("Serve/Assets/app.js"), .embedInCode("Serve/Assets/app.css")]
        ),
        // In-process measurements for Benchmarks/run.py (not part of `swift test`).
        .executableTarget(
            name: "dossier-bench",
            dependencies: ["DossierCore", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // The tests' seeded random numbers.
        .target(name: "TestSupport", path: "Tests/Support"),
        .testTarget(name: "XapianTests", dependencies: ["Xapian", "CXapian"]),
        .testTarget(name: "DossierCoreTests", dependencies: ["DossierCore", "TestSupport"]),
        .testTarget(name: "DossierCLITests", dependencies: ["dossier", "TestSupport"]),
    ],
    cxxLanguageStandard: .cxx17
)
