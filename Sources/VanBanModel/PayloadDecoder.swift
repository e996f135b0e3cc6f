import Foundation

/// Reads a payload from JSON, reporting every problem with its JSON path.
///
/// ```swift
/// let result = PayloadDecoder.decode(bytes)
/// if let payload = result.payload { … } else { print(result.diagnostics) }
/// ```
public enum PayloadDecoder {
    public struct Result: Sendable {
        /// Nil when there is any error.
        public var payload: Payload?
        public var diagnostics: [Diagnostic]
        /// Every printable string of the payload with its path, for the font coverage check.
        public var strings: [(path: JSONPath, text: String)]
    }

    public static let signerAuthorities = ["TM.", "KT.", "TL.", "TUQ.", "Q."]

    public static func decode(_ bytes: [UInt8], sink: DiagnosticCollector = DiagnosticCollector()) -> Result {
        let json: JSONValue
        do { json = try JSONParser.parse(bytes) } catch {
            return Result(payload: nil, diagnostics: [Diagnostic(at: .root, error.message)], strings: [])
        }
        return decode(json, sink: sink)
    }

    /// `sink` decides whether printed strings are kept (tests) or checked for font coverage on the fly (the engine).
    public static func decode(_ json: JSONValue, sink: DiagnosticCollector = DiagnosticCollector()) -> Result {
        let payload = readPayload(JSONReader(json, sink: sink))
        return Result(payload: sink.hasErrors ? nil : payload, diagnostics: sink.diagnostics, strings: sink.strings)
    }

    static let topLevelFields = ["$schema", "kind", "layout", "marks", "issuer", "number", "symbol", "place", "date",
                                 "title", "subject", "recipients", "recipients_note", "body", "signer", "cc", "archive", "drafter",
                                 "contact", "keywords", "annexes",
                                 "authority", "grounds", "articles", "labelled", "closing", "signers", "attached"]

