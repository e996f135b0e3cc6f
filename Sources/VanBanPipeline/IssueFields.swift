import Foundation
import VanBanLayout
import VanBanModel
import VanBanRender
import VanBanSign
import VanBanText

/// What `vanban issue` needs from the document it numbers, written at render time into the Info
/// dictionary (`/VanBanIssue`, JSON) of the signed-ready PDF, so the leader's signature covers it:
/// the register's columns and how the "Số:" and date lines are typeset.
public struct IssueTemplate: Codable, Sendable, Equatable {
    /// One header line the issue re-typesets: `prefix + value + suffix`, centred on `centerX`.
    public struct Line: Codable, Sendable, Equatable {
        public var prefix: String
        public var suffix: String
        public var size: Double
        public var face: String
        /// PDF user space (origin bottom-left).
        public var centerX: Double
        public var baseline: Double

        public var font: FontSpec { FontSpec(FontFace(rawValue: face) ?? .regular, size) }
    }
    public static let infoKey = "VanBanIssue"
    public static let numberField = "DocumentNumber"
    public static let dateField = "IssueDate"

    public var version: Int
    public var kind: String
    /// "Công văn", "Báo cáo"; `typeCode` "CV", "BC" (the symbol's type part for named types).
    public var type: String
    public var typeCode: String
    public var symbol: String
    /// The agency's part of the symbol: numbering runs per agency (and year).
    public var agency: String
    public var subject: String
    public var signer: String
    public var recipients: [String]
    /// "Lưu: VT, VP (02)": the units keeping a copy and that number of copies as written.
    public var archiveUnits: [String]
    public var archiveCopies: String?
    /// Copies sent and kept: recipients, Nơi nhận entries (other than "Như trên") and archive units.
    public var copies: Int
    public var place: String
    public var number: Line
    public var date: Line

    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }

    public static func decode(_ text: String) -> IssueTemplate? {
        try? JSONDecoder().decode(IssueTemplate.self, from: Data(text.utf8))
    }

    /// The agency part of a symbol: công văn "SKHCN-VP" → "SKHCN"; named types "QĐ-UBND" → "UBND".
    public static func agency(symbol: String, kind: DocumentKind) -> String {
        let parts = symbol.split(separator: "-").map(String.init)
        guard let first = parts.first else { return symbol }
        if kind == .congVan || parts.count < 2 { return first }
        return parts[1]
    }

    static func make(_ p: Payload, number: Line, date: Line) -> IssueTemplate {
        let parts = p.symbol.split(separator: "-").map(String.init)
        let type: String
        let code: String
        switch p.kind {
        case .congVan: type = "Công văn"; code = "CV"
        default:
            let title = (p.title ?? "Văn bản").lowercased()
            type = title.prefix(1).uppercased() + title.dropFirst()
            code = parts.first ?? "VB"
        }
        var signer = ""
        if let s = p.signer {
            let title = s.title ?? s.headTitle.map { [s.authority, $0].compactMap { $0 }.joined(separator: " ") }
            signer = s.name + (title.map { " (\($0))" } ?? "")
        }
        let others = p.cc.map(\.name).filter { $0.lowercased() != "như trên" }
        var recipients = p.recipients
        for name in others where !recipients.contains(name) { recipients.append(name) }
        let units = p.archive.map { ["VT"] + $0.units.filter { $0 != "VT" } } ?? ["VT"]
        return IssueTemplate(
            version: 1, kind: p.kind.rawValue, type: type, typeCode: code, symbol: p.symbol,
            agency: agency(symbol: p.symbol, kind: p.kind), subject: p.subject ?? "", signer: signer,
            recipients: recipients, archiveUnits: units, archiveCopies: p.archive?.copies,
            copies: recipients.count + units.count, place: p.place, number: number, date: date)
    }
}

