import Foundation
import Testing
@testable import VanBanModel

/// Issue 14: short Swift replacements for Foundation string calls on the render path (which bridge to
/// NSString); they must give Foundation's results.
@Suite struct ScalarReplacingTests {
    let corpus = ["quyet-dinh", "cong_van", "", "-", "--a--", "Đồng Tháp", "  Mã số  ", "\tSTT\n", "\u{00A0}Năm\u{2003}",
                  " \n\r\t ", "a b", "x\u{0301}-y", "🇻🇳-🇻🇳", "\u{200B}zero width\u{200B}", "line\u{2028}sep\u{2029}"]

    @Test func replacingScalarMatchesFoundation() {
        for s in corpus {
            #expect(s.replacingScalar("-", with: "_") == s.replacingOccurrences(of: "-", with: "_"), "\(s.debugDescription)")
            #expect(s.replacingScalar("_", with: "-") == s.replacingOccurrences(of: "_", with: "-"), "\(s.debugDescription)")
        }
        #expect("quyet-dinh".replacingScalar("-", with: "_") == "quyet_dinh")
        #expect(DocumentKind(rawValue: "quyet_dinh").typeName == "quyet-dinh")
    }

    @Test func trimmingWhitespaceMatchesFoundation() {
        for s in corpus {
            #expect(s.trimmingWhitespace == s.trimmingCharacters(in: .whitespacesAndNewlines), "\(s.debugDescription)")
        }
        #expect("  Mã số  ".trimmingWhitespace == "Mã số")
        // Every scalar of the planes in use, alone and around a letter.
        for v in 0..<0x30000 {
            guard let c = Unicode.Scalar(v) else { continue }
            let s = "\(c)x\(c)"
            if s.trimmingWhitespace != s.trimmingCharacters(in: .whitespacesAndNewlines) {
                Issue.record("U+\(String(v, radix: 16, uppercase: true))")
            }
        }
    }

    /// A message inside another survives quotes, backslashes, control characters and a nested message,
    /// and is rendered in the language of the message that holds it.
    @Test func aNestedMessageRoundTrips() {
        let inner = Message("file.is-folder")
        let tricky = "a \"quoted\" \\ path/with\u{1}ctl và tiếng Việt"
        let outer = Message("file.cannot-read", tricky, inner.asArgument)
        #expect(Message.nested(inner.asArgument) == inner)
        #expect(Message.nested(Message("file.cannot-read", tricky, inner.asArgument).asArgument) == outer)
        #expect(outer.text(.en).contains(tricky))
        #expect(outer.text(.en).contains(inner.text(.en)) && outer.text(.vi).contains(inner.text(.vi)))
        #expect(Message.nested("plain text") == nil)
        #expect(Message.nested(MessageCatalog.nestedMark + "[\"no.such.id\"]") == nil)
        #expect(Message.nested(MessageCatalog.nestedMark + "[1]") == nil)
    }

    @Test func environmentValuesComeFromTheProcess() {
        setenv("VANBAN_TEST_VALUE", "giá trị", 1)
        defer { unsetenv("VANBAN_TEST_VALUE") }
        #expect(ProcessEnvironment.value("VANBAN_TEST_VALUE") == "giá trị")
        #expect(ProcessEnvironment.value("VANBAN_TEST_UNSET_\(UUID().uuidString.prefix(8))") == nil)
        #expect(ProcessEnvironment.values(["VANBAN_TEST_VALUE", "VANBAN_TEST_UNSET"]) == ["VANBAN_TEST_VALUE": "giá trị"])
    }
}
