import Foundation
import VanBanLayout

/// Where the signing workflow's marks go: the number and date blanks, the signature and seal
/// fields, and each annex's first page — what an e-office system needs to place stamps.
///
/// Rectangles are given twice: in PDF points and in millimetres, both with the origin at the
/// bottom-left corner of the page (PDF user space), x to the right, y upwards.
public struct SlotMap: Codable, Sendable, Equatable {
    public struct Box: Codable, Sendable, Equatable {
        public var x1: Double, y1: Double, x2: Double, y2: Double
    }
    public struct Entry: Codable, Sendable, Equatable {
        public var name: String
        /// 1-based page number in the PDF.
        public var page: Int
        public var pt: Box
        public var mm: Box
    }
    public var origin: String
    public var pages: Int
    public var slots: [Entry]

    public init(document: LaidOutDocument) { self.init(document: document.summary) }

    public init(document: LayoutSummary) {
        origin = "bottom-left corner of the page; x right, y up; pt = PDF user space units (1/72 in)"
        pages = document.pageCount
        slots = document.slots.map { s in
            let page = document.pageSizes[s.pageIndex]
            let pt = Box(x1: r2(s.rect.x), y1: r2(page.height - s.rect.maxY), x2: r2(s.rect.maxX), y2: r2(page.height - s.rect.y))
            let k = 25.4 / 72
            return Entry(name: s.name, page: s.pageIndex + 1, pt: pt,
                         mm: Box(x1: r2(pt.x1 * k), y1: r2(pt.y1 * k), x2: r2(pt.x2 * k), y2: r2(pt.y2 * k)))
        }
    }

    public func json() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array((try? encoder.encode(self)) ?? Data())
    }
}

private func r2(_ v: Double) -> Double { (v * 100).rounded() / 100 }
