import Foundation
import VanBanLayout
import VanBanModel
import VanBanRender
import VanBanSign
import VanBanText

/// The three forms of copy of Decree 30 (Art. 25) and their register codes (Appendix III, part I).
public enum CopyForm: String, CaseIterable, Sendable {
    case saoY = "sao_y", saoLuc = "sao_luc", trichSao = "trich_sao"

    /// The words printed on the copy.
    public var title: String {
        switch self {
        case .saoY: "SAO Y"
        case .saoLuc: "SAO LỤC"
        case .trichSao: "TRÍCH SAO"
        }
    }

    /// The type code that starts the copy's symbol (`05/SY-SKHCN`).
    public var code: String {
        switch self {
        case .saoY: "SY"
        case .saoLuc: "SL"
        case .trichSao: "TrS"
        }
    }

    var name: String {
        switch self {
        case .saoY: "sao y"
        case .saoLuc: "sao lục"
        case .trichSao: "trích sao"
        }
    }
}

/// A copy payload (`vanban copy ORIGINAL.pdf --payload COPY.json`), validated against the original.
public struct CopyPayload: Sendable, Equatable {
    public var form: CopyForm
    /// The copying agency's name as it is printed ("Sở Khoa học và Công nghệ tỉnh Đồng Tháp").
    public var issuer: String
    /// The copy's own number and symbol in the copies register, when given (both or neither).
    public var number: Int?
    public var symbol: String?
    /// The signing time, ISO 8601 with its zone ("2026-11-30T08:30:15+07:00").
    public var signedAt: String
    /// Pages of the original kept by an extract (1-based, inclusive); nil: every page.
    public var pages: ClosedRange<Int>?

    public static let fields = ["form", "medium", "issuer", "number", "symbol", "signed_at", "pages"]

    /// Reads the payload; every problem is reported at its JSON path in one `ValidationFailure`.
    /// `pageCount` is the original's, to check an extract's range; `now` gives the default signing time.
    public static func decode(_ json: JSONValue, pageCount: Int, now: Date = Date()) throws(ValidationFailure) -> CopyPayload {
        let sink = DiagnosticCollector()
        let r = JSONReader(json, sink: sink)
        guard r.expectObject(allowed: fields) else { throw ValidationFailure(sink.diagnostics) }
        var form: CopyForm?
        if let m = r.member("form") { form = m.oneOf(CopyForm.allCases.map(\.rawValue)).flatMap(CopyForm.init(rawValue:)) }
        else { sink.error(.root / "form", Message("field.required")) }
        if let m = r.member("medium"), let medium = m.oneOf(["electronic", "paper"]), medium == "paper" {
            m.error(Message("copy.paper"))
        }
        let issuer = r.requiredText("issuer")
        let number = r.member("number")?.integer(in: 1...999_999)
        let symbol = r.optionalText("symbol")
        if r.has("number") != r.has("symbol") { sink.error(.root / (r.has("number") ? "symbol" : "number"), Message("field.required")) }
        if let form, let symbol {
            let parts = symbol.split(separator: "-", maxSplits: 1)
            if parts.count < 2 || parts[0] != form.code {
                let rest = parts.count < 2 ? symbol : String(parts[1])
                sink.error(.root / "symbol", Message("copy.symbol-code", form.code, form.name, form.code + "-" + rest))
            }
        }
        var signedAt: String?
        if let m = r.member("signed_at") {
            if let text = m.text() {
                if Self.isISOTime(text) { signedAt = text } else { m.error(Message("copy.signed-at", text)) }
            }
        } else {
            signedAt = Self.isoTime(now)
        }
        var pages: ClosedRange<Int>?
        if let m = r.member("pages") {
            if let form, form != .trichSao {
                m.error(Message("copy.pages.only-extract", form.name))
            } else if m.expectObject(allowed: ["from", "to"], namingShape: true) {
                let from = m.member("from").map { $0.integer(in: 1...1_000_000) } ?? { sink.error(m.path / "from", Message("field.required")); return nil }()
                let to = m.member("to").map { $0.integer(in: 1...1_000_000) } ?? { sink.error(m.path / "to", Message("field.required")); return nil }()
                if let from, from > pageCount { sink.error(m.path / "from", Message("copy.pages.past-end", String(from), String(pageCount))) }
                else if let to, to > pageCount { sink.error(m.path / "to", Message("copy.pages.past-end", String(to), String(pageCount))) }
                else if let from, let to {
                    if from > to { m.error(Message("copy.pages.order", String(from), String(to))) } else { pages = from...to }
                }
            }
        } else if form == .trichSao {
            sink.error(.root / "pages", Message("field.required"))
        }
        guard !sink.hasErrors, let form, let issuer, let signedAt else { throw ValidationFailure(sink.diagnostics) }
        return CopyPayload(form: form, issuer: issuer, number: number, symbol: symbol, signedAt: signedAt, pages: pages)
    }