    static func readPayload(_ r: JSONReader) -> Payload? {
        guard r.expectObject(allowed: topLevelFields) else { return nil }
        let kind = r.member("kind").flatMap(readKind) ?? (r.has("kind") ? nil : .congVan)
        // Công văn and báo cáo keep their own checks here; every other type's fields are checked by the engine
        // against its file in Layouts/types/.
        let classic = kind == .congVan || kind == .baoCao
        let layout = r.member("layout").flatMap { l -> String? in
            guard let name = l.text(printed: false) else { return nil }
            guard NamePattern.isFileName(name) else {
                l.error(Message("layout.name"))
                return nil
            }
            return name
        }
        let marks = r.member("marks").map(readMarks) ?? Marks()
        let issuer = r.member("issuer").flatMap(readIssuer)
        if !r.has("issuer") { r.sink.error(r.path / "issuer", Message("field.required")) }
        let number = r.member("number")?.integer(in: 1...999_999)
        let symbol = r.member("symbol").flatMap(readSymbol)
        if !r.has("symbol") && kind != .annexOnly { r.sink.error(r.path / "symbol", Message("field.required")) }
        let place = r.optionalText("place")
        if place == nil && !r.has("place") && kind != .annexOnly { r.sink.error(r.path / "place", Message("field.required")) }
        let date = r.member("date").flatMap(readDate)
        if !r.has("date") { r.sink.error(r.path / "date", Message("field.required")) }
        let title = r.optionalText("title")
        let (subject, subjectLines) = readLines(r, "subject")
        if kind == .congVan, subject == nil, !r.has("subject") { r.sink.error(r.path / "subject", Message("subject.required.cong-van")) }
        if kind == .baoCao, title == nil, !r.has("title") { r.sink.error(r.path / "title", Message("title.required.bao-cao")) }
        if kind == .congVan, let t = r.member("title"), title != nil {
            t.error(Message("title.cong-van"))
        }
        let recipients = r.member("recipients").map { readItems($0, what: Message("word.recipient"), rule: "R28") } ?? []
        let recipientsNote = r.optionalText("recipients_note")
        if recipientsNote != nil, recipients.isEmpty, let m = r.member("recipients_note") {
            m.error(Message("recipients.needed"))
        }
        let body = r.member("body")?.elements()?.compactMap(readBlock) ?? []
        if classic, body.isEmpty, !r.has("body") { r.sink.error(r.path / "body", Message("field.required")) }
        let signer = r.member("signer").flatMap(readSigner)
        if classic, !r.has("signer") { r.sink.error(r.path / "signer", Message("field.required")) }
        let (authority, authorityLines) = readAuthority(r)
        let grounds = r.member("grounds")?.textList() ?? []
        let articles = r.member("articles").map(readArticles) ?? []
        let labelled = r.member("labelled").map(readLabelled) ?? []
        let closing = r.member("closing")?.elements()?.compactMap(readBlock) ?? []
        let signers = r.member("signers").map(readSigners) ?? []
        let attached = r.member("attached").flatMap(readAttached)
        let cc = r.member("cc")?.elements()?.compactMap(readCopyRecipient) ?? []
        let archive = r.member("archive").flatMap(readArchive)
        let drafter = r.member("drafter").flatMap(readDrafter)
        let contact = r.member("contact")?.textList() ?? []
        let keywords = r.member("keywords")?.textList() ?? []
        var annexes: [Annex] = []
        if let list = r.member("annexes")?.elements() {
            annexes = list.compactMap(readAnnex)
            if kind == .annexOnly && list.isEmpty { r.sink.error(r.path / "annexes", Message("annexes.empty.annex-only")) }
            checkAnnexLabels(list, annexes: annexes)
        } else if kind == .annexOnly, !r.has("annexes") {
            r.sink.error(r.path / "annexes", Message("annexes.required.annex-only"))
        }
        guard let kind, let issuer, let date else { return nil }
        var payload = Payload(kind: kind, layout: layout, marks: marks, issuer: issuer, number: number, symbol: symbol ?? "",
                              place: place ?? "", date: date, title: title, subject: subject, recipients: recipients, body: body,
                              signer: signer, cc: cc, archive: archive, drafter: drafter, contact: contact, keywords: keywords,
                              annexes: annexes, subjectLines: subjectLines, recipientsNote: recipientsNote)
        payload.authority = authority; payload.authorityLines = authorityLines; payload.grounds = grounds
        payload.articles = articles; payload.labelled = labelled; payload.closing = closing; payload.signers = signers
        payload.attached = attached
        if case .object(let members) = r.value {
            payload.givenFields = Set(members.filter { if case .null = $0.value { return false }; return true }.map(\.key))
        }
        PunctuationLint.check(r, payload: payload)
        checkAnnexIssuer(r, payload: payload)
        return payload
    }

    static func readMarks(_ r: JSONReader) -> Marks {
        r.expectObject(allowed: ["secrecy", "urgency", "circulation"])
        return Marks(secrecy: r.member("secrecy")?.oneOf(["MẬT", "TỐI MẬT", "TUYỆT MẬT"]),
                     urgency: r.member("urgency")?.oneOf(["KHẨN", "THƯỢNG KHẨN", "HỎA TỐC", "HOẢ TỐC"]),
                     circulation: r.optionalText("circulation"))
    }

    static func readIssuer(_ r: JSONReader) -> Issuer? {
        guard r.expectObject(allowed: ["parent", "name", "name_in_text"]) else { return nil }
        let (parent, parentLines) = readLines(r, "parent")
        let (name, nameLines) = readLines(r, "name")
        if !r.has("name") { r.sink.error(r.path / "name", Message("field.required")) }
        let nameInText = r.optionalText("name_in_text")
        guard let name else { return nil }
        return Issuer(parent: parent, name: name, nameInText: nameInText, parentLines: parentLines, nameLines: nameLines)
    }

    /// A text given as a string (broken automatically) or as an array of lines (the clerk's breaks, kept):
    /// the lines joined by spaces, and the lines when an array was given.
    static func readLines(_ r: JSONReader, _ key: String) -> (text: String?, lines: [String]?) {
        guard let m = r.member(key) else { return (nil, nil) }
        guard case .array(let items) = m.value else { return (m.text(), nil) }
        if items.isEmpty { m.error(Message("text.empty")); return (nil, nil) }
        let lines = m.textList() ?? []
        guard lines.count == items.count else { return (nil, nil) }
        return (lines.joined(separator: " "), lines)
    }

