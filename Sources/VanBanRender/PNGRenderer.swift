import CPangoCairo
import VanBanLayout
import VanBanText

/// Draws one laid-out page to PNG bytes, straight from the page items (no PDF round trip).
public enum PNGRenderer {
    public struct Overlay: Sendable {
        /// Dashed frame around the text block (the margins).
        public var margins: Bool
        /// Frames around each element with its Decree 30 cell number (ô 1–14), and the signing slots.
        public var cells: Bool
        public var slots: [Slot]
        public init(margins: Bool = false, cells: Bool = false, slots: [Slot] = []) {
            self.margins = margins; self.cells = cells; self.slots = slots
        }
    }

    public static func render(_ page: Page, dpi: Double, typesetter: Typesetter, overlay: Overlay = Overlay()) -> [UInt8] {
        let scale = dpi / 72
        let w = Int32((page.width * scale).rounded()), h = Int32((page.height * scale).rounded())
        let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h)!
        let cr = cairo_create(surface)!
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_paint(cr)
        cairo_scale(cr, scale, scale)
        PageDrawer.draw(page, on: cr, typesetter: typesetter)
        if overlay.margins {
            cairo_set_source_rgb(cr, 0.2, 0.4, 1)
            cairo_set_line_width(cr, 0.5)
            var dash: [Double] = [3, 3]
            cairo_set_dash(cr, &dash, 2, 0)
            let tb = page.textBlock
            cairo_rectangle(cr, tb.x, tb.y, tb.width, tb.height)
            cairo_stroke(cr)
            cairo_set_dash(cr, nil, 0, 0)
        }
        if overlay.cells { drawCells(page, slots: overlay.slots, on: cr, typesetter: typesetter) }
        cairo_destroy(cr)
        return encode(surface)
    }

    /// The Decree 30 cell an element belongs to: role "o5b" → "5b", "o1-motto" → "1". The blocks of
    /// the other document types (Layouts/types/) belong to ô 6, the content: authority line, căn cứ,
    /// "QUYẾT ĐỊNH:" line, labelled lines, chapters, Điều, khoản, điểm; an attached document's title and
    /// subject to ô 5a.
    static func cellLabel(_ role: String) -> String? {
        if role.hasPrefix("o"), role.dropFirst().first?.isNumber == true {
            return String(role.dropFirst().prefix { $0.isNumber || ($0.isLetter && $0.isLowercase) })
        }
        switch role {
        case "attached-title", "attached-subject": return "5a"
        case "authority", "grounds", "type-line", "labelled", "chapter", "chapter-title", "section", "section-title",
             "article", "article-label", "article-title", "clause", "point", "attached-ref", "attached-rule": return "6"
        default: return nil
        }
    }

    /// Frames each ô with its number, so a layout author sees where every element sits.
    static func drawCells(_ page: Page, slots: [Slot], on cr: OpaquePointer, typesetter: Typesetter) {
        var boxes: [String: Rect] = [:]
        var order: [String] = []
        func add(_ label: String, _ r: Rect) {
            if let b = boxes[label] {
                let x = min(b.x, r.x), y = min(b.y, r.y)
                boxes[label] = Rect(x: x, y: y, width: max(b.maxX, r.maxX) - x, height: max(b.maxY, r.maxY) - y)
            } else { boxes[label] = r; order.append(label) }
        }
        for item in page.items {
            switch item {
            case .text(let t):
                guard let l = cellLabel(t.role) else { continue }
                add(l, Rect(x: t.x, y: t.baseline - t.font.size * 0.891, width: t.width, height: t.font.size * 1.107))
            case .line(let l):
                guard let label = cellLabel(l.role) else { continue }
                add(label, Rect(x: min(l.x1, l.x2), y: min(l.y1, l.y2) - 1, width: abs(l.x2 - l.x1), height: abs(l.y2 - l.y1) + 2))
            case .box(let b):
                guard let label = cellLabel(b.role) else { continue }
                add(label, b.rect)
            }
        }
        for s in slots where s.pageIndex >= 0 {
            switch s.name {
            case "SignerSignature", "SignerSignature2": add("7c", s.rect)
            case "AgencySeal": add("8", s.rect)
            case "AgencySignature": add("14", s.rect)
            default: break
            }
        }
        let font = FontSpec(.bold, 7)
        cairo_set_line_width(cr, 0.6)
        for label in order {
            let r = boxes[label]!
            cairo_set_source_rgba(cr, 0.1, 0.35, 0.9, 0.8)
            cairo_rectangle(cr, r.x - 1.5, r.y - 1.5, r.width + 3, r.height + 3)
            cairo_stroke(cr)
            let text = "ô " + label
            let w = typesetter.width(of: text, font: font)
            cairo_rectangle(cr, r.x - 1.5, r.y - 10, w + 3, 8.5)
            cairo_fill(cr)
            cairo_set_source_rgb(cr, 1, 1, 1)
            typesetter.draw(text, font: font, x: r.x, baseline: r.y - 3.5, justifyWidth: nil, on: cr)
        }
    }

    private static func encode(_ surface: OpaquePointer) -> [UInt8] {
        final class Sink { var bytes: [UInt8] = [] }
        let sink = Sink()
        let box = Unmanaged.passRetained(sink)
        cairo_surface_write_to_png_stream(surface, { closure, data, length in
            guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
            Unmanaged<Sink>.fromOpaque(closure).takeUnretainedValue().bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
            return CAIRO_STATUS_SUCCESS
        }, box.toOpaque())
        box.release()
        cairo_surface_destroy(surface)
        return sink.bytes
    }
}

/// The cell labels `preview --boxes` draws, for tests and tools: role → Decree 30 ô ("5a", "6").
public enum PNGRendererCells {
    public static func label(_ role: String) -> String? { PNGRenderer.cellLabel(role) }
}
