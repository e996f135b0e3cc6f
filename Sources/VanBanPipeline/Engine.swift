import Foundation
import VanBanLayout
import VanBanModel
import VanBanRender
import VanBanSign
import VanBanText

/// The one pipeline behind the CLI and the service: payload bytes → validated payload →
/// laid-out pages → PDF or PNG bytes.
///
/// Fonts are loaded once per engine and layouts once per name; the engine is safe to share
/// between threads (each render checks out its own typesetter).
///
/// ```swift
/// let engine = try Engine(resources: .locate())
/// let result = try engine.renderPDF(json)
/// ```
public final class Engine: @unchecked Sendable {
    public let resources: Resources
    public let fonts: FontLibrary
    private let pool: TypesetterPool
    private let lock = NSLock()
    private var layouts: [String: LayoutSpec] = [:]
    private var forms: [String: FormDefinition] = [:]
    private var types: [String: DocumentType] = [:]

    public init(resources: Resources) throws(PipelineError) {
        self.resources = resources
        do { fonts = try FontLibrary.load(directory: resources.fontsDirectory) } catch {
            throw PipelineError(error.description)
        }
        pool = TypesetterPool(library: fonts)
    }

    /// The layout definition `name`, read once and kept until its files change on disk.
    public func layout(named name: String) throws(LayoutError) -> LayoutSpec {
        refreshIfChanged()
        lock.lock()
        if let cached = layouts[name] { lock.unlock(); return cached }
        lock.unlock()
        guard layoutFile(name) != nil else {
            throw LayoutError(Message("layout.unknown", name, Self.hintArgument(name, among: layoutNames())))
        }
        let spec = try LayoutSpec.load(named: name, directories: resources.layoutDirectories)
        lock.lock(); layouts[name] = spec; lock.unlock()
        return spec
    }

    /// The document type `Layouts/types/<name>.json`, read once and kept.
    public func documentType(named name: String) throws(LayoutError) -> DocumentType {
        refreshIfChanged()
        lock.lock()
        if let cached = types[name] { lock.unlock(); return cached }
        lock.unlock()
        let type = try DocumentType.load(named: name, directory: resources.layoutsDirectory)
        lock.lock(); types[name] = type; lock.unlock()
        return type
    }

    /// Every document type of `Layouts/types/`, by file name.
    public func documentTypes() throws(LayoutError) -> [DocumentType] {
        var out: [DocumentType] = []
        for name in DocumentType.names(directory: resources.layoutsDirectory) { out.append(try documentType(named: name)) }
        return out
    }

    /// The form definition `forms/<name>.json` (overlay folders first), read once and kept until it changes on disk.
    public func form(named name: String) throws(PipelineError) -> FormDefinition {
        refreshIfChanged()
        lock.lock()
        if let cached = forms[name] { lock.unlock(); return cached }
        lock.unlock()
        guard NamePattern.isFileName(name),
              let path = formFile(name), let data = FileManager.default.contents(atPath: path) else {
            throw PipelineError(Message("form.unknown", name, Self.hintArgument(name, among: formNames())))
        }
        let (form, diagnostics) = FormDefinition.decode(Array(data), name: name)
        guard let form else {
            throw PipelineError("Layouts/forms/\(name).json is invalid: " + diagnostics.map(\.description).joined(separator: "; "))
        }
        // A form's own text must be drawable too: a layout author's typo would otherwise print a box.
        for text in form.strings {
            if let missing = fonts.firstMissing(in: text) {
                throw PipelineError("Layouts/forms/\(name).json: character \(missing.codeLabel) cannot be drawn by the bundled font \(fonts.family)")
            }
        }
        lock.lock(); forms[name] = form; lock.unlock()
        return form
    }

    /// " (did you mean \"x\"?)" when a known name is close to `name`, else "".
    static func hint(_ name: String, among known: [String]) -> String {
        suggestion(name, among: known).map { " (did you mean \"\($0)\"?)" } ?? ""
    }

    /// The same hint as a message argument ("" when there is none).
    static func hintArgument(_ name: String, among known: [String]) -> String {
        suggestion(name, among: known).map { Message("hint.did-you-mean", $0).asArgument } ?? ""
    }

    static func suggestion(_ name: String, among known: [String]) -> String? {
        // A name typed short ("phieu-cung-cap") is a prefix of the one meant.
        let prefixed = known.filter { $0.hasPrefix(name) && !name.isEmpty }
        if prefixed.count == 1 { return prefixed[0] }
        guard let best = known.min(by: { Suggestion.distance($0, name) < Suggestion.distance($1, name) }),
              Suggestion.distance(best, name) <= max(2, name.count / 3) else { return nil }
        return best
    }

