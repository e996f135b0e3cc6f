/// One administrative document as the clerk or the e-office system describes it.
///
/// All strings are NFC-normalised at ingest. Optional `number` and `date.day` are the blanks
/// the document system fills in at issuing (Decree 30, Art. 15; spec R20, R56).
public struct Payload: Sendable, Equatable {
    public var kind: DocumentKind
    /// Layout definition name in `Layouts/` (defaults to the kind's layout).
    public var layout: String?
    public var marks: Marks
    public var issuer: Issuer
    public var number: Int?
    public var symbol: String
    public var place: String
    public var date: DocumentDate
    /// Type name for named types ("BÁO CÁO", ô 5a); absent for công văn.
    public var title: String?
    /// The subject: "V/v …" for công văn (ô 5b), the bold subject line for named types (ô 5a).
    public var subject: String?
    /// The subject's lines as the clerk broke them (payload array); nil: broken automatically.
    public var subjectLines: [String]?
    /// "Kính gửi" addressees (ô 9a, R28), without the "- " the product adds.
    public var recipients: [String]
    /// The line printed under the recipients, e.g. "(Sau đây gọi chung là các đơn vị)".
    public var recipientsNote: String?
    public var body: [Block]
    public var signer: Signer?
    /// "Nơi nhận" list (ô 9b), without the final "Lưu" line.
    public var cc: [CopyRecipient]
    public var archive: Archive?
    /// Drafter's initials and number of copies (ô 12), e.g. "PL" and 300 → "PL.(300)".
    public var drafter: Drafter?
    /// Address/contact footer lines of page 1 (ô 13).
    public var contact: [String]
    public var keywords: [String]
    public var annexes: [Annex]
    /// The authority line of a quyết định / nghị quyết ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …"), or the sender of a công điện.
    public var authority: String? = nil
    public var authorityLines: [String]? = nil
    /// "Căn cứ …;" paragraphs, printed italic.
    public var grounds: [String] = []
    /// Chapters, sections and articles, numbered by the engine.
    public var articles: [ArticleItem] = []
    /// "Thời gian: …", "Địa điểm: …" lines.
    public var labelled: [LabelledLine] = []
    /// Paragraphs after the labelled lines and the body ("Giấy này có giá trị đến hết ngày …./.").
    public var closing: [Block] = []
    /// Two signers side by side (biên bản): left, right.
    public var signers: [Signer] = []
    /// The document a quyết định issues (Mẫu 1.3), printed after it in the same PDF.
    public var attached: AttachedDocument? = nil
    /// The top-level fields the payload gave, for the document type's checks.
    public var givenFields: Set<String> = []

    public init(kind: DocumentKind, layout: String? = nil, marks: Marks = Marks(), issuer: Issuer, number: Int? = nil,
                symbol: String, place: String, date: DocumentDate, title: String? = nil, subject: String? = nil,
                recipients: [String] = [], body: [Block] = [], signer: Signer? = nil, cc: [CopyRecipient] = [],
                archive: Archive? = nil, drafter: Drafter? = nil, contact: [String] = [], keywords: [String] = [],
                annexes: [Annex] = [], subjectLines: [String]? = nil, recipientsNote: String? = nil) {
        self.kind = kind; self.layout = layout; self.marks = marks; self.issuer = issuer; self.number = number
        self.symbol = symbol; self.place = place; self.date = date; self.title = title; self.subject = subject
        self.recipients = recipients; self.recipientsNote = recipientsNote; self.subjectLines = subjectLines; self.body = body; self.signer = signer; self.cc = cc; self.archive = archive
        self.drafter = drafter; self.contact = contact; self.keywords = keywords; self.annexes = annexes
    }
}

/// The document type: `cong_van`, `bao_cao`, `annex_only`, or any type of `Layouts/types/`
/// (`quyet_dinh` → `Layouts/types/quyet-dinh.json`).
public struct DocumentKind: RawRepresentable, Sendable, Hashable {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Công văn: no type name, "V/v" subject under the number.
    public static let congVan = DocumentKind(rawValue: "cong_van")
    /// Báo cáo: type name "BÁO CÁO" and a bold subject with a rule (ô 5a).
    public static let baoCao = DocumentKind(rawValue: "bao_cao")
    /// Only the annexes (phụ lục) of a document issued elsewhere.
    public static let annexOnly = DocumentKind(rawValue: "annex_only")

