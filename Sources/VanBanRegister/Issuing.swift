import Crypto
import Foundation
import VanBanModel
import VanBanPipeline
import VanBanSign

/// Why a file cannot be issued: one sentence, shown as is by the CLI and in problem+json.
public struct IssueError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Code: String, Sendable {
        case unreadable, notVanBan, notIssuable, alreadyIssued, notSigned, sealed, changedAfterSigning
        case noSigningTime, dateBeforeSigning, invalidDate
    }
    public var code: Code
    public var description: String
    public init(_ code: Code, _ description: String) { self.code = code; self.description = description }
}

/// The outcome of `vanban issue`: the register entry (or, for a dry run, the one it would make)
/// and the issued PDF.
public struct IssueOutcome: Sendable {
    public var entry: RegisterEntry
    public var pdf: [UInt8]?
    public var dryRun: Bool
    /// "07", "ngày 30 tháng 11 năm 2026".
    public var numberText: String
    public var dateText: String
    /// Things the văn thư should know (the draft's month or year differed from the issue date).
    public var notes: [String]
}

/// A calendar day in Vietnam (UTC+7), the zone documents are dated in.
public struct IssueDay: Sendable, Equatable, Comparable, CustomStringConvertible {
    public var year: Int, month: Int, day: Int
    public init(year: Int, month: Int, day: Int) { self.year = year; self.month = month; self.day = day }

    static let zone = TimeZone(secondsFromGMT: 7 * 3600)!

    public static func today(_ now: Date = Date()) -> IssueDay {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day], from: now)
        return IssueDay(year: c.year!, month: c.month!, day: c.day!)
    }

    /// "2026-11-30", checked against the calendar.
    public init(parsing text: String) throws(IssueError) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        guard text.count == 10, parts.count == 3, let y = parts[0], let m = parts[1], let d = parts[2],
              PDFDate(year: y, month: m, day: d).isValid, y >= 1000
        else { throw IssueError(.invalidDate, "invalid date \"\(text)\": write it as YYYY-MM-DD, a real calendar day (e.g. 2026-11-30)") }
        self.init(year: y, month: m, day: d)
    }

    public var description: String { String(format: "%04d-%02d-%02d", year, month, day) }
    public static func < (a: IssueDay, b: IssueDay) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }
    public var documentDate: DocumentDate { DocumentDate(day: day, month: month, year: year) }
}

/// The signing time of a signature (`/M`, `D:YYYYMMDDHHmmSS+07'00'`) as an instant.
enum SigningTime {
    static func parse(_ text: String) -> Date? {
        var s = Substring(text)
        if s.hasPrefix("D:") { s = s.dropFirst(2) }
        let digits = s.prefix { $0.isNumber }
        guard digits.count >= 8 else { return nil }
        func field(_ from: Int, _ length: Int, _ fallback: Int) -> Int {
            let a = digits.index(digits.startIndex, offsetBy: min(from, digits.count))
            let b = digits.index(a, offsetBy: min(length, digits.distance(from: a, to: digits.endIndex)))
            return Int(digits[a..<b]) ?? fallback
        }
        var c = DateComponents()
        c.year = field(0, 4, 0); c.month = field(4, 2, 1); c.day = field(6, 2, 1)
        c.hour = field(8, 2, 0); c.minute = field(10, 2, 0); c.second = field(12, 2, 0)
        var offset = 0
        let rest = s.dropFirst(digits.count)
        if let sign = rest.first, sign == "+" || sign == "-" {
            let nums = rest.dropFirst().split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
            offset = ((nums.first ?? 0) * 60 + (nums.dropFirst().first ?? 0)) * 60 * (sign == "-" ? -1 : 1)
        }
        var calendar = Calendar(identifier: .gregorian)
        guard let zone = TimeZone(secondsFromGMT: offset) else { return nil }
        calendar.timeZone = zone
        return calendar.date(from: c)
    }

    static func day(of date: Date) -> IssueDay { IssueDay.today(date) }
}

func sha256Hex(_ bytes: [UInt8]) -> String {
    SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
}

/// Takes a rendered, leader-signed VanBan PDF to an issued one: checks it, takes the next number
/// from the register, and fills `DocumentNumber` and `IssueDate` in a new incremental update.
public struct Issuer: Sendable {
    public let engine: Engine
    public let configuration: RegisterConfiguration

    public init(engine: Engine, configuration: RegisterConfiguration) {
        self.engine = engine
        self.configuration = configuration
    }