    /// Names of the forms (`forms/` of every layouts folder).
    public func formNames() -> [String] {
        Array(Set(resources.layoutDirectories.flatMap { Self.jsonNames(in: $0 + "/forms") })).sorted()
    }

    /// Names of the layouts (every layouts folder).
    public func layoutNames() -> [String] {
        Array(Set(resources.layoutDirectories.flatMap { Self.jsonNames(in: $0) })).sorted()
    }

    /// The `*.json` file names in `dir` without the extension (hidden files left out), in no
    /// particular order; none when `dir` cannot be read. Read with `readdir`: `refreshIfChanged` lists
    /// three folders for every document, and FileManager took most of its 1.75 M instructions (#14).
    static func jsonNames(in dir: String) -> [String] {
        FileFacts.names(in: dir).filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.map { String($0.dropLast(5)) }
    }

    func layoutFile(_ name: String) -> String? {
        resources.layoutDirectories.map { $0 + "/" + name + ".json" }.first { FileManager.default.fileExists(atPath: $0) }
    }

    func formFile(_ name: String) -> String? {
        resources.layoutDirectories.map { $0 + "/forms/" + name + ".json" }.first { FileManager.default.fileExists(atPath: $0) }
    }

    // MARK: definitions changed on disk

    /// One layout or form file as last seen: modification time and size (checked on every use) and SHA-256.
    /// A definition file as last seen: modification time (seconds, nanoseconds), size in bytes, digest.
    struct FileState: Equatable { var facts: FileFacts; var sha256: String? }
    private var seen: [String: FileState] = [:]
    private var seenOnce = false

    /// Every layout and form file in use (overlays hide bundled files of the same name) with its SHA-256,
    /// as `GET /version` shows them; read again from disk where a file changed.
    public func definitionFiles() -> (layouts: [(name: String, sha256: String)], forms: [(name: String, sha256: String)]) {
        refreshIfChanged()
        lock.lock(); defer { lock.unlock() }
        // Digests are taken here, when asked for, not by every refresh.
        func list(_ names: [String], _ file: (String) -> String?) -> [(name: String, sha256: String)] {
            names.compactMap { n in
                guard let path = file(n), var state = seen[path] else { return nil }
                if state.sha256 == nil {
                    state.sha256 = BatchFingerprint.hex(FileManager.default.contents(atPath: path).map(Array.init) ?? [])
                    seen[path] = state
                }
                return (n, state.sha256!)
            }
        }
        return (list(layoutNames(), layoutFile), list(formNames(), formFile))
    }

    /// Checks every layout, type and form file's modification time (to the nanosecond) and size; when one
    /// changed (or a file came or went) cached layouts, types and forms are dropped, so the next render
    /// reads them anew: no restart needed after editing a layout. Nothing is read or hashed here: this
    /// runs before every document, and hashing every file at the first cost 2 M instructions (#14).
    public func refreshIfChanged() {
        var paths: [String] = []
        for dir in resources.layoutDirectories {
            paths += Self.jsonNames(in: dir).map { dir + "/" + $0 + ".json" }
            paths += Self.jsonNames(in: dir + "/forms").map { dir + "/forms/" + $0 + ".json" }
            paths += Self.jsonNames(in: dir + "/types").map { dir + "/types/" + $0 + ".json" }
        }
        lock.lock(); defer { lock.unlock() }
        var next: [String: FileState] = [:]
        var changed = !seenOnce || Set(paths) != Set(seen.keys)
        for path in paths {
            guard let facts = FileFacts(path: path) else { continue }
            if let old = seen[path], old.facts == facts { next[path] = old; continue }
            changed = true
            next[path] = FileState(facts: facts, sha256: nil)
        }
        seen = next
        if changed && seenOnce { layouts.removeAll(); forms.removeAll(); types.removeAll() }
        seenOnce = true
    }

