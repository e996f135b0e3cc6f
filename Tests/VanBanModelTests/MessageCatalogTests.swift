import Foundation
import Testing
@testable import VanBanModel

@Suite struct MessageCatalogTests {
    @Test func everyKeyHasBothLanguagesWithTheSameArguments() {
        for (id, entry) in MessageCatalog.entries {
            #expect(!entry.en.isEmpty && !entry.vi.isEmpty, "\(id)")
            #expect(entry.en != entry.vi, "\(id) is not translated")
            for i in 0..<6 { #expect(entry.en.contains("{\(i)}") == entry.vi.contains("{\(i)}"), "\(id): argument \(i)") }
        }
    }

    @Test func languageFromFlagEnvironmentLocaleAndHeader() {
        #expect(Language.resolve(nil, environment: ["LANG": "vi_VN.UTF-8"]) == .vi)
        #expect(Language.resolve(nil, environment: ["LANG": "en_US.UTF-8"]) == .en)
        #expect(Language.resolve(nil, environment: [:]) == .en)
        #expect(Language.resolve(nil, environment: ["LANG": "vi_VN.UTF-8", "VANBAN_LANG": "en"]) == .en)
        #expect(Language.resolve("vi", environment: ["VANBAN_LANG": "en"]) == .vi)
        #expect(Language.resolve(nil, environment: ["LC_ALL": "C", "LANG": "vi_VN"]) == .en)
        #expect(Language.accepting("vi-VN,vi;q=0.9,en;q=0.8") == .vi)
        #expect(Language.accepting("en;q=0.9, vi;q=0.5") == .en)
        #expect(Language.accepting("fr") == .en)
    }

    /// The shape, type, required and unknown-field messages of the decoder come from the catalogue,
    /// and read the same in English as before.
    @Test func decoderMessagesGoThroughTheCatalogue() throws {
        let payload = #"{"kind": 3, "issuer": "SỞ", "date": "05/6/2020", "symbol": "A", "place": "", "subjekt": "x", "number": 1.5, "signer": {"name": true}, "body": "x"}"#
        let result = PayloadDecoder.decode(try JSONParser.parse(payload), sink: DiagnosticCollector())
        let generic = result.diagnostics.filter { $0.message.hasPrefix("expected") || $0.message == "is required"
            || $0.message.hasPrefix("unknown field") || $0.message == "must not be empty" }
        #expect(generic.count >= 6)
        for d in generic { #expect(d.messageID != nil, "\(d.description) is not from the catalogue") }
        let texts = Dictionary(result.diagnostics.map { ($0.path.description, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(texts["$.date"]?.message == "expected an object {day, month, year}, got a string")
        #expect(texts["$.date"]?.message(in: .vi) == "cần một đối tượng {day, month, year}, nhận được một chuỗi")
        #expect(texts["$.subjekt"]?.message == "unknown field (did you mean \"subject\"?)")
        #expect(texts["$.subjekt"]?.message(in: .vi) == "trường không được hỗ trợ (có phải ý bạn là \"subject\"?)")
    }
}