    /// "Kính gửi" or "Nơi nhận" items: a typed "- " is removed, with a warning, since the layout prints it.
    static func readItems(_ r: JSONReader, what: Message, rule: String) -> [String] {
        let items: [JSONReader]
        if case .array = r.value { items = r.elements() ?? [] } else { items = [r] }
        return items.compactMap { item -> String? in
            guard let t = item.text() else { return nil }
            return strippedDash(t, at: item, what: what, rule: rule)
        }
    }

    static func strippedDash(_ t: String, at r: JSONReader, what: Message, rule: String) -> String {
        guard let stripped = TypedMarker.strippingDash(t) else { return t }
        r.warning(Message("marker.typed", String(t.first!), what.asArgument, rule))
        return stripped
    }

    /// Without `issuer.name_in_text` an annex reference line would print the agency in capitals inside its
    /// italic sentence: say which field to add.
    static func checkAnnexIssuer(_ r: JSONReader, payload p: Payload) {
        guard p.issuer.nameInText == nil, let list = r.member("annexes")?.elements() else { return }
        for (i, annex) in p.annexes.enumerated() where annex.reference.issuer == nil && i < list.count {
            list[i].warning(Message("ref.name-in-text", p.issuer.name))
        }
    }

    /// Symbols join abbreviations with "-" and never contain spaces or "/" (R21).
    static func readSymbol(_ r: JSONReader) -> String? {
        guard let s = r.text() else { return nil }
        if s.contains(where: \.isWhitespace) { r.error(Message("symbol.spaces")); return nil }
        if s.contains("/") { r.error(Message("symbol.slash")); return nil }
        return s
    }

    static func readDate(_ r: JSONReader) -> DocumentDate? {
        guard r.expectObject(allowed: ["day", "month", "year"], namingShape: true) else { return nil }
        let year = r.member("year")?.integer(in: 1945...2200)
        if !r.has("year") { r.sink.error(r.path / "year", Message("field.required")) }
        let month = r.member("month")?.integer(in: 1...12)
        let dayReader = r.member("day")
        var day = dayReader?.integer(in: 1...31)
        if let d = day, let m = month, let y = year, d > DocumentDate.daysIn(month: m, year: y) {
            dayReader?.error(Message("date.no-such-day", String(d), String(m), String(y)))
            day = nil
        }
        if r.has("day"), !r.has("month") { r.sink.error(r.path / "month", Message("month.required")) }
        guard let year else { return nil }
        return DocumentDate(day: day, month: month, year: year)
    }

    static func readSigner(_ r: JSONReader) -> Signer? {
        guard r.expectObject(allowed: ["authority", "head_title", "title", "name"]) else { return nil }
        let authority = r.member("authority")?.oneOf(signerAuthorities)
        let head = r.optionalText("head_title")
        let title = r.optionalText("title")
        let name = r.requiredText("name")
        if authority != nil, head == nil, !r.has("head_title") {
            r.sink.error(r.path / "head_title", Message("head-title.required"))
        }
        if authority == nil, head != nil, !r.has("authority") {
            r.sink.error(r.path / "authority", Message("authority.required", signerAuthorities.joined(separator: ", ")))
        }
        if title == nil, authority == nil, !r.has("title") {
            r.sink.error(r.path / "title", Message("signer.title.required"))
        }
        if let authority, ["KT.", "TL.", "TUQ."].contains(authority), !r.has("title") {
            r.sink.error(r.path / "title", Message("signer.title.required-with", authority))
        }
        if let authority, let m = r.member("head_title"), let h = head, let typed = TypedMarker.authorityPrefix(h, among: signerAuthorities) {
            m.error(Message("head-title.authority-typed", typed, authority, h.dropFirst(typed.count).trimmingCharacters(in: .whitespaces)))
        } else if authority == nil, let m = r.member("head_title"), let h = head, let typed = TypedMarker.authorityPrefix(h, among: signerAuthorities) {
            m.error(Message("head-title.starts-with-authority", typed))
        }
        for key in ["head_title", "title"] {
            if let m = r.member(key), let t = m.text(), t != t.uppercased() {
                m.error(Message("caps.signer"))
            }
        }
        guard let name else { return nil }
        return Signer(authority: authority, headTitle: head, title: title, name: name)
    }