    /// Parses and checks a payload: JSON syntax, fields, the layout it names, and that the
    /// bundled fonts can draw every character. Throws `ValidationFailure` listing every problem.
    /// With `strict`, warnings (the decree's punctuation, a blank place, typed markers) are errors too.
    /// With `cancellation` (the service's flag), a long validation stops early when the flag is set.
    public func validate(_ bytes: [UInt8], strict: Bool = false, cancellation: CancellationFlag? = nil) throws(ValidationFailure) -> ValidatedPayload {
        let json: JSONValue
        do { json = try JSONParser.parse(bytes) } catch {
            throw ValidationFailure([Diagnostic(at: .root, error.message)])
        }
        guard strict else { return try validate(json: json, cancellation: cancellation) }
        let asErrors = { (ds: [Diagnostic]) in ds.map { d -> Diagnostic in var e = d; e.severity = .error; return e } }
        let validated: ValidatedPayload
        do { validated = try validate(json: json) } catch { throw ValidationFailure(asErrors(error.diagnostics)) }
        if !validated.warnings.isEmpty { throw ValidationFailure(asErrors(validated.warnings)) }
        return validated
    }

    /// Validates an already parsed payload (a batch document, merged from its defaults).
    public func validate(json: JSONValue, cancellation: CancellationFlag? = nil) throws(ValidationFailure) -> ValidatedPayload {
        let fonts = self.fonts
        let collector = DiagnosticCollector(checkingWith: { fonts.canDraw($0) }, fontName: fonts.family)
        collector.cancellation = cancellation
        let result = PayloadDecoder.decode(json, sink: collector)
        var diagnostics = result.diagnostics
        var spec: LayoutSpec? = nil
        var payload = result.payload
        if var p = payload {
            // Annexes printed from a form: bind the payload's values to the form's fields.
            let sink = DiagnosticCollector()
            for (i, annex) in p.annexes.enumerated() {
                guard let name = annex.form else { continue }
                do { p.annexes[i] = try form(named: name).bind(annex, path: .root / "annexes" / i, sink: sink) } catch {
                    if let m = error.message { sink.error(.root / "annexes" / i / "form", m) } else { sink.error(.root / "annexes" / i / "form", error.description) }
                }
            }
            diagnostics += sink.diagnostics
            payload = p
        }
        if let payload {
            // The document type (Layouts/types/) names the blocks, the fields it needs and its symbol code.
            var type: DocumentType? = nil
            if payload.kind != .annexOnly {
                do { type = try documentType(named: payload.kind.typeName) } catch {
                    if let m = error.message, m.id == "type.unknown" {
                        diagnostics.append(Diagnostic(at: .root / "kind", Message("kind.unknown", m.asArgument,
                            DocumentType.names(directory: resources.layoutsDirectory).map { $0.replacingScalar("-", with: "_") }.joined(separator: ", "))))
                    } else {
                        // The type's file exists but is wrong: its own problem, without the list of types.
                        diagnostics.append(error.message.map { Diagnostic(at: .root / "kind", $0) } ?? Diagnostic(at: .root / "kind", error.description))
                    }
                }
            }
            if let type {
                let taken = Set(diagnostics.filter { $0.severity == .error }.map(\.path.description))
                diagnostics += type.problems(payload).filter { !taken.contains($0.path.description) }
            }
            let name = payload.layout ?? type?.layout ?? payload.kind.defaultLayout
            do { spec = try layout(named: name); spec?.documentType = type } catch {
                diagnostics.append(error.message.map { Diagnostic(at: .root / "layout", $0) } ?? Diagnostic(at: .root / "layout", error.description))
            }
        }
        if let payload, let spec, !diagnostics.contains(where: { $0.severity == .error }) {
            // Figures that cannot fit their column on one line are the payload's problem, named at their cells.
            diagnostics += (try? pool.with { typesetter -> [Diagnostic] in
                let composer = DocumentComposer(spec: spec, typesetter: typesetter)
                // A letterhead that would run off the first page loses its text: the payload's problem.
                return composer.letterheadFitProblems(payload) + composer.tableFitProblems(payload)
            }) ?? []
        }
        let errors = diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty, let payload, let spec else { throw ValidationFailure(diagnostics) }
        return ValidatedPayload(payload: payload, layout: spec, warnings: diagnostics)
    }

    /// Runs `body` with a typesetter checked out for this thread alone.
    public func withTypesetter<T>(_ body: (Typesetter) throws -> T) throws -> T { try pool.with(body) }

    /// Lays out a validated payload into pages (plain values).
    public func layOut(_ validated: ValidatedPayload) throws -> LaidOutDocument {
        try pool.with { typesetter in
            defer { typesetter.finishDocument() }
            return DocumentComposer(spec: validated.layout, typesetter: typesetter).compose(validated.payload)
        }
    }

