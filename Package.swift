// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Dossier",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "dossier", targets: ["dossier"]),
        .executable(name: "dossier-serve", targets: ["dossier-serve"]),
        .executable(name: "dossier-export", targets: ["dossier-export"]),
        .executable(name: "dossier-index", targets: ["dossier-index"]),
        .library(name: "DossierCore", targets: ["DossierCore"]),
        .library(name: "Xapian", targets: ["Xapian"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // `dossier serve`'s HTTP server. Without its default traits: "FullFoundation" would link all of
        // swift-corelibs-foundation and ICU into `dossier` (+90 MB, ~1 ms more to start every command), and
        // "ConfigurationSupport" is swift-configuration, which Dossier does not use.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0", traits: []),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
        // `dossier events --format csv`'s writer (built on Foundation: used by `dossier-export` only).
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.0"),
    ],
    targets: [
        // C header, C++ inside: the only code that sees <xapian.h> (and libzstd, for compressed document data).
        .target(
            name: "CXapian",
            linkerSettings: [.linkedLibrary("xapian"), .linkedLibrary("zstd")]
        ),
        // libxml2 (Debian's libxml2-dev): the HTML parser that reads web pages.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        // libzip (Debian's libzip-dev): opens Word and OpenDocument files, zip archives of XML.
        .systemLibrary(name: "CLibZip", pkgConfig: "libzip", providers: [.apt(["libzip-dev"])]),
        // Safe Swift types over the shim.
        .target(name: "Xapian", dependencies: ["CXapian"]),
        // Corpus, tagging, schema, indexing and searching.
        // The built-in tagging data is compiled in (no bundle to find at run time).
        .target(name: "DossierCore", dependencies: ["Xapian"], resources: [.embedInCode("Tagging/Data/topics.tsv"), .embedInCode("Tagging/Data/months.tsv"), .embedInCode("Text/Data/stopwords.tsv"), .embedInCode("Text/Data/query-stopwords.tsv")]),
        // The readers of web pages, Word, OpenDocument and PDF files, given to the indexer by the programs that
        // index: libxml2 and libzip (and through them ICU and OpenSSL) are not loaded by the other commands.
        .target(name: "DossierDocuments", dependencies: ["DossierCore", "CLibXML2", "CLibZip"]),
        // What the command-line programs share: options, rendering (text and JSON), the server's searchers.
        .target(
            name: "DossierCLI",
            dependencies: ["DossierCore", "Xapian", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // The command-line tool.
        .executableTarget(
            name: "dossier",
            dependencies: ["DossierCLI", "DossierCore", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // `dossier index` and `dossier check`, a program of their own beside `dossier` (which runs it), the one that
        // reads documents (see DossierDocuments).
        .executableTarget(
            name: "dossier-index",
            dependencies: ["DossierCLI", "DossierCore", "DossierDocuments", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // `dossier serve`'s web server, a program of its own beside `dossier` (which runs it), so that Hummingbird
        // and SwiftNIO are not loaded by every other command; its page, style sheet and script compiled in.
        .executableTarget(
            name: "dossier-serve",
            dependencies: [
                "DossierCLI", "DossierCore", "DossierDocuments", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"), .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.embedInCode("Assets/index.html"), .embedInCode("Assets/app.js"), .embedInCode("Assets/app.css")]
        ),
        // `dossier events --format csv`, a program of its own beside `dossier` (which runs it): the CSV library is
        // built on Foundation, which every other command would otherwise load.
        .executableTarget(
            name: "dossier-export",
            dependencies: [
                "DossierCLI", "DossierCore", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "CSV", package: "CSV.swift"),
            ]
        ),
        // In-process measurements for Benchmarks/run.py (not part of `swift test`).
        .executableTarget(
            name: "dossier-bench",
            dependencies: ["DossierCore", "DossierDocuments", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // The tests' seeded random numbers.
        .target(name: "TestSupport", path: "Tests/Support"),
        .testTarget(name: "XapianTests", dependencies: ["Xapian", "CXapian"]),
        .testTarget(name: "DossierCoreTests", dependencies: ["DossierCore", "DossierDocuments", "TestSupport"]),
        .testTarget(name: "DossierCLITests", dependencies: ["dossier", "dossier-index", "dossier-serve", "dossier-export", "DossierCLI", "DossierDocuments", "TestSupport"]),
    ],
    cxxLanguageStandard: .cxx17
)