    static func readCopyRecipient(_ r: JSONReader) -> CopyRecipient? {
        var nameReader = r
        var name: String?
        var purpose: String? = nil
        if case .string = r.value { name = r.text() } else {
            guard r.expectObject(allowed: ["name", "purpose"]) else { return nil }
            name = r.requiredText("name")
            purpose = r.optionalText("purpose")
            if let m = r.member("name") { nameReader = m }
        }
        guard let typed = name else { return nil }
        let clean = strippedDash(typed, at: nameReader, what: Message("word.noi-nhan-item"), rule: "R46")
        if TypedMarker.isArchiveLine(clean) {
            nameReader.error(Message("archive.in-recipients"))
            return nil
        }
        return CopyRecipient(name: clean, purpose: purpose)
    }

    static func readArchive(_ r: JSONReader) -> Archive? {
        guard r.expectObject(allowed: ["units", "copies"]) else { return nil }
        let units = r.member("units")?.textList() ?? []
        var copies: String? = nil
        if let c = r.member("copies") {
            if case .string(let s) = c.value {
                if NamePattern.isCopies(s), s.contains(where: { $0 != "0" && $0.isNumber }) { copies = s }
                else if NamePattern.isCopies(s) { c.error(Message("archive.copies.zero", s)) }
                else { c.error(Message("archive.copies")) }
            } else { copies = c.integer(in: 1...9999).map(String.init) }
        }
        return Archive(units: units, copies: copies)
    }

    static func readDrafter(_ r: JSONReader) -> Drafter? {
        guard r.expectObject(allowed: ["initials", "copies"]) else { return nil }
        let initials = r.requiredText("initials")
        let copies = r.member("copies")?.integer(in: 1...99999)
        return initials.map { Drafter(initials: $0, copies: copies) }
    }

    static func readAnnex(_ r: JSONReader) -> Annex? {
        guard r.expectObject(allowed: ["label", "code", "title", "ref", "orientation", "blocks", "form", "values"]) else { return nil }
        let label = r.optionalText("label")
        let code = r.optionalText("code")
        let title = r.member("title")?.textList() ?? []
        let form = r.member("form").flatMap { f -> String? in
            guard let name = f.text(printed: false) else { return nil }
            guard NamePattern.isFileName(name) else {
                f.error(Message("form.name"))
                return nil
            }
            return name
        }
        if !r.has("title") && !r.has("form") { r.sink.error(r.path / "title", Message("field.required")) }
        var values: [String: FieldValue] = [:]
        if let v = r.member("values") {
            if case .object(let members) = v.value {
                for m in members {
                    let mr = JSONReader(m.value, path: v.path / m.key, sink: r.sink)
                    switch m.value {
                    case .number: if let f = mr.figure() { values[m.key] = .number(f) }
                    case .string: if let t = mr.text(allowEmpty: true, allowNewlines: true) { values[m.key] = .text(t) }
                    case .null: break
                    default: mr.error(Message("expected.number-or-string", m.value.typeName))
                    }
                }
            } else { v.error(Message("expected.object", v.value.typeName)) }
        }
        var ref = AnnexReference()
        if r.member("ref")?.value == .bool(false) { ref.omitted = true } else { ref = r.member("ref").flatMap(readReference) ?? ref }
        let orientation = r.member("orientation")?.oneOf(Annex.Orientation.allCases.map(\.rawValue))
            .flatMap(Annex.Orientation.init(rawValue:)) ?? .portrait
        let blocks = r.member("blocks")?.elements()?.compactMap(readBlock) ?? []
        return Annex(label: label, code: code, title: title, reference: ref, orientation: orientation, blocks: blocks,
                     form: form, values: values)
    }

    /// Two or more annexes are numbered I, II, …; a single one needs no number (R53).
    static func checkAnnexLabels(_ readers: [JSONReader], annexes: [Annex]) {
        guard annexes.count > 1 else { return }
        for r in readers where !r.has("label") {
            r.sink.warning(r.path / "label", Message("annex.label.missing"))
        }
    }

