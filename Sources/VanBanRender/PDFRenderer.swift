import CPangoCairo
import VanBanLayout
import VanBanText

/// Document metadata written into the PDF's Info dictionary by cairo.
public struct PDFMetadata: Sendable, Equatable {
    public var title: String
    public var author: String
    public var subject: String
    public var keywords: String
    public var creator: String
    /// ISO 8601 ("2020-06-05T00:00:00+07:00"): fixed, so the same payload gives the same bytes.
    public var creationDate: String
    public init(title: String, author: String, subject: String = "", keywords: String = "", creator: String = "VanBan",
                creationDate: String) {
        self.title = title; self.author = author; self.subject = subject; self.keywords = keywords
        self.creator = creator; self.creationDate = creationDate
    }
}

/// Collects the bytes cairo streams out.
private final class ByteSink {
    var bytes: [UInt8] = []
}

/// A PDF being written page by page: one document, or several merged into one print file
/// (each keeping its own page numbers, with an outline entry per document).
public final class PDFWriter {
    private let sink = ByteSink()
    private let box: Unmanaged<ByteSink>
    private let surface: OpaquePointer
    private let cr: OpaquePointer
    private let typesetter: Typesetter
    public private(set) var pageCount = 0

    public init(metadata: PDFMetadata, typesetter: Typesetter) {
        self.typesetter = typesetter
        // A few pages of PDF without growing the array a dozen times (each growth copies it).
        sink.bytes.reserveCapacity(128 << 10)
        box = Unmanaged.passRetained(sink)
        surface = cairo_pdf_surface_create_for_stream({ closure, data, length in
            guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
            let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
            sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
            return CAIRO_STATUS_SUCCESS
        }, box.toOpaque(), 595.28, 841.89)!
        cairo_pdf_surface_restrict_to_version(surface, CAIRO_PDF_VERSION_1_5)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, metadata.title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, metadata.author)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, metadata.subject)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_KEYWORDS, metadata.keywords)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, metadata.creator)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, metadata.creationDate)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, metadata.creationDate)
        cr = cairo_create(surface)!
    }

    /// Before a document of a merged print file: a blank page first when needed so the document starts on an
    /// odd page (duplex printing), then an outline entry for it. Returns the entry to nest its own entries under.
    public func beginDocument(title: String, startOnOddPage: Bool) -> Int32 {
        if startOnOddPage && pageCount % 2 == 1 {
            cairo_pdf_surface_set_size(surface, 595.28, 841.89)
            cairo_show_page(cr)
            pageCount += 1
        }
        return cairo_pdf_surface_add_outline(surface, CAIRO_PDF_OUTLINE_ROOT, title, "page=\(pageCount + 1)", cairo_pdf_outline_flags_t(0))
    }

    /// Appends one page, with outline entries pointing at it (under `parent`, by default the root).
    public func add(_ page: Page, outline titles: [String] = [], under parent: Int32 = CAIRO_PDF_OUTLINE_ROOT) {
        cairo_pdf_surface_set_size(surface, page.width, page.height)
        for title in titles {
            cairo_pdf_surface_add_outline(surface, parent, title, "page=\(pageCount + 1)", cairo_pdf_outline_flags_t(0))
        }
        PageDrawer.draw(page, on: cr, typesetter: typesetter)
        cairo_show_page(cr)
        pageCount += 1
    }

    /// Closes the PDF and returns its bytes.
    public func finish() -> [UInt8] {
        cairo_destroy(cr)
        cairo_surface_finish(surface)
        cairo_surface_destroy(surface)
        box.release()
        return sink.bytes
    }
}

/// Draws one page's items on a cairo context whose user space is in points.
enum PageDrawer {
    static func draw(_ page: Page, on cr: OpaquePointer, typesetter: Typesetter) {
        // Consecutive lines of one width and colour (a table's borders) are stroked as one path: cairo's
        // PDF analysis then handles one shape instead of hundreds of thin disjoint boxes, and the page
        // holds one stroke operator per run instead of one per segment.
        var pending: LineItem? = nil
        func flush() {
            if pending != nil { cairo_stroke(cr); pending = nil }
        }
        for item in page.items {
            switch item {
            case .text(let t):
                flush()
                cairo_set_source_rgb(cr, t.color.r, t.color.g, t.color.b)
                typesetter.draw(t.text, font: t.font, x: t.x, baseline: t.baseline, justifyWidth: t.justifyWidth, on: cr)
            case .line(let l):
                if let p = pending, p.width != l.width || p.color != l.color { flush() }
                if pending == nil {
                    cairo_set_source_rgb(cr, l.color.r, l.color.g, l.color.b)
                    cairo_set_line_width(cr, l.width)
                    cairo_set_line_cap(cr, CAIRO_LINE_CAP_SQUARE)
                    pending = l
                }
                cairo_move_to(cr, l.x1, l.y1)
                cairo_line_to(cr, l.x2, l.y2)
            case .box(let b):
                flush()
                cairo_set_source_rgb(cr, b.color.r, b.color.g, b.color.b)
                cairo_set_line_width(cr, b.strokeWidth)
                cairo_rectangle(cr, b.rect.x, b.rect.y, b.rect.width, b.rect.height)
                cairo_stroke(cr)
            }
        }
        flush()
    }
}
