import Foundation
import Testing
import VanBanLayout
import VanBanModel
import VanBanPipeline
import VanBanRender

/// The document types of Layouts/types/ on their laid-out pages: blocks in order, the type title centred
/// bold, grounds italic, articles numbered by the engine, the letterhead geometry of the công văn, two
/// signers, the attached quy chế (Mẫu 1.3), the symbol's type code, and a type added by a layout file alone.
@Suite struct DocumentTypeLayoutTests {
    let left = mmToPt(30), right = mmToPt(210 - 15), top = mmToPt(20), bottom = mmToPt(297 - 20)
    var centre: Double { (left + right) / 2 }

    static let typeSamples = [
        "type-01-quyet-dinh-to-cong-tac.json", "type-02-quyet-dinh-ban-hanh-quy-che.json", "type-03-nghi-quyet.json",
        "type-04-to-trinh.json", "type-05-ke-hoach.json", "type-06-thong-bao.json", "type-07-cong-dien.json",
        "type-08-giay-moi.json", "type-09-giay-gioi-thieu.json", "type-10-bien-ban.json", "type-11-giay-nghi-phep.json",
        "type-12-huong-dan.json", "type-13-chuong-trinh.json",
    ]

    func first(_ page: Page, _ role: String) -> TextItem? { page.text(role: role).first }