    static func readReference(_ r: JSONReader) -> AnnexReference? {
        guard r.expectObject(allowed: ["phrase", "type", "number", "symbol", "date", "issuer", "date_style"]) else { return nil }
        return AnnexReference(
            phrase: r.optionalText("phrase"),
            type: r.optionalText("type"),
            number: r.member("number")?.integer(in: 1...999_999),
            symbol: r.member("symbol").flatMap(readSymbol),
            date: r.member("date").flatMap(readDate),
            issuer: r.optionalText("issuer"),
            dateStyle: r.member("date_style")?.oneOf(AnnexReference.DateStyle.allCases.map(\.rawValue))
                .flatMap(AnnexReference.DateStyle.init(rawValue:)))
    }

    static let blockKinds = ["text", "heading", "list", "table", "fill", "choices", "answer"]

    static func readBlock(_ r: JSONReader) -> Block? {
        guard case .object(let members) = r.value else {
            r.error(Message("expected.object", r.value.typeName))
            return nil
        }
        let kinds = members.map(\.key).filter { blockKinds.contains($0) }
        guard kinds.count == 1, let kind = kinds.first else {
            r.error(kinds.isEmpty ? Message("block.kind.none", blockKinds.map { "\"\($0)\"" }.joined(separator: ", "))
                                  : Message("block.kind.many", kinds.joined(separator: ", ")))
            return nil
        }
        switch kind {
        case "text":
            r.expectObject(allowed: ["text", "bold", "italic", "align", "indent"])
            let text = r.requiredText("text")
            let bold = r.member("bold")?.bool() ?? false
            let italic = r.member("italic")?.bool() ?? false
            let align = r.member("align")?.oneOf(Paragraph.Alignment.allCases.map(\.rawValue))
                .flatMap(Paragraph.Alignment.init(rawValue:)) ?? .justify
            let indent = r.member("indent")?.bool() ?? (align == .justify || align == .left)
            return text.map { .paragraph(Paragraph(text: $0, bold: bold, italic: italic, alignment: align, indent: indent)) }
        case "heading":
            r.expectObject(allowed: ["heading", "level"])
            let text = r.requiredText("heading")
            let level = r.member("level")?.integer(in: 1...4) ?? 2
            return text.map { .heading(Heading(text: $0, level: level)) }
        case "list":
            return readList(r).map(Block.list)
        case "fill":
            r.expectObject(allowed: ["fill", "indent"])
            let indent = r.member("indent")?.bool() ?? false
            guard let parts = r.member("fill")?.elements() else { return nil }
            var out: [FillLine.Part] = []
            for part in parts {
                if case .string = part.value { if let t = part.text(allowEmpty: true) { out.append(.text(t)) }; continue }
                guard part.expectObject(allowed: ["field", "width_mm"]) else { continue }
                guard let f = part.member("field").flatMap(readFieldRef) else {
                    if !part.has("field") { part.sink.error(part.path / "field", Message("field.required")) }
                    continue
                }
                out.append(.field(f, widthMm: part.member("width_mm")?.number(in: 2...300)))
            }
            return .fill(FillLine(parts: out, indent: indent))
        case "choices":
            r.expectObject(allowed: ["choices", "label", "field", "selected"])
            let options = r.member("choices")?.textList() ?? []
            if options.isEmpty { r.sink.error(r.path / "choices", Message("choices.empty")) }
            var field = r.member("field").flatMap(readFieldRef)
            field?.kind = .choice
            let selected = r.member("selected")?.integer(in: 1...max(1, options.count)).map { $0 - 1 }
            return .choices(ChoiceLine(label: r.optionalText("label"), options: options, field: field, selected: selected))
        case "answer":
            r.expectObject(allowed: ["answer"])
            guard let a = r.member("answer"), a.expectObject(allowed: ["field", "hint", "lines", "text"]) else { return nil }
            var field = a.member("field").flatMap(readFieldRef)
            field?.kind = .text
            return .answer(AnswerBox(field: field, hint: a.optionalText("hint"), lines: a.member("lines")?.integer(in: 1...60) ?? 4,
                                     text: a.optionalText("text")))
        default:
            r.expectObject(allowed: ["table"])
            guard let t = r.member("table") else { r.sink.error(r.path / "table", Message("expected.object", "null")); return nil }
            return TableDecoder.read(t).map(Block.table)
        }
    }
}

extension DocumentDate {
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