    /// The parts of the line of Mẫu 3.2 (ô 14): copy form, copying agency, number when given, signing time.
    public var lineParts: [String] {
        var parts = [form.title, issuer]
        if let number, let symbol { parts.append("Số: \(VietnameseFormat.documentNumber(number))/\(symbol)") }
        parts.append(signedAt)
        return parts
    }

    static func isISOTime(_ text: String) -> Bool {
        guard text.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})/) != nil else { return false }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text) != nil
    }

    /// `now` in Vietnam time (UTC+7), ISO 8601.
    static func isoTime(_ now: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(secondsFromGMT: 7 * 3600)
        return formatter.string(from: now)
    }
}

/// Makes an electronic copy (Mẫu 3.2): the original's bytes, then one incremental update drawing the
/// copy line at the top right of the copy's first page (10 pt, regular, black, no image; nd30-spec R61),
/// typeset by VanBan's own typesetter; an extract (trích sao) keeps only its pages in the page tree.
public enum CopyMaker {
    /// The line's geometry: 10 pt, flush with the right margin of the decree's layout (15 mm),
    /// last baseline 15 mm from the top edge (inside the 20 mm top margin, above the text block).
    public static let fontSize = 10.0
    public static let rightMargin = 15 * 72 / 25.4
    public static let lastBaseline = 15 * 72 / 25.4
    public static let leading = 12.0
    /// At most this wide (mm 120) and three lines; longer is an error at `$.issuer`.
    public static let maxWidth = 120 * 72 / 25.4

    public struct Result: Sendable {
        public var pdf: [UInt8]
        public var payload: CopyPayload
        /// The typeset lines, top to bottom, and the page index (of the original) they went on.
        public var lines: [String]
        public var pageIndex: Int
    }

    public static func make(original: [UInt8], payload json: JSONValue, engine: Engine, now: Date = Date()) throws -> Result {
        let boxes: [PageOverlay.PageBox]
        do { boxes = try PageOverlay.pages(of: original) } catch { throw PipelineError(error.description) }
        let payload = try CopyPayload.decode(json, pageCount: boxes.count, now: now)
        let first = (payload.pages?.lowerBound ?? 1) - 1
        guard boxes.indices.contains(first) else { throw PipelineError("the original has no pages") }
        let box = boxes[first]
        guard box.rotate == 0 else {
            throw PipelineError("page \(first + 1) of the original is rotated (/Rotate \(box.rotate)); copies of rotated pages are not supported")
        }
        let width = box.mediaBox.width, height = box.mediaBox.height
        let font = FontSpec(.regular, fontSize)
        let (overlay, lines): ([UInt8], [String]) = try engine.withTypesetter { typesetter in
            let texts = Self.breakParts(payload.lineParts, font: font, typesetter: typesetter)
            guard texts.count <= 3 else {
                throw ValidationFailure([Diagnostic(at: .root / "issuer", Message("copy.line-too-long"))])
            }
            let right = width - rightMargin
            let placed = texts.enumerated().map { i, text in
                let w = typesetter.width(of: text, font: font)
                return Page.PlacedLine(text: text, font: font, x: right - w,
                                       baseline: lastBaseline - Double(texts.count - 1 - i) * leading, width: w)
            }
            let page = Page.lines(width: width, height: height, placed, role: "o14")
            let writer = PDFWriter(metadata: PDFMetadata(title: "", author: "", creationDate: "2000-01-01T00:00:00Z"),
                                   typesetter: typesetter)
            writer.add(page)
            return (writer.finish(), texts)
        }
        let keep = payload.pages.map { Array(($0.lowerBound - 1)...($0.upperBound - 1)) }
        let pdf: [UInt8]
        do { pdf = try PageOverlay.appendUpdate(to: original, overlays: [first: overlay], keep: keep) } catch {
            throw PipelineError(error.description)
        }
        return Result(pdf: pdf, payload: payload, lines: lines, pageIndex: first)
    }

    /// The parts joined by "; " onto as few lines as fit `maxWidth`, each but the last ending in ";";
    /// a part wider than a line is broken by the typesetter.
    static func breakParts(_ parts: [String], font: FontSpec, typesetter: Typesetter) -> [String] {
        var lines: [String] = []
        var current = ""
        for (i, part) in parts.enumerated() {
            let piece = part + (i < parts.count - 1 ? ";" : "")
            let candidate = current.isEmpty ? piece : current + " " + piece
            if typesetter.width(of: candidate, font: font) <= maxWidth { current = candidate; continue }
            if !current.isEmpty { lines.append(current) }
            if typesetter.width(of: piece, font: font) <= maxWidth { current = piece; continue }
            let broken = typesetter.breakLines(piece, font: font, width: maxWidth).map(\.text)
            lines += broken.dropLast()
            current = broken.last ?? ""
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
