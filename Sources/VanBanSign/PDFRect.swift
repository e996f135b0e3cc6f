/// A rectangle in PDF user space: points, origin at the bottom-left of the page.
///
/// PDF allows any two opposite corners; `normalized` orders them so containment checks and the
/// written `/Rect` are unambiguous. `description` is the PDF array form, `[x1 y1 x2 y2]`, which is
/// also what error messages show.
public struct PDFRect: Sendable, Equatable, CustomStringConvertible {
    public var x1: Double
    public var y1: Double
    public var x2: Double
    public var y2: Double

    public init(x1: Double, y1: Double, x2: Double, y2: Double) {
        self.x1 = x1
        self.y1 = y1
        self.x2 = x2
        self.y2 = y2
    }

    /// The same rectangle with `x1 <= x2` and `y1 <= y2`.
    public var normalized: PDFRect {
        PDFRect(x1: min(x1, x2), y1: min(y1, y2), x2: max(x1, x2), y2: max(y1, y2))
    }

    public var width: Double { abs(x2 - x1) }
    public var height: Double { abs(y2 - y1) }

    /// Whether `other` lies entirely inside this rectangle (edges may touch).
    public func contains(_ other: PDFRect) -> Bool {
        let outer = normalized
        let inner = other.normalized
        return inner.x1 >= outer.x1 && inner.y1 >= outer.y1 && inner.x2 <= outer.x2 && inner.y2 <= outer.y2
    }

    public var description: String {
        "[" + [x1, y1, x2, y2].map(PDFNumberFormat.string).joined(separator: " ") + "]"
    }
}
