import VanBanText

/// A point on a page, in points, origin at the top-left corner, y growing downwards.
public struct Point: Sendable, Equatable { public var x: Double; public var y: Double }

public struct Rect: Sendable, Equatable {
    public var x: Double, y: Double, width: Double, height: Double
    public init(x: Double, y: Double, width: Double, height: Double) { self.x = x; self.y = y; self.width = width; self.height = height }
    public var maxX: Double { x + width }
    public var maxY: Double { y + height }
}

public struct RGB: Sendable, Equatable {
    public var r: Double, g: Double, b: Double
    public static let black = RGB(r: 0, g: 0, b: 0)
}

/// One line of text placed on a page.
public struct TextItem: Sendable, Equatable {
    public var text: String
    public var font: FontSpec
    /// Left end of the line.
    public var x: Double
    public var baseline: Double
    /// When set, the line is justified to exactly this width.
    public var justifyWidth: Double?
    /// Natural width, measured at layout time.
    public var width: Double
    public var color: RGB
    /// Which element this is (a Decree 30 cell "o1", "o4", … or "body", "table", "page-number").
    public var role: String
}

/// A straight stroked line (rules under headings, table borders).
public struct LineItem: Sendable, Equatable {
    public var x1: Double, y1: Double, x2: Double, y2: Double
    public var width: Double
    public var color: RGB
    public var role: String
}

/// A rectangle, stroked and/or filled (stamp boxes).
public struct BoxItem: Sendable, Equatable {
    public var rect: Rect
    public var strokeWidth: Double
    public var color: RGB
    public var role: String
}

/// The closed set of things a page holds. Renderers switch over it with no default case.
public enum PageItem: Sendable, Equatable {
    case text(TextItem)
    case line(LineItem)
    case box(BoxItem)

    func offsetBy(dx: Double, dy: Double) -> PageItem {
        switch self {
        case .text(var t): t.x += dx; t.baseline += dy; return .text(t)
        case .line(var l): l.x1 += dx; l.x2 += dx; l.y1 += dy; l.y2 += dy; return .line(l)
        case .box(var b): b.rect.x += dx; b.rect.y += dy; return .box(b)
        }
    }

    /// Lowest point the item reaches (for checks that nothing crosses the bottom margin).
    public var bottom: Double {
        switch self {
        case .text(let t): return t.baseline + t.font.size * 0.216
        case .line(let l): return max(l.y1, l.y2) + l.width / 2
        case .box(let b): return b.rect.maxY + b.strokeWidth / 2
        }
    }
}

/// A finished page.
public struct Page: Sendable, Equatable {
    public var width: Double
    public var height: Double
    public var items: [PageItem]
    /// The page's number within its section (letter or annex), 1-based.
    public var number: Int
    /// Index of the section: 0 = the letter, 1… = annexes.
    public var section: Int
    /// The printable area, for checks and previews.
    public var textBlock: Rect

    public var isLandscape: Bool { width > height }
    public var texts: [TextItem] { items.compactMap { if case .text(let t) = $0 { return t } else { return nil } } }
    public var lines: [LineItem] { items.compactMap { if case .line(let l) = $0 { return l } else { return nil } } }
}

/// A named place on a page that the signing workflow fills later (number, date, signature, seal).
public struct Slot: Sendable, Equatable {
    public var name: String
    public var pageIndex: Int
    public var rect: Rect
}

public struct OutlineEntry: Sendable, Equatable {
    public var title: String
    public var pageIndex: Int
}

/// Everything layout decided: pages of plain values, plus what the PDF writer and signer need.
public struct LaidOutDocument: Sendable, Equatable {
    public var pages: [Page]
    public var slots: [Slot]
    public var outline: [OutlineEntry]
    public var warnings: [String]
}

public struct PageSize: Sendable, Equatable {
    public var width: Double
    public var height: Double
}

/// What a streamed layout leaves once its pages have gone to the writer: page sizes, signing slots,
/// outline and warnings — everything the signer and the slot map need.
public struct LayoutSummary: Sendable, Equatable {
    public var pageSizes: [PageSize]
    public var slots: [Slot]
    public var outline: [OutlineEntry]
    public var warnings: [String]
    public var pageCount: Int { pageSizes.count }
}

extension LaidOutDocument {
    public var summary: LayoutSummary {
        LayoutSummary(pageSizes: pages.map { PageSize(width: $0.width, height: $0.height) }, slots: slots, outline: outline, warnings: warnings)
    }
}