    /// Payload bytes → PDF bytes, pages and slots.
    public func renderPDF(_ bytes: [UInt8], options: RenderOptions = RenderOptions()) throws -> RenderResult {
        let validated = try validate(bytes)
        return try renderPDF(validated, options: options)
    }

    public func renderPDF(_ validated: ValidatedPayload, options: RenderOptions = RenderOptions()) throws -> RenderResult {
        try render(validated, part: .all, options: options)
    }

    /// The letter and each annex as their own PDFs (own page numbering, own fields): `--annexes separate`.
    /// File suffixes: "" for the letter, "phu-luc-N" for annex N.
    public func renderSeparate(_ validated: ValidatedPayload, options: RenderOptions = RenderOptions()) throws -> [(suffix: String, result: RenderResult)] {
        var out: [(String, RenderResult)] = []
        if validated.payload.kind != .annexOnly { out.append(("", try render(validated, part: .letter, options: options))) }
        for i in validated.payload.annexes.indices {
            out.append(("phu-luc-\(i + 1)", try render(validated, part: .annex(i + 1), options: options)))
        }
        return out
    }

    func render(_ validated: ValidatedPayload, part: DocumentComposer.Part, options: RenderOptions) throws -> RenderResult {
        try pool.with { typesetter in
            // What this document alone set is let go once it is done (what the next one repeats stays).
            defer { typesetter.finishDocument() }
            var metadata = Self.metadata(validated.payload, type: validated.layout.documentType)
            if case .annex(let n) = part {
                let annex = validated.payload.annexes[n - 1]
                metadata.title = ([annex.label.map { "Phụ lục " + $0 }].compactMap { $0 } + annex.title).joined(separator: " ")
                metadata.subject = metadata.title
            }
            // Pages stream from the layout straight into the PDF: a long table never sits in memory whole.
            let writer = PDFWriter(metadata: metadata, typesetter: typesetter)
            var composer = DocumentComposer(spec: validated.layout, typesetter: typesetter)
            composer.cancellation = options.cancellation
            // The blank "Số:" and date lines become the appearances of the DocumentNumber/IssueDate fields.
            let held = HeldHeaderLines(payload: validated.payload, enabled: options.signatureFields && (part == .all || part == .letter))
            let summary = composer.compose(validated.payload, part: part) { page, titles in writer.add(held.take(page), outline: titles) }
            let cairoPDF = writer.finish()
            // A cancelled layout stopped early: its pages are incomplete and are thrown away.
            try options.cancellation?.check()
            try Self.checkSlotsFit(summary, payload: validated.payload)
            let fields = options.signatureFields ? Self.signatureFields(summary) : []
            let issue = held.fields(summary, payload: validated.payload, typesetter: typesetter)
            var info = Self.documentInfo(metadata, validated.payload)
            if let issue { info.custom[IssueTemplate.infoKey] = issue.template.json() }
            let pdf: [UInt8]
            do {
                pdf = try SigningPreparation.appendUpdate(to: cairoPDF, fields: fields, textFields: issue?.fields ?? [], info: info)
            } catch {
                throw PipelineError("preparing the signature fields failed: \(error)")
            }
            return RenderResult(pdf: pdf, document: summary, warnings: validated.warnings.map(\.description) + summary.warnings)
        }
    }

    /// The signature fields of the slot map, in PDF user space (origin bottom-left).
    static func signatureFields(_ document: LayoutSummary) -> [SignatureField] {
        document.slots.filter { ["SignerSignature", "SignerSignature2", "AgencySeal", "AgencySignature"].contains($0.name) }.map { slot in
            let page = document.pageSizes[slot.pageIndex]
            return SignatureField(name: slot.name, pageIndex: slot.pageIndex,
                                  rect: PDFRect(x1: slot.rect.x, y1: page.height - slot.rect.maxY, x2: slot.rect.maxX, y2: page.height - slot.rect.y))
        }
    }

    /// A signing slot that falls off its page (an over-long signer block) is the payload's problem, named as such.
    static func checkSlotsFit(_ document: LayoutSummary, payload: Payload) throws(ValidationFailure) {
        for slot in document.slots where ["SignerSignature", "SignerSignature2", "AgencySeal"].contains(slot.name) {
            let page = document.pageSizes[slot.pageIndex]
            if slot.rect.y < 0 || slot.rect.maxY > page.height || slot.rect.x < 0 || slot.rect.maxX > page.width {
                let path: JSONPath = payload.cc.count > 20 ? .root / "cc" : .root / "signer"
                throw ValidationFailure([Diagnostic(at: path, Message("signature.off-page", slot.name))])
            }
        }
    }

