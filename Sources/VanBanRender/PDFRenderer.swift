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

/// Draws laid-out pages with cairo: every page item becomes cairo/Pango calls, nothing is decided here.
public enum PDFRenderer {
    /// Renders one document to PDF bytes.
    ///
    /// ```swift
    /// let pdf = PDFRenderer.render(document, metadata: meta, typesetter: typesetter)
    /// ```
    public static func render(_ document: LaidOutDocument, metadata: PDFMetadata, typesetter: Typesetter) -> [UInt8] {
        let writer = PDFWriter(metadata: metadata, typesetter: typesetter)
        writer.add(document, title: nil)
        return writer.finish()
    }
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

    /// Appends a document's pages. With a `title`, its outline entries nest under one entry of that title.
    /// `startOnOddPage` inserts a blank page first when needed (duplex printing).
    public func add(_ document: LaidOutDocument, title: String?, startOnOddPage: Bool = false) {
        if startOnOddPage && pageCount % 2 == 1 {
            let last = document.pages.first
            cairo_pdf_surface_set_size(surface, last?.width ?? 595.28, last?.height ?? 841.89)
            cairo_show_page(cr)
            pageCount += 1
        }
        var parent = CAIRO_PDF_OUTLINE_ROOT
        if let title {
            parent = cairo_pdf_surface_add_outline(surface, CAIRO_PDF_OUTLINE_ROOT, title, "page=\(pageCount + 1)",
                                                   cairo_pdf_outline_flags_t(0))
        }
        for (index, page) in document.pages.enumerated() {
            cairo_pdf_surface_set_size(surface, page.width, page.height)
            for entry in document.outline where entry.pageIndex == index {
                cairo_pdf_surface_add_outline(surface, parent, entry.title, "page=\(pageCount + 1)", cairo_pdf_outline_flags_t(0))
            }
            PageDrawer.draw(page, on: cr, typesetter: typesetter)
            cairo_show_page(cr)
            pageCount += 1
        }
    }

    /// Appends one page, with outline entries (under `outlineParent`, or the root) pointing at it.
    public func add(_ page: Page, outline titles: [String] = []) {
        cairo_pdf_surface_set_size(surface, page.width, page.height)
        for title in titles {
            cairo_pdf_surface_add_outline(surface, CAIRO_PDF_OUTLINE_ROOT, title, "page=\(pageCount + 1)", cairo_pdf_outline_flags_t(0))
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
        for item in page.items {
            switch item {
            case .text(let t):
                cairo_set_source_rgb(cr, t.color.r, t.color.g, t.color.b)
                typesetter.draw(t.text, font: t.font, x: t.x, baseline: t.baseline, justifyWidth: t.justifyWidth, on: cr)
            case .line(let l):
                cairo_set_source_rgb(cr, l.color.r, l.color.g, l.color.b)
                cairo_set_line_width(cr, l.width)
                cairo_set_line_cap(cr, CAIRO_LINE_CAP_SQUARE)
                cairo_move_to(cr, l.x1, l.y1)
                cairo_line_to(cr, l.x2, l.y2)
                cairo_stroke(cr)
            case .box(let b):
                cairo_set_source_rgb(cr, b.color.r, b.color.g, b.color.b)
                cairo_set_line_width(cr, b.strokeWidth)
                cairo_rectangle(cr, b.rect.x, b.rect.y, b.rect.width, b.rect.height)
                cairo_stroke(cr)
            }
        }
    }
}
