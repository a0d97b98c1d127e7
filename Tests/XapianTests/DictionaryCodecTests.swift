import Foundation
import Testing
@testable import Xapian

@Suite struct DictionaryCodecTests {
    let texts = (0..<400).map { i in
        "Premier Li Keqiang met the Belgian delegation in Brussels in \(1990 + i % 35) to discuss trade number \(i) and the pandas of Pairi Daiza."
    }

    @Test func roundTripsAndShrinksWithATrainedDictionary() throws {
        let samples = texts.map { Array($0.utf8) }
        let dictionary = try DictionaryCodec.train(samples: samples, capacity: 4096)
        #expect(!dictionary.isEmpty && dictionary.count <= 4096)
        let codec = try DictionaryCodec(dictionary: dictionary)
        let plain = try DictionaryCodec(dictionary: [])
        var random = SystemRandomNumberGenerator()
        let noise = (0..<300).map { _ in UInt8.random(in: 0...255, using: &random) }
        for input in [samples[7], samples[399], [], noise] {
            let packed = try codec.compress(input)
            #expect(try codec.decompress(packed[...], size: input.count) == input)
            #expect(try plain.decompress(try plain.compress(input)[...], size: input.count) == input)
        }
        // the dictionary is what makes a short text small
        #expect(try codec.compress(samples[3]).count * 3 < (try plain.compress(samples[3])).count)
    }

    @Test func damageIsAnErrorNeverACrash() throws {
        let codec = try DictionaryCodec(dictionary: Array(texts[0].utf8))
        let input = Array(texts[1].utf8)
        let packed = try codec.compress(input)
        #expect(throws: XapianError.self) { try codec.decompress(packed[...], size: input.count + 1) }
        #expect(throws: XapianError.self) { try codec.decompress(packed.prefix(packed.count / 2), size: input.count) }
        #expect(throws: XapianError.self) { try codec.decompress([1, 2, 3][...], size: 10) }
        // another dictionary does not give the text back
        let other = try DictionaryCodec(dictionary: Array("something else entirely, another corpus".utf8))
        #expect((try? other.decompress(packed[...], size: input.count)) != input)
        #expect(throws: XapianError.self) { try DictionaryCodec.train(samples: [[1, 2, 3]], capacity: 4096) }
        #expect(throws: XapianError.self) { try DictionaryCodec(dictionary: [UInt8](repeating: 1, count: DictionaryCodec.maxDictionary + 1)) }
    }
}