    /// The first baseline of each role, which must increase in the order given.
    func expectOrder(_ page: Page, _ roles: [String], _ name: String) {
        let ys = roles.map { role in page.text(role: role).first?.baseline }
        for (role, y) in zip(roles, ys) { #expect(y != nil, "\(name): no \(role) on page 1") }
        let found = ys.compactMap { $0 }
        #expect(found == found.sorted(), "\(name): blocks out of order \(Array(zip(roles, ys)))")
    }

    @Test(arguments: typeSamples)
    func letterheadTitleAndMargins(_ name: String) throws {
        let doc = try layOut(sample(name))
        let page = doc.pages[0]
        // The decree's geometry as for the công văn: A4, ô 1 on top of the right column, motto and its rule, ô 3.
        #expect(abs(page.width - 595.28) < 0.01 && abs(page.height - 841.89) < 0.01)
        let qh = try #require(first(page, "o1"))
        #expect(qh.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" && qh.font == .init(.bold, 12))
        #expect(abs(qh.baseline - (top + 12 * 0.891 + (12 * 1.15 - 12 * 1.107) / 2)) < 0.3)
        let motto = try #require(first(page, "o1-motto"))
        let rule = try #require(page.line(role: "o1-rule"))
        #expect(abs((rule.x2 - rule.x1) - motto.width) < 0.01)
        let number = try #require(first(page, "o3"))
        #expect(number.font == .init(.regular, 13))
        let payload = try #require(PayloadDecoder.decode(sample(name)).payload)
        #expect(number.text.hasSuffix("/" + payload.symbol))
        if let date = first(page, "o4") { #expect(date.baseline == number.baseline && date.font == .init(.italic, 13)) }
        // Type title: centred on the text block, bold 14, in capitals, with a short centred rule.
        let title = try #require(first(page, "o5a"))
        #expect(title.font == .init(.bold, 14) && title.text == title.text.uppercased())
        #expect(abs(title.x + title.width / 2 - centre) < 0.5)
        let titleRule = try #require(page.line(role: "o5a-rule"))
        #expect(abs((titleRule.x1 + titleRule.x2) / 2 - centre) < 0.5)
        #expect(titleRule.y1 > title.baseline)
        for s in page.text(role: "o5a-subject") {
            #expect(s.font == .init(.bold, 14) && abs(s.x + s.width / 2 - centre) < 0.5)
        }
        // Nothing crosses the margins on any page; page numbers from page 2 of each section only.
        for p in doc.pages {
            for t in p.texts where t.role != "page-number" && t.role != "o11" {
                #expect(t.x >= left - 0.01 && t.x + t.width <= right + 0.01, "\(name) p\(p.number): \(t.text)")
                #expect(t.baseline <= bottom && t.baseline >= top, "\(name) p\(p.number): \(t.text)")
            }
            #expect(p.text(role: "page-number").count == (p.number > 1 ? 1 : 0))
        }
        // A signer name (ô 7b) on the last page of the document itself, a signature field for it.
        #expect(doc.slots.contains { $0.name == "SignerSignature" })
        #expect(doc.pages.contains { !$0.text(role: "o7b").isEmpty })
    }

    @Test func quyetDinhBlocksInOrderGroundsItalicArticlesNumbered() throws {
        let doc = try layOut(sample("type-01-quyet-dinh-to-cong-tac.json"))
        let page = doc.pages[0]
        expectOrder(page, ["o3", "o5a", "o5a-subject", "authority", "grounds", "type-line", "article-label", "clause", "point", "o7a", "o7b"], "QĐ")
        let authority = try #require(first(page, "authority"))
        #expect(authority.text == "GIÁM ĐỐC SỞ THÔNG TIN VÀ TRUYỀN THÔNG" && authority.font == .init(.bold, 14))
        #expect(abs(authority.x + authority.width / 2 - centre) < 0.5)
        let grounds = page.text(role: "grounds")
        #expect(grounds.count >= 3 && grounds.allSatisfy { $0.font == .init(.italic, 14) })
        #expect(grounds.first?.text.hasPrefix("Căn cứ") == true)
        #expect(abs((grounds.first?.x ?? 0) - (left + mmToPt(12.7))) < 0.01)
        let line = try #require(first(page, "type-line"))
        #expect(line.text == "QUYẾT ĐỊNH:" && line.font == .init(.bold, 14) && abs(line.x + line.width / 2 - centre) < 0.5)
        let labels = page.text(role: "article-label")
        #expect(labels.map(\.text) == ["Điều 1.", "Điều 2.", "Điều 3."])
        #expect(labels.allSatisfy { $0.font == .init(.bold, 14) && abs($0.x - (left + mmToPt(12.7))) < 0.01 })
        // The article's text starts on the label's line, after it, in the regular face.
        let text1 = try #require(page.text(role: "article").first)
        #expect(text1.baseline == labels[0].baseline && text1.x > labels[0].x + labels[0].width && text1.font == .init(.regular, 14))
        #expect(page.text(role: "clause").map { String($0.text.prefix(3)) } == ["1. ", "2. ", "3. "])
        #expect(page.text(role: "point").map { String($0.text.prefix(3)) } == ["a) ", "b) ", "c) "])
    }

    @Test func quyetDinhExtractedTextFollowsThePayload() throws {
        let bytes = try sample("type-01-quyet-dinh-to-cong-tac.json")
        let result = try engine.renderPDF(bytes)
        let dir = NSTemporaryDirectory() + "vanban-types-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data(result.pdf).write(to: URL(fileURLWithPath: dir + "/qd.pdf"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["pdftotext", "-raw", "-enc", "UTF-8", dir + "/qd.pdf", dir + "/qd.txt"]
        try process.run(); process.waitUntilExit()
        let raw = try String(contentsOfFile: dir + "/qd.txt", encoding: .utf8)
        let text = raw.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
        let p = try #require(PayloadDecoder.decode(bytes).payload)
        // Everything the payload says, in the order the type prints it, numbered by the engine.
        var expected = [p.title ?? "QUYẾT ĐỊNH", p.subject!, p.authority!] + p.grounds + ["QUYẾT ĐỊNH:"]
        for (i, item) in p.articles.enumerated() {
            guard case .article(let a) = item else { continue }
            expected.append("Điều \(i + 1). " + (a.text ?? ""))
            for (k, c) in a.clauses.enumerated() {
                expected.append("\(k + 1). " + c.text)
                for (m, point) in c.points.enumerated() { expected.append(ListNumbering.vietnameseLetters(m + 1) + ") " + point) }
            }
        }
        expected += ["GIÁM ĐỐC", p.signer!.name]
        var rest = Substring(text)
        for e in expected {
            let needle = e.split(separator: " ").joined(separator: " ")
            guard let r = rest.range(of: needle) else { Issue.record("not found in order: \(needle)"); continue }
            rest = rest[r.upperBound...]
        }
    }

    @Test func nghiQuyetHasQuyetNghiAndTwoAuthorityLines() throws {
        let page = try layOut(sample("type-03-nghi-quyet.json")).pages[0]
        #expect(page.text(role: "authority").map(\.text) == ["HỘI ĐỒNG NHÂN DÂN TỈNH ĐỒNG THÁP", "KHÓA X, KỲ HỌP THỨ SÁU"])
        #expect(first(page, "type-line")?.text == "QUYẾT NGHỊ:")
        expectOrder(page, ["o5a", "authority", "grounds", "type-line", "article-label"], "NQ")
    }

    @Test func attachedQuyCheHasItsOwnHeaderChaptersSectionsAndArticles() throws {
        let doc = try layOut(sample("type-02-quyet-dinh-ban-hanh-quy-che.json"))
        let slot = try #require(doc.slots.first { $0.name == "attached" })
        let pages = doc.pages[slot.pageIndex...]
        let firstPage = doc.pages[slot.pageIndex]
        // Own header: agency and national title, no number nor date line; own page numbering.
        #expect(!firstPage.text(role: "o1").isEmpty && !firstPage.text(role: "o2").isEmpty)
        #expect(firstPage.text(role: "o3").isEmpty && firstPage.text(role: "o4").isEmpty && firstPage.number == 1)
        expectOrder(firstPage, ["o1", "attached-title", "attached-subject", "attached-ref", "chapter", "chapter-title", "article-label"], "QC")
        #expect(first(firstPage, "attached-title")?.text == "QUY CHẾ")
        let ref = firstPage.text(role: "attached-ref").map(\.text).joined(separator: " ")
        #expect(ref == "(Kèm theo Quyết định số 312/QĐ-UBND ngày 28 tháng 4 năm 2022 của Ủy ban nhân dân tỉnh Đồng Tháp)")
        #expect(firstPage.text(role: "attached-ref").allSatisfy { $0.font.face == .italic })
        let chapters = pages.flatMap { $0.text(role: "chapter") }
        #expect(chapters.map(\.text) == ["Chương I", "Chương II", "Chương III"])
        #expect(chapters.allSatisfy { $0.font == .init(.bold, 14) && abs($0.x + $0.width / 2 - centre) < 0.5 })
        #expect(pages.flatMap { $0.text(role: "section") }.map(\.text) == ["Mục 1", "Mục 2"])
        // Articles run 1…7 through the chapters, each "Điều n." bold with its title bold after it.
        #expect(pages.flatMap { $0.text(role: "article-label") }.map(\.text) == (1...7).map { "Điều \($0)." })
        #expect(pages.flatMap { $0.text(role: "article-title") }.allSatisfy { $0.font == .init(.bold, 14) })
        // The quyết định itself numbers its own three articles.
        let decision = doc.pages[..<slot.pageIndex].flatMap { $0.text(role: "article-label") }.map(\.text)
        #expect(decision == ["Điều 1.", "Điều 2.", "Điều 3."])
        #expect(pages.allSatisfy { $0.text(role: "o7b").isEmpty })
    }

    @Test func bienBanHasNoDateLineAndTwoSignersSideBySide() throws {
        let doc = try layOut(sample("type-10-bien-ban.json"))
        let page = doc.pages[0]
        #expect(page.text(role: "o4").isEmpty)
        expectOrder(page, ["o5a", "labelled", "body", "o7a", "o7b", "o9b"], "BB")
        #expect(page.text(role: "labelled").first?.text.hasPrefix("Thời gian bắt đầu:") == true)
        let titles = page.text(role: "o7a"), names = page.text(role: "o7b")
        #expect(titles.map(\.text) == ["THƯ KÝ", "CHỦ TỌA"] && names.map(\.text) == ["Phan Thị Ngọc", "Lê Minh Hoàng"])
        #expect(titles[0].baseline == titles[1].baseline && names[0].baseline == names[1].baseline)
        #expect(abs(names[0].x + names[0].width / 2 - (left + (right - left) / 4)) < 0.5)
        #expect(abs(names[1].x + names[1].width / 2 - (left + 3 * (right - left) / 4)) < 0.5)
        let right1 = try #require(doc.slots.first { $0.name == "SignerSignature" })
        let left1 = try #require(doc.slots.first { $0.name == "SignerSignature2" })
        #expect(left1.rect.maxX <= right1.rect.x && left1.rect.y == right1.rect.y)
        #expect(left1.rect.y > titles[0].baseline && left1.rect.maxY < names[0].baseline)
        // "Nơi nhận" below both signatures.
        let cc = try #require(page.text(role: "o9b").first)
        #expect(cc.text == "Nơi nhận:" && cc.baseline > names[0].baseline && abs(cc.x - left) < 0.01)
        #expect(page.text(role: "o9b").last?.text == "- Lưu: VT, Hồ sơ.")
    }

    @Test func bienBanSignersGetTwoSignatureFields() throws {
        let result = try engine.renderPDF(sample("type-10-bien-ban.json"))
        let names = result.document.slots.map(\.name)
        #expect(names.contains("SignerSignature") && names.contains("SignerSignature2"))
        let pdf = String(decoding: result.pdf, as: UTF8.self)
        #expect(pdf.contains("/T (SignerSignature)") && pdf.contains("/T (SignerSignature2)"))
    }

    @Test func congDienHasItsLineRecipientsAndUrgency() throws {
        let page = try layOut(sample("type-07-cong-dien.json")).pages[0]
        expectOrder(page, ["o10b", "o5a", "type-line", "o9a", "body"], "CĐ")
        let line = try #require(first(page, "type-line"))
        #expect(line.text == "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP điện:" && line.font.face == .bold)
        let recipients = page.text(role: "o9a")
        #expect(recipients.first?.text.hasPrefix("- ") == true && !recipients.contains { $0.text.hasPrefix("Kính gửi") })
        #expect(first(page, "o10b")?.text == "HỎA TỐC")
    }

    @Test func giayMoiAndGiayGioiThieuPrintTheirLabelledLines() throws {
        let moi = try layOut(sample("type-08-giay-moi.json")).pages[0]
        expectOrder(moi, ["o5a", "body", "labelled", "o7a"], "GM")
        #expect(moi.text(role: "labelled").map { String($0.text.prefix(10)) }.contains("Thời gian:"))
        let ggt = try layOut(sample("type-09-giay-gioi-thieu.json")).pages[0]
        // No subject: the rule sits under the type name.
        #expect(ggt.text(role: "o5a-subject").isEmpty)
        let title = try #require(first(ggt, "o5a")), rule = try #require(ggt.line(role: "o5a-rule"))
        #expect(rule.y1 > title.baseline && rule.y1 - title.baseline < 8)
    }

    // MARK: symbols, fields, kinds

    func errors(_ json: String) -> [String] {
        do { _ = try engine.validate(Array(json.utf8)); return [] } catch { return error.diagnostics.filter { $0.severity == .error }.map(\.description) }
    }

    func payload(kind: String, symbol: String, extra: String) -> String {
        """
        {"kind": "\(kind)", "issuer": {"parent": "UBND TỈNH ĐỒNG THÁP", "name": "SỞ KHOA HỌC VÀ CÔNG NGHỆ"}, "number": 12,
         "symbol": "\(symbol)", "place": "Đồng Tháp", "date": {"day": 5, "month": 6, "year": 2020},
         "signer": {"title": "GIÁM ĐỐC", "name": "Huỳnh Văn Quản"}\(extra)}
        """
    }

    let decision = #", "subject": "Về việc A", "authority": "GIÁM ĐỐC SỞ", "grounds": ["Căn cứ B;"], "articles": [{"text": "C./."}]"#

    @Test func symbolMustCarryTheTypeCode() {
        #expect(errors(payload(kind: "quyet_dinh", symbol: "QĐ-SKHCN", extra: decision)) == [])
        #expect(errors(payload(kind: "quyet_dinh", symbol: "SKHCN", extra: decision))
                == [#"$.symbol: must start with "QĐ", the type code of a quyết định (Appendix III): expected "QĐ-SKHCN""#])
        #expect(errors(payload(kind: "quyet_dinh", symbol: "TB-SKHCN", extra: decision))
                == [#"$.symbol: must start with "QĐ", the type code of a quyết định (Appendix III) ("TB" is the code of a thông báo): expected "QĐ-SKHCN""#])
        #expect(errors(payload(kind: "cong_van", symbol: "QĐ-SKHCN", extra: #", "subject": "x", "body": [{"text": "a./."}]"#))
                == [#"$.symbol: a công văn has no type code (Appendix III), but "QĐ" is the code of a quyết định: expected "SKHCN""#])
        #expect(errors(payload(kind: "bao_cao", symbol: "SKHCN-VP", extra: #", "title": "BÁO CÁO", "body": [{"text": "a./."}]"#))
                == [#"$.symbol: must start with "BC", the type code of a báo cáo (Appendix III): expected "BC-SKHCN-VP""#])
    }

    @Test func typeFieldsAreCheckedAgainstTheTypeFile() {
        #expect(errors(payload(kind: "quyet_dinh", symbol: "QĐ-SKHCN", extra: #", "subject": "Về việc A""#)) == [
            "$.authority: is required for a quyết định (Mẫu 1.2, 1.3)", "$.grounds: is required for a quyết định (Mẫu 1.2, 1.3)",
            "$.articles: is required for a quyết định (Mẫu 1.2, 1.3)"])
        let extra = errors(payload(kind: "quyet_dinh", symbol: "QĐ-SKHCN", extra: decision + #", "labelled": [{"label": "Thời gian:", "text": "x"}]"#))
        #expect(extra.count == 1 && extra[0].hasPrefix(#"$.labelled: a quyết định (Mẫu 1.2, 1.3) has no place for "labelled""#))
        #expect(errors(payload(kind: "quyet_dinh", symbol: "QĐ-SKHCN", extra: #", "subject": "A", "authority": "Giám đốc", "grounds": ["B"], "articles": [{"text": "C"}]"#))
                == ["$.authority: must be in capitals (the authority line is printed in capitals, bold: \"CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …\")"])
        let unknown = errors(payload(kind: "quyet_dinhh", symbol: "QĐ-SKHCN", extra: decision))
        #expect(unknown.count == 1 && unknown[0].hasPrefix(#"$.kind: unknown document type "quyet-dinhh""#) && unknown[0].contains("quyet_dinh"))
        let refs = errors(payload(kind: "quyet_dinh", symbol: "QĐ-SKHCN", extra: #", "subject": "A", "authority": "B", "grounds": ["C"], "articles": [{"id": "thi-hanh", "text": "D"}], "cc": ["Như {article:thi-hanh}", "Như {article:x}"]"#))
        #expect(refs == [#"$.cc[1]: names "{article:x}", but no article has the id "x""#])
    }

    @Test func articleReferencesPrintTheArticleNumber() throws {
        let doc = try layOut(json: payload(kind: "quyet_dinh", symbol: "QĐ-SKHCN", extra: #", "subject": "A", "authority": "B", "grounds": ["C"], "articles": [{"text": "Một."}, {"text": "Hai, như {article:ba}."}, {"id": "ba", "text": "Ba./."}], "cc": ["Như {article:ba}"]"#))
        let texts = doc.pages.flatMap(\.texts).map(\.text)
        #expect(texts.contains { $0.contains("Hai, như Điều 3.") })
        #expect(texts.contains("- Như Điều 3;"))
    }

    // MARK: a type added with a layout file only

    @Test func aTypeAddedByALayoutFileAloneRenders() throws {
        let root = try copyOfResources()
        defer { try? FileManager.default.removeItem(atPath: root) }
        // Phương án (Mẫu 1.4, code PA; not shipped): existing block kinds only, in an order of its own.
        try Data("""
        {"name": "Phương án", "model": "1.4", "code": "PA", "layout": "cong-van", "title": "PHƯƠNG ÁN",
         "required": ["subject", "grounds", "body", "signer"],
         "blocks": [{"block": "header"}, {"block": "title"}, {"block": "grounds", "gap_before_pt": 12},
                    {"block": "line", "text": "{authority} xây dựng phương án như sau:", "style": {"size": 14, "face": "italic"}, "align": "justify"},
                    {"block": "body"}, {"block": "signature"}]}
        """.utf8).write(to: URL(fileURLWithPath: root + "/Layouts/types/phuong-an.json"))
        let local = try Engine(resources: Resources(root: root))
        #expect(try local.documentTypes().map(\.kind).contains("phuong_an"))
        let json = payload(kind: "phuong_an", symbol: "PA-SKHCN", extra: #", "subject": "Thực hiện chế độ báo cáo", "authority": "SỞ KHOA HỌC VÀ CÔNG NGHỆ", "grounds": ["Căn cứ Nghị định số 09/2019/NĐ-CP;"], "body": [{"text": "Nội dung phương án./."}]"#)
        let page = try local.layOut(local.validate(Array(json.utf8))).pages[0]
        #expect(first(page, "o5a")?.text == "PHƯƠNG ÁN")
        #expect(first(page, "grounds")?.font == .init(.italic, 14))
        #expect(first(page, "type-line")?.text == "SỞ KHOA HỌC VÀ CÔNG NGHỆ xây dựng phương án như sau:")
        expectOrder(page, ["o5a", "o5a-subject", "grounds", "type-line", "body", "o7a", "o7b"], "PA")
        // Its symbol code comes from the file too.
        do { _ = try local.validate(Array(payload(kind: "phuong_an", symbol: "SKHCN", extra: #", "subject": "A", "grounds": ["B"], "body": [{"text": "C./."}]"#).utf8)); Issue.record("accepted") } catch {
            #expect(error.diagnostics.map(\.description) == [#"$.symbol: must start with "PA", the type code of a phương án (Appendix III): expected "PA-SKHCN""#])
        }
        // The main engine does not know it.
        #expect(errors(json).first?.hasPrefix("$.kind: unknown document type") == true)
    }

    /// A type file edited on disk is used from the next validation on, like layouts and forms (issue 13).
    @Test func anEditedTypeFileIsReadAgain() throws {
        let root = try copyOfResources()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let local = try Engine(resources: Resources(root: root))
        let sampleBytes = try sample("type-05-ke-hoach.json")
        #expect(try local.layOut(local.validate(sampleBytes)).pages[0].texts.contains { $0.role == "o5a" && $0.text == "KẾ HOẠCH" })
        let file = root + "/Layouts/types/ke-hoach.json"
        let edited = try String(contentsOfFile: file, encoding: .utf8)
            .replacingOccurrences(of: "\"title\": \"KẾ HOẠCH\"", with: "\"title\": \"KẾ HOẠCH HÀNH ĐỘNG\"")
        try edited.write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try local.layOut(local.validate(sampleBytes)).pages[0].texts.contains { $0.role == "o5a" && $0.text == "KẾ HOẠCH HÀNH ĐỘNG" })
    }

    /// A temporary copy of Fonts/ and Layouts/ to edit, as a layout author's own resources folder.
    func copyOfResources() throws -> String {
        let root = NSTemporaryDirectory() + "vanban-resources-\(UUID().uuidString)"
        let fm = FileManager.default
        try fm.createDirectory(atPath: root, withIntermediateDirectories: true)
        try fm.copyItem(atPath: repositoryRoot + "/Fonts", toPath: root + "/Fonts")
        try fm.copyItem(atPath: repositoryRoot + "/Layouts", toPath: root + "/Layouts")
        return root
    }

    @Test func aBrokenTypeFileIsRefusedWithItsProblems() throws {
        let root = NSTemporaryDirectory() + "vanban-badtype-\(UUID().uuidString)"
        let fm = FileManager.default
        try fm.createDirectory(atPath: root + "/Layouts/types", withIntermediateDirectories: true)
        defer { try? fm.removeItem(atPath: root) }
        try Data(#"{"name": "X", "model": "1.4", "code": "XX", "layout": "cong-van", "required": ["grounds"], "blocks": [{"block": "title", "colour": "red"}, {"block": "header"}]}"#.utf8)
            .write(to: URL(fileURLWithPath: root + "/Layouts/types/x.json"))
        #expect(throws: LayoutError.self) { try DocumentType.load(named: "x", directory: root + "/Layouts") }
        do { _ = try DocumentType.load(named: "x", directory: root + "/Layouts") } catch {
            #expect(error.description.contains(#"unknown key "colour""#))
        }
        try Data(#"{"name": "X", "model": "1.4", "code": "XX", "layout": "cong-van", "required": ["grounds"], "blocks": [{"block": "title"}, {"block": "header"}]}"#.utf8)
            .write(to: URL(fileURLWithPath: root + "/Layouts/types/x.json"))
        do { _ = try DocumentType.load(named: "x", directory: root + "/Layouts"); Issue.record("accepted") } catch {
            #expect(error.description.contains("the first block must be the header"))
            #expect(error.description.contains(#"required: "grounds" is printed by no block"#))
            #expect(error.description.contains(#"code "XX" is not in the abbreviation table"#))
        }
    }
}

/// `preview --boxes` frames the blocks of every type in their Decree 30 cells (issue 11).
@Suite struct TypeCellBoxesTests {
    @Test func typeBlocksBelongToTheirCells() throws {
        for role in ["authority", "grounds", "type-line", "labelled", "chapter", "article", "article-label", "clause", "point"] {
            #expect(PNGRendererCells.label(role) == "6", "\(role)")
        }
        #expect(PNGRendererCells.label("attached-title") == "5a")
        #expect(PNGRendererCells.label("o5b") == "5b")
        #expect(PNGRendererCells.label("body") == nil)
        // Every role on the pages of a quyết định with articles is framed, except the page number and body text.
        let doc = try layOut(sample("type-01-quyet-dinh-to-cong-tac.json"))
        let roles = Set(doc.pages.flatMap(\.texts).map(\.role))
        for role in roles where !["page-number", "body", "cc", "cc-label"].contains(role) && !role.hasPrefix("o") {
            #expect(PNGRendererCells.label(role) != nil, "\(role) is not framed by --boxes")
        }
    }
}
