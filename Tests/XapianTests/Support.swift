import Foundation
import Testing
@testable import Xapian

/// This test run's folders all live under one folder, removed when the test process exits.
let testRoot: URL = {
    atexit { try? FileManager.default.removeItem(atPath: NSTemporaryDirectory() + "/dossier-test-run-\(getpid())") }
    return URL(fileURLWithPath: NSTemporaryDirectory() + "/dossier-test-run-\(getpid())")
}()

/// A fresh folder for one test's database.
func temporaryPath(_ name: String = "db") -> String {
    let dir = testRoot.appendingPathComponent("xapian-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.appendingPathComponent(name).path
}

/// Writes a small database: one document per text, unique term Q<n>, year terms and values.
func makeDatabase(_ texts: [(String, [Int])], spelling: Bool = false) throws -> String {
    let path = temporaryPath()
    let db = try WritableDatabase(path: path)
    let tg = try TermGenerator()
    try tg.setStemmer("english")
    if spelling { try tg.enableSpelling(into: db) }
    for (i, (text, years)) in texts.enumerated() {
        let doc = try Document()
        try tg.setDocument(doc)
        try tg.indexText(text)
        try doc.setData(text)
        try doc.addBooleanTerm("Q\(i)")
        for y in years { try doc.addBooleanTerm("Y\(y)") }
        try doc.setValue(0, sortableSerialise(Double(years.first ?? 0)))
        try doc.setValue(1, years.map(String.init).joined(separator: "\n"))
        try db.replace(uniqueTerm: "Q\(i)", with: doc)
    }
    try db.commit()
    try db.close()
    return path
}

let sample: [(String, [Int])] = [
    ("The giant pandas arrived in Belgium in February 2014.", [2014]),
    ("President Xi Jinping visited Belgium in March 2014 and met King Philippe.", [2014]),
    ("Premier Li Keqiang visited Belgium in June 2015 and in June 2017.", [2015, 2017]),
    ("Bilateral trade grew in 2024.", [2024]),
]

func search(_ db: Database, _ text: String, parser: QueryParser? = nil) throws -> [UInt32] {
    let qp = try parser ?? QueryParser()
    if parser == nil {
        try qp.setStemmer("english")
        try qp.setDatabase(db)
    }
    let enquire = try Enquire(db)
    try enquire.setQuery(try qp.parse(text))
    return try enquire.mset(maxItems: 100).matches().map(\.docid)
}