    /// The file in `Layouts/types/` that defines the type.
    public var typeName: String { rawValue.replacingScalar("_", with: "-") }

    /// The layout used when neither the payload nor the type names one.
    public var defaultLayout: String { self == .baoCao ? "bao-cao" : "cong-van" }
}

public struct Marks: Sendable, Equatable {
    /// Ô 10a: "MẬT", "TỐI MẬT", "TUYỆT MẬT".
    public var secrecy: String?
    /// Ô 10b: "KHẨN", "THƯỢNG KHẨN", "HỎA TỐC".
    public var urgency: String?
    /// Ô 11: "XEM XONG TRẢ LẠI", "LƯU HÀNH NỘI BỘ", …
    public var circulation: String?
    public init(secrecy: String? = nil, urgency: String? = nil, circulation: String? = nil) {
        self.secrecy = secrecy; self.urgency = urgency; self.circulation = circulation
    }
}

public struct Issuer: Sendable, Equatable {
    /// Direct parent agency, caps ("UBND TỈNH ĐỒNG THÁP"); absent for agencies with none.
    public var parent: String?
    /// Issuing agency's full name, caps ("SỞ KHOA HỌC VÀ CÔNG NGHỆ").
    public var name: String
    /// The name as written in running text ("Sở Khoa học và Công nghệ"), used in annex references and metadata.
    public var nameInText: String?
    /// The parent's lines as the clerk broke them (payload array); nil: broken automatically. `parent` is them joined by spaces.
    public var parentLines: [String]?
    /// The name's lines as the clerk broke them (payload array); nil: broken automatically. `name` is them joined by spaces.
    public var nameLines: [String]?
    public init(parent: String? = nil, name: String, nameInText: String? = nil, parentLines: [String]? = nil, nameLines: [String]? = nil) {
        self.parent = parent; self.name = name; self.nameInText = nameInText
        self.parentLines = parentLines; self.nameLines = nameLines
    }
}

public struct DocumentDate: Sendable, Equatable {
    public var day: Int?
    public var month: Int?
    public var year: Int
    public init(day: Int? = nil, month: Int? = nil, year: Int) { self.day = day; self.month = month; self.year = year }
}

public struct Signer: Sendable, Equatable {
    /// "TM.", "KT.", "TL.", "TUQ." or "Q." (R37); absent when the head signs in their own name.
    public var authority: String?
    /// The title or collective after the authority ("GIÁM ĐỐC" in "KT. GIÁM ĐỐC").
    public var headTitle: String?
    /// The signer's own position ("PHÓ GIÁM ĐỐC").
    public var title: String?
    public var name: String
    public init(authority: String? = nil, headTitle: String? = nil, title: String? = nil, name: String) {
        self.authority = authority; self.headTitle = headTitle; self.title = title; self.name = name
    }

    /// The bold caps lines of ô 7a, in order.
    public var titleLines: [String] {
        var lines: [String] = []
        if let authority, let headTitle { lines.append(authority + " " + headTitle) }
        if let title { lines.append(title) }
        return lines
    }
}

public struct CopyRecipient: Sendable, Equatable {
    public var name: String
    /// Why it is sent ("để báo cáo"), printed in brackets after the name.
    public var purpose: String?
    public init(name: String, purpose: String? = nil) { self.name = name; self.purpose = purpose }
}

public struct Archive: Sendable, Equatable {
    /// Drafting units kept on file after "VT" ("VP" → "Lưu: VT, VP.").
    public var units: [String]
    /// Number of archive copies as the decree writes it, printed in brackets: "2" → "(2)", "02b" → "(02b)" (R46).
    public var copies: String?
    public init(units: [String], copies: String? = nil) { self.units = units; self.copies = copies }
}

public struct Drafter: Sendable, Equatable {
    public var initials: String
    public var copies: Int?
    public init(initials: String, copies: Int? = nil) { self.initials = initials; self.copies = copies }
}