    /// The checks that need no register: what the file is, its signature and the date.
    public func check(_ pdf: [UInt8], date: IssueDay?, now: Date = Date()) throws(IssueError) -> (IssueTemplate, FormInspection, IssueDay) {
        let inspection: FormInspection
        do { inspection = try FormInspection(pdf: pdf) } catch {
            throw IssueError(.unreadable, "not a PDF VanBan can issue: \(error.description)")
        }
        guard inspection.info["Creator"] == "VanBan" else {
            let creator = inspection.info["Creator"].map { "\"\($0)\"" } ?? "missing"
            throw IssueError(.notVanBan, "not made by VanBan: the PDF's Info /Creator is \(creator), not \"VanBan\"")
        }
        let numberField = inspection.field(IssueTemplate.numberField)
        let dateField = inspection.field(IssueTemplate.dateField)
        guard let json = inspection.info[IssueTemplate.infoKey], let template = IssueTemplate.decode(json),
              numberField?.type == "Tx", dateField?.type == "Tx", numberField?.rect != nil, dateField?.rect != nil
        else {
            throw IssueError(.notIssuable, "not an issuable VanBan PDF: it has no DocumentNumber and IssueDate fields (render the draft with \"number\": null and no day in \"date\", without --no-fields)")
        }
        if let number = numberField?.text {
            let date = dateField?.text.map { ", \($0)" } ?? ""
            throw IssueError(.alreadyIssued, "already issued: DocumentNumber is filled (Số: \(number)/\(template.symbol)\(date))")
        }
        guard let leader = inspection.field("SignerSignature")?.signature else {
            throw IssueError(.notSigned, "not signed: the leader's SignerSignature field is empty; issue a document only after the leader signed it")
        }
        if inspection.field("AgencySeal")?.signature != nil {
            throw IssueError(.sealed, "the agency seal (AgencySeal) is already signed: the number and date are stamped before the seal, so issue the file the leader signed")
        }
        guard leader.coversWholeFile else {
            let r = leader.byteRange
            let covered = r.count == 4 ? r[1] + r[3] : 0
            let end = r.count == 4 ? r[2] + r[3] : 0
            throw IssueError(.changedAfterSigning, "changed after signing: the leader's signature covers bytes up to \(end) (\(covered) signed bytes) but the file has \(inspection.fileLength); issue the file exactly as signed")
        }
        guard let time = leader.signingTime, let signed = SigningTime.parse(time) else {
            throw IssueError(.noSigningTime, "the leader's signature has no signing time (/M), so the issue date cannot be checked against it")
        }
        let signedDay = SigningTime.day(of: signed)
        let day = date ?? IssueDay.today(now)
        guard day >= signedDay else {
            throw IssueError(.dateBeforeSigning, "the issue date \(day) is before the leader signed (\(signedDay)): a document is numbered and dated on or after the day it is signed")
        }
        return (template, inspection, day)
    }

    /// Issues `pdf`. `deliver` stores the issued bytes (a file, an HTTP response); if it throws,
    /// the number is recorded as voided with the reason and never reused.
    public func issue(_ pdf: [UInt8], date: IssueDay?, dryRun: Bool, now: Date = Date(),
                      deliver: ([UInt8]) async throws -> Void) async throws -> IssueOutcome {
        let (template, inspection, day) = try check(pdf, date: date, now: now)
        let series = configuration.series(agency: template.agency, typeCode: template.typeCode)
        let source = sha256Hex(pdf)
        var archive = template.archiveUnits.joined(separator: ", ")
        if let copies = template.archiveCopies { archive += " (\(copies))" }
        let draft = RegisterDraft(series: series, year: day.year, symbol: template.symbol, date: day.description,
                                  type: template.type, subject: template.subject, signer: template.signer,
                                  recipients: template.recipients.joined(separator: "; "), archive: archive,
                                  copies: template.copies, sourceSHA256: source)
        let dateText = VietnameseFormat.dateWords(day.documentDate, blank: 0)
        let notes: [String] = []

        return try await configuration.withStore { store in
            if let done = try await store.issuedEntry(sourceSHA256: source) {
                throw IssueError(.alreadyIssued, "already issued: this signed file was registered as \(done.numberAndSymbol) dated \(done.date) (\(store.location))")
            }
            if dryRun {
                let number = try await store.nextNumber(series: series, year: day.year)
                let entry = RegisterEntry(id: 0, series: series, year: day.year, number: number, symbol: draft.symbol, date: draft.date,
                                          type: draft.type, subject: draft.subject, signer: draft.signer, recipients: draft.recipients,
                                          archive: draft.archive, copies: draft.copies, status: "dry-run", sourceSHA256: source)
                return IssueOutcome(entry: entry, pdf: nil, dryRun: true, numberText: VietnameseFormat.documentNumber(number),
                                    dateText: dateText, notes: notes)
            }
            var entry = try await store.allocate(draft)
            do {
                let numberText = VietnameseFormat.documentNumber(entry.number)
                let issued = try fill(pdf, inspection: inspection, template: template, numberText: numberText, dateText: dateText)
                try await deliver(issued)
                let hash = sha256Hex(issued)
                try await store.markIssued(id: entry.id, sha256: hash)
                entry.status = "issued"
                entry.sha256 = hash
                return IssueOutcome(entry: entry, pdf: issued, dryRun: false, numberText: numberText, dateText: dateText, notes: notes)
            } catch {
                try? await store.markVoided(id: entry.id, reason: "issue failed: \(error)")
                throw error
            }
        }
    }

    /// The issue update: both fields' values and appearances, typeset by the same typesetter as the page.
    func fill(_ pdf: [UInt8], inspection: FormInspection, template: IssueTemplate, numberText: String, dateText: String) throws -> [UInt8] {
        guard let numberRect = inspection.field(IssueTemplate.numberField)?.rect,
              let dateRect = inspection.field(IssueTemplate.dateField)?.rect else {
            throw IssueError(.notIssuable, "not an issuable VanBan PDF: the fields have no rectangles")
        }
        let n = template.number, d = template.date
        let fills = try engine.withTypesetter { typesetter in
            [FieldFill(name: IssueTemplate.numberField, value: numberText,
                       appearance: FieldAppearance.pdf(text: n.prefix + numberText + n.suffix, line: n, rect: numberRect, typesetter: typesetter)),
             FieldFill(name: IssueTemplate.dateField, value: dateText,
                       appearance: FieldAppearance.pdf(text: d.prefix + dateText + d.suffix, line: d, rect: dateRect, typesetter: typesetter))]
        }
        do { return try FormFilling.appendUpdate(to: pdf, fills: fills) } catch {
            throw IssueError(.unreadable, "cannot write the issue update: \(error.description)")
        }
    }
}