    static func documentInfo(_ m: PDFMetadata, _ p: Payload) -> DocumentInfo {
        let d = p.date
        let date = PDFDate(year: d.year, month: d.month ?? 1, day: d.day ?? 1, utcOffsetMinutes: 7 * 60)
        return DocumentInfo(title: m.title, author: m.author, subject: m.subject, keywords: m.keywords, creator: m.creator,
                            creationDate: date, modDate: date)
    }

    /// Pages as PNG, drawn from the same laid-out pages as the PDF (laid out once for all pages).
    /// `pages` are 0-based indices; nil means every page. `boxes` frames the margins and each ô with its number.
    /// `cancellation`, when set during the layout, makes it stop early and throw `RenderCancelled`.
    public func renderPNG(_ validated: ValidatedPayload, pages: [Int]?, dpi: Double, boxes: Bool = false,
                          cancellation: CancellationFlag? = nil) throws -> Preview {
        try pool.with { typesetter in
            defer { typesetter.finishDocument() }
            var composer = DocumentComposer(spec: validated.layout, typesetter: typesetter)
            composer.cancellation = cancellation
            let document = composer.compose(validated.payload)
            try cancellation?.check()
            let wanted = pages ?? Array(document.pages.indices)
            for p in wanted where !document.pages.indices.contains(p) {
                throw PipelineError("page \(p + 1) does not exist (the document has \(document.pages.count))")
            }
            let images = wanted.map { index in
                PNGRenderer.render(document.pages[index], dpi: dpi, typesetter: typesetter,
                                   overlay: .init(margins: boxes, cells: boxes, slots: document.slots.filter { $0.pageIndex == index }))
            }
            return Preview(images: images, pageCount: document.pages.count,
                           warnings: validated.warnings.map(\.description) + document.warnings)
        }
    }

    /// Forgets cached layouts and forms, so edited files are read again (`preview --watch`).
    public func reloadDefinitions() {
        lock.lock(); layouts.removeAll(); forms.removeAll(); types.removeAll(); lock.unlock()
    }

    /// Title = subject, author = agency, fixed creation date from the payload (deterministic output).
    static func metadata(_ p: Payload, type: DocumentType? = nil) -> PDFMetadata {
        let title: String
        switch p.kind {
        case .congVan: title = p.subject.map { "V/v " + $0 } ?? "Công văn"
        case .annexOnly: title = p.annexes.first?.title.joined(separator: " ") ?? "Phụ lục"
        default: title = [p.title ?? type?.title, p.subject].compactMap { $0 }.joined(separator: " ")
        }
        let d = p.date
        let iso = "\(ZeroPadding.decimal(d.year, width: 4))-\(ZeroPadding.decimal(d.month ?? 1, width: 2))-\(ZeroPadding.decimal(d.day ?? 1, width: 2))T00:00:00+07:00"
        let symbol = p.symbol.isEmpty ? "" : VietnameseFormat.numberAndSymbol(number: p.number, symbol: p.symbol, blank: 0)
        return PDFMetadata(title: title, author: p.issuer.nameInText ?? p.issuer.name,
                           subject: title, keywords: (p.keywords + (symbol.isEmpty ? [] : [symbol])).joined(separator: "; "),
                           creator: "VanBan", creationDate: iso)
    }
}

/// A payload that passed validation, with the layout it will use.
public struct ValidatedPayload: Sendable {
    public var payload: Payload
    public var layout: LayoutSpec
    public var warnings: [Diagnostic]
}

/// PNG pages of a preview, with what the author should know.
public struct Preview: Sendable {
    public var images: [[UInt8]]
    public var pageCount: Int
    public var warnings: [String]
}

public struct RenderOptions: Sendable {
    /// Empty signature fields for the signing workflow (SignerSignature, AgencySeal; AgencySignature on separate annexes).
    public var signatureFields: Bool
    /// Checked between pages and table rows: once set, the render stops and throws `RenderCancelled`
    /// (the service sets it when its time limit passes or the client goes away).
    public var cancellation: CancellationFlag?
    public init(signatureFields: Bool = true, cancellation: CancellationFlag? = nil) {
        self.signatureFields = signatureFields
        self.cancellation = cancellation
    }
}

public struct RenderResult: Sendable {
    public var pdf: [UInt8]
    /// Page sizes, slots and outline of what was rendered (the pages themselves were streamed out).
    public var document: LayoutSummary
    public var warnings: [String]
}