/// The "Số:" and date lines of a draft with blank number and day: at render time they are taken
/// out of the page content and drawn as the appearances of the `DocumentNumber` and `IssueDate`
/// text fields instead, so that `vanban issue` can replace them by the numbered, dated lines (the
/// page then reads as if typeset so, in every viewer and in extracted text).
final class HeldHeaderLines: @unchecked Sendable {
    private let holdNumber: Bool
    private let holdDate: Bool
    private var seenFirstPage = false
    private(set) var numberItem: TextItem?
    private(set) var dateItem: TextItem?

    init(payload: Payload, enabled: Bool) {
        holdNumber = enabled && payload.number == nil && payload.kind != .annexOnly
        holdDate = enabled && payload.date.day == nil && payload.kind != .annexOnly
    }

    /// The page without the held lines (first page only).
    func take(_ page: Page) -> Page {
        defer { seenFirstPage = true }
        guard !seenFirstPage, holdNumber || holdDate else { return page }
        var page = page
        page.items.removeAll { item in
            guard case .text(let t) = item else { return false }
            if holdNumber, t.role == "o3" { numberItem = t; return true }
            if holdDate, t.role == "o4" { dateItem = t; return true }
            return false
        }
        return page
    }

    /// The two text fields with the draft lines as appearances, and the template for the Info
    /// dictionary; nil when this document has no blank number and day (nothing to issue later).
    func fields(_ summary: LayoutSummary, payload p: Payload, typesetter: Typesetter) -> (fields: [TextField], template: IssueTemplate)? {
        guard let numberItem, let dateItem, let size = summary.pageSizes.first else { return nil }
        let h = size.height
        let widestNumber = typesetter.width(of: "Số: 8888/" + p.symbol, font: numberItem.font)
        let widestDate = typesetter.width(of: p.place + ", ngày 28 tháng 12 năm 8888", font: dateItem.font)
        func field(_ name: String, _ item: TextItem, widest: Double) -> (TextField, IssueTemplate.Line) {
            let m = typesetter.metrics(item.font)
            let cx = item.x + item.width / 2
            let half = max(item.width, widest) / 2 + 3
            let rect = PDFRect(x1: max(0, cx - half), y1: h - (item.baseline + m.descent + 1.5),
                               x2: min(size.width, cx + half), y2: h - (item.baseline - m.ascent - 1.5))
            let line = IssueTemplate.Line(prefix: "", suffix: "", size: item.font.size, face: item.font.face.rawValue,
                                          centerX: cx, baseline: h - item.baseline)
            let pdf = FieldAppearance.pdf(text: item.text, line: line, rect: rect, typesetter: typesetter)
            return (TextField(name: name, pageIndex: 0, rect: rect, appearance: pdf), line)
        }
        let (numberField, numberLine) = field(IssueTemplate.numberField, numberItem, widest: widestNumber)
        let (dateField, dateLine) = field(IssueTemplate.dateField, dateItem, widest: widestDate)
        var n = numberLine
        n.prefix = "Số: "
        n.suffix = "/" + p.symbol
        var d = dateLine
        d.prefix = p.place + ", "
        return ([numberField, dateField], IssueTemplate.make(p, number: n, date: d))
    }
}

/// A field appearance drawn by the same typesetter and cairo as the page: a one-page PDF the size
/// of the field holding one line, centred where the page's line is centred.
public enum FieldAppearance {
    public static func pdf(text: String, line: IssueTemplate.Line, rect: PDFRect, typesetter: Typesetter) -> [UInt8] {
        let width = typesetter.width(of: text, font: line.font)
        let page = Page.singleLine(width: rect.width, height: rect.height, text: text, font: line.font,
                                   x: line.centerX - width / 2 - rect.x1, baseline: rect.y2 - line.baseline,
                                   textWidth: width, role: "field")
        let writer = PDFWriter(metadata: PDFMetadata(title: "", author: "", creationDate: "2000-01-01T00:00:00Z"),
                               typesetter: typesetter)
        writer.add(page)
        return writer.finish()
    }
}
