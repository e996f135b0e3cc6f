import CPangoCairo
import VanBanLayout
import VanBanText

/// Draws one laid-out page to PNG bytes, straight from the page items (no PDF round trip).
public enum PNGRenderer {
    public struct Overlay: Sendable {
        /// Dashed frame around the text block (the margins).
        public var margins: Bool
        public init(margins: Bool = false) { self.margins = margins }
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
        }
        cairo_destroy(cr)
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
