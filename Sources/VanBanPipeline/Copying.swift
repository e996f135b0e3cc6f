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

    /// Electronic (Mẫu 3.2, the top-right line) or paper (Mẫu 3.1, the block under the last page's content).
    public enum Medium: String, Sendable { case electronic, paper }
    public var medium: Medium = .electronic

    /// Who signs a paper copy: "TL. GIÁM ĐỐC", "CHÁNH VĂN PHÒNG", the name.
    public struct Signer: Sendable, Equatable {
        public var authority: String?
        public var title: String
        public var name: String
    }
    /// Paper only: the parent agency (ô 1), place, date, signer, Nơi nhận, and where the block starts.
    public var issuerParent: String?
    public var place: String?
    public var date: DocumentDate?
    public var signer: Signer?
    public var cc: [String] = []
    public var topMM: Double?

    public static let fields = ["form", "medium", "issuer", "issuer_parent", "number", "symbol", "signed_at", "pages",
                                "place", "date", "signer", "cc", "top_mm"]
    static let paperFields = ["issuer_parent", "place", "date", "signer", "cc", "top_mm"]

    /// Reads the payload; every problem is reported at its JSON path in one `ValidationFailure`.
    /// `pageCount` is the original's, to check an extract's range; `now` gives the default signing time.
    public static func decode(_ json: JSONValue, pageCount: Int, now: Date = Date()) throws(ValidationFailure) -> CopyPayload {
        let sink = DiagnosticCollector()
        let r = JSONReader(json, sink: sink)
        guard r.expectObject(allowed: fields) else { throw ValidationFailure(sink.diagnostics) }
        var form: CopyForm?
        if let m = r.member("form") { form = m.oneOf(CopyForm.allCases.map(\.rawValue)).flatMap(CopyForm.init(rawValue:)) }
        else { sink.error(.root / "form", Message("field.required")) }
        let medium = r.member("medium").map { $0.oneOf(["electronic", "paper"]).flatMap(Medium.init(rawValue:)) } ?? .electronic
        var paper: (parent: String?, place: String?, date: DocumentDate?, signer: Signer?, cc: [String], top: Double?) = (nil, nil, nil, nil, [], nil)
        if medium == .paper {
            paper.parent = r.optionalText("issuer_parent")
            paper.place = r.requiredText("place")
            if let m = r.member("date") {
                if let text = m.text() {
                    let parts = text.split(separator: "-").compactMap { Int($0) }
                    if text.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) != nil, parts.count == 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]) {
                        paper.date = DocumentDate(day: parts[2], month: parts[1], year: parts[0])
                    } else { m.error(Message("copy.date", text)) }
                }
            } else { sink.error(.root / "date", Message("field.required")) }
            if let m = r.member("signer") {
                if m.expectObject(allowed: ["authority", "title", "name"], namingShape: true) {
                    let authority = m.optionalText("authority"), title = m.requiredText("title"), name = m.requiredText("name")
                    if let title, let name { paper.signer = Signer(authority: authority, title: title, name: name) }
                }
            } else { sink.error(.root / "signer", Message("field.required")) }
            if let m = r.member("cc") { paper.cc = m.elements()?.compactMap { $0.text() } ?? [] }
            if let m = r.member("top_mm") { paper.top = m.number(in: 0...2000) } else { sink.error(.root / "top_mm", Message("field.required")) }
            if !r.has("number"), !r.has("symbol") {
                sink.error(.root / "number", Message("field.required"))
                sink.error(.root / "symbol", Message("field.required"))
            }
        } else if medium == .electronic {
            for key in paperFields where r.has(key) { sink.error(.root / key, Message("copy.paper-only")) }
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
        guard !sink.hasErrors, let form, let issuer, let signedAt, let medium else { throw ValidationFailure(sink.diagnostics) }
        return CopyPayload(form: form, issuer: issuer, number: number, symbol: symbol, signedAt: signedAt, pages: pages,
                           medium: medium, issuerParent: paper.parent, place: paper.place, date: paper.date, signer: paper.signer,
                           cc: paper.cc, topMM: paper.top)
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
        // Electronic: the first copied page; paper: under the content of the last one.
        let target = payload.medium == .electronic ? (payload.pages?.lowerBound ?? 1) - 1 : (payload.pages?.upperBound ?? boxes.count) - 1
        guard boxes.indices.contains(target) else { throw PipelineError("the original has no pages") }
        let box = boxes[target]
        guard box.rotate == 0 else {
            throw PipelineError("page \(target + 1) of the original is rotated (/Rotate \(box.rotate)); copies of rotated pages are not supported")
        }
        let width = box.mediaBox.width, height = box.mediaBox.height
        let (overlay, lines): ([UInt8], [String]) = try engine.withTypesetter { typesetter in
            let placed: [Page.PlacedLine]
            var rules: [(x1: Double, x2: Double, y: Double)] = []
            if payload.medium == .paper {
                let block = paperBlock(payload, width: width, typesetter: typesetter)
                let limit = height - bottomMargin
                if block.bottom > limit {
                    let tall = (block.bottom - block.top) * 25.4 / 72
                    let maxTop = max(0, (limit - (block.bottom - block.top)) * 25.4 / 72)
                    throw ValidationFailure([Diagnostic(at: .root / "top_mm", Message("copy.block-does-not-fit", mm(tall), String(target + 1), mm(maxTop.rounded(.down))))])
                }
                placed = block.lines
                rules = block.rules
            } else {
                let font = FontSpec(.regular, fontSize)
                let texts = Self.breakParts(payload.lineParts, font: font, typesetter: typesetter)
                guard texts.count <= 3 else {
                    throw ValidationFailure([Diagnostic(at: .root / "issuer", Message("copy.line-too-long"))])
                }
                let right = width - rightMargin
                placed = texts.enumerated().map { i, text in
                    let w = typesetter.width(of: text, font: font)
                    return Page.PlacedLine(text: text, font: font, x: right - w,
                                           baseline: lastBaseline - Double(texts.count - 1 - i) * leading, width: w)
                }
            }
            let page = Page.lines(width: width, height: height, placed, rules: rules, role: payload.medium == .paper ? "copy-block" : "o14")
            let writer = PDFWriter(metadata: PDFMetadata(title: "", author: "", creationDate: "2000-01-01T00:00:00Z"),
                                   typesetter: typesetter)
            writer.add(page)
            return (writer.finish(), placed.map(\.text))
        }
        let keep = payload.pages.map { Array(($0.lowerBound - 1)...($0.upperBound - 1)) }
        let pdf: [UInt8]
        do { pdf = try PageOverlay.appendUpdate(to: original, overlays: [target: overlay], keep: keep) } catch {
            throw PipelineError(error.description)
        }
        return Result(pdf: pdf, payload: payload, lines: lines, pageIndex: target)
    }

    /// The decree's text block (cong-van layout): 30 mm left, 15 mm right, 20 mm bottom margins.
    static let leftMargin = 30 * 72 / 25.4
    static let bottomMargin = 20 * 72 / 25.4

    static func mm(_ value: Double) -> String { String(format: "%.0f", value) }

    /// Mẫu 3.1: under the original's content, a rule across the text block; then the copying agency
    /// (parent in capitals, the agency in bold capitals, a short rule) and "Số: 05/SY-…" on the left,
    /// the copy form in bold and the place and date in italic on the right, level with the header's
    /// columns; then "Nơi nhận:" with its items on the left and the signer on the right.
    /// Baselines from the top of the page; `top` is the rule's height.
    static func paperBlock(_ p: CopyPayload, width: Double, typesetter: Typesetter)
        -> (lines: [Page.PlacedLine], rules: [(x1: Double, x2: Double, y: Double)], top: Double, bottom: Double) {
        let left = leftMargin, right = width - rightMargin, tb = right - left
        let leftCentre = left + tb * 32.5 / 165, rightCentre = left + tb * 115 / 165
        let leftWidth = tb * 75 / 165, rightWidth = tb * 90 / 165
        var lines: [Page.PlacedLine] = []
        var rules: [(x1: Double, x2: Double, y: Double)] = []
        let top = (p.topMM ?? 0) * 72 / 25.4
        rules.append((left, right, top))
        /// Lines of `text` centred on `centre`, first baseline `y`; returns the last baseline and the widest line.
        func centred(_ text: String, _ font: FontSpec, _ centre: Double, _ maxWidth: Double, _ y: Double, _ step: Double) -> (Double, Double) {
            var y = y, widest = 0.0
            for (i, l) in typesetter.breakLines(text, font: font, width: maxWidth).enumerated() {
                if i > 0 { y += step }
                let w = typesetter.width(of: l.text, font: font)
                widest = max(widest, w)
                lines.append(Page.PlacedLine(text: l.text, font: font, x: centre - w / 2, baseline: y, width: w))
            }
            return (y, widest)
        }
        let first = top + 20
        var y = first - 14.5
        if let parent = p.issuerParent { y = centred(parent.uppercased(), FontSpec(.regular, 12), leftCentre, leftWidth, y + 14.5, 14.5).0 }
        let (agencyEnd, agencyWidth) = centred(p.issuer.uppercased(), FontSpec(.bold, 12), leftCentre, leftWidth, y + 14.5, 14.5)
        let shortRule = max(agencyWidth / 3, 22 * 72 / 25.4)
        rules.append((leftCentre - shortRule / 2, leftCentre + shortRule / 2, agencyEnd + 4))
        let numberLine = agencyEnd + 22
        if let number = p.number, let symbol = p.symbol {
            _ = centred("Số: \(VietnameseFormat.documentNumber(number))/\(symbol)", FontSpec(.regular, 13), leftCentre, leftWidth, numberLine, 15)
        }
        _ = centred(p.form.title, FontSpec(.bold, 13), rightCentre, rightWidth, first, 15)
        var dateEnd = numberLine
        if let place = p.place, let date = p.date {
            dateEnd = centred(VietnameseFormat.placeAndDate(place: place, date: date, blank: 0), FontSpec(.italic, 13), rightCentre, rightWidth,
                              max(numberLine, first + 22), 15).0
        }
        let signatureTop = max(numberLine, dateEnd) + 28
        var leftEnd = signatureTop
        lines.append(Page.PlacedLine(text: "Nơi nhận:", font: FontSpec(.boldItalic, 12), x: left, baseline: signatureTop,
                                     width: typesetter.width(of: "Nơi nhận:", font: FontSpec(.boldItalic, 12))))
        for item in p.cc {
            for l in typesetter.breakLines("- " + item, font: FontSpec(.regular, 11), width: leftWidth) {
                leftEnd += 13
                lines.append(Page.PlacedLine(text: l.text, font: FontSpec(.regular, 11), x: left, baseline: leftEnd, width: l.width))
            }
        }
        var y2 = signatureTop - 16
        if let authority = p.signer?.authority { y2 = centred(authority.uppercased(), FontSpec(.bold, 13), rightCentre, rightWidth, y2 + 16, 16).0 }
        if let title = p.signer?.title { y2 = centred(title.uppercased(), FontSpec(.bold, 13), rightCentre, rightWidth, y2 + 16, 16).0 }
        let nameLine = y2 + 72
        if let name = p.signer?.name { _ = centred(name, FontSpec(.bold, 13), rightCentre, rightWidth, nameLine, 16) }
        return (lines, rules, top, max(leftEnd, nameLine) + 4)
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
