extension MessageCatalog {
    /// Messages of the layout checks, the pipeline (engine, batches, files), the command line and the service.
    static let pipeline: [String: (en: String, vi: String)] = [
        // Document types (Layouts/types/) and layouts
        "type.what": ("a {0} (Mẫu {1})", "{0} (Mẫu {1})"),
        "type.required": ("is required for {0}", "là bắt buộc đối với {0}"),
        "type.no-place": ("{0} has no place for \"{1}\" (Layouts/types/{2}.json prints: {3})",
                          "{0} không có chỗ cho \"{1}\" (Layouts/types/{2}.json in các trường: {3})"),
        "type.labelled.missing": ("misses the line \"{0}\" of {1}; lines: {2}", "thiếu dòng \"{0}\" của {1}; các dòng: {2}"),
        "type.two-signers": ("{0} is signed by two: give \"signers\": [left, right]", "{0} do hai người ký: hãy ghi \"signers\": [trái, phải]"),
        "type.unknown": ("unknown document type \"{0}\" (no {1})", "không có loại văn bản \"{0}\" (không có {1})"),
        "kind.unknown": ("{0}; types: {1}", "{0}; các loại văn bản: {1}"),
        "article.reference": ("names \"{article:{0}}\", but no article has the id \"{0}\"",
                              "dẫn chiếu \"{article:{0}}\", nhưng không có điều nào mang id \"{0}\""),
        "symbol.type-code": ("must start with \"{0}\", the type code of a {1} (Appendix III): expected \"{2}\"",
                             "phải bắt đầu bằng \"{0}\", là mã loại của {1} (Phụ lục III): cần \"{2}\""),
        "symbol.type-code.other": ("must start with \"{0}\", the type code of a {1} (Appendix III) (\"{2}\" is the code of a {3}): expected \"{4}\"",
                                   "phải bắt đầu bằng \"{0}\", là mã loại của {1} (Phụ lục III) (\"{2}\" là mã của {3}): cần \"{4}\""),
        "symbol.no-type-code": ("a {0} has no type code (Appendix III), but \"{1}\" is the code of a {2}: expected \"{3}\"",
                                "{0} không có mã loại (Phụ lục III), nhưng \"{1}\" là mã của {2}: cần \"{3}\""),
        "table.figure-too-wide": ("the number {0} needs a column at least {1} mm wide, but its column can be at most {2} mm; widen the column (widths), shorten other columns or print the annex landscape",
                                  "số {0} cần cột rộng ít nhất {1} mm, nhưng cột chứa số chỉ rộng được tối đa {2} mm; hãy mở rộng cột (widths), thu hẹp các cột khác hoặc in phụ lục theo khổ ngang"),
        "letterhead.too-tall": ("is too long: the letterhead would end {0} mm down the first page, past its text block ({1} mm); shorten it or give its lines",
                                "quá dài: phần đầu văn bản sẽ kết thúc ở {0} mm tính từ mép trên trang đầu, vượt quá vùng trình bày ({1} mm); hãy rút gọn hoặc tự ngắt dòng"),
        "layout.unknown": ("unknown layout \"{0}\"{1}", "không có bố cục \"{0}\"{1}"),
        "form.unknown": ("unknown form \"{0}\" (no Layouts/forms/{0}.json){1}", "không có biểu mẫu \"{0}\" (không có Layouts/forms/{0}.json){1}"),
        "hint.did-you-mean": (" (did you mean \"{0}\"?)", " (có phải ý bạn là \"{0}\"?)"),
        "signature.off-page": ("the signature block does not fit on one page, so the {0} field would fall off it; shorten the signer lines or the \"Nơi nhận\" list",
                               "khối chữ ký không nằm gọn trên một trang nên trường {0} sẽ rơi ra ngoài trang; hãy rút gọn các dòng người ký hoặc danh sách \"Nơi nhận\""),

        // Batches
        "batch.duplicate-id": ("duplicate id \"{0}\"", "id \"{0}\" bị trùng"),
        "batch.output-is-file": ("cannot use {0} as the output folder: it is a file", "không dùng được {0} làm thư mục kết quả: đây là một tệp"),
        "summary.how": ("give it in the batch's \"summary\" object (a CSV batch: a \"summary\" key in the --defaults file, or --summary-defaults FILE)",
                        "hãy ghi trong đối tượng \"summary\" của lô (lô CSV: khóa \"summary\" trong tệp --defaults, hoặc --summary-defaults TỆP)"),
        "summary.required": ("is required for --summary: the consolidating agency's issuer and date; {0}",
                             "là bắt buộc với --summary: cơ quan ban hành và ngày của cơ quan tổng hợp; {0}"),
        "summary.issuer.required": ("is required for --summary (the agency that consolidates the figures); {0}",
                                    "là bắt buộc với --summary (cơ quan tổng hợp số liệu); {0}"),
        "summary.date.required": ("is required for --summary; {0}", "là bắt buộc với --summary; {0}"),

        // Files
        "file.problem": ("{0}: {1}", "tệp {0}: {1}"),
        "file.stdin": ("standard input", "đầu vào chuẩn"),
        "file.not-text": ("the file is not UTF-8 or UTF-16 text: {0}", "tệp không phải là văn bản UTF-8 hoặc UTF-16: {0}"),
        "file.cannot-read": ("cannot read {0}: {1}", "không đọc được {0}: {1}"),
        "file.is-folder": ("it is a folder", "đây là một thư mục"),
        "file.unreadable": ("unreadable", "không đọc được nội dung"),
        "file.cannot-write": ("cannot write {0}: {1}", "không ghi được {0}: {1}"),
        "file.no-folder": ("folder {0} does not exist", "thư mục {0} không tồn tại"),
        "file.cannot-create-folder": ("cannot create the folder {0}: {1}", "không tạo được thư mục {0}: {1}"),
        // The system's reasons (English as the C library gives them)
        "system.ENOENT": ("No such file or directory", "không có tệp hoặc thư mục này"),
        "system.EACCES": ("Permission denied", "không có quyền truy cập"),
        "system.ENOSPC": ("No space left on device", "thiết bị không còn chỗ trống"),
        "system.EISDIR": ("Is a directory", "đây là một thư mục"),
        "system.ENOTDIR": ("Not a directory", "không phải là thư mục"),
        "system.EROFS": ("Read-only file system", "hệ thống tệp chỉ cho phép đọc"),
        "system.EPERM": ("Operation not permitted", "thao tác không được phép"),

        // Command line
        "cli.lang": ("--lang must be vi or en, got \"{0}\"", "--lang phải là vi hoặc en, nhận được \"{0}\""),

        // Service problems (problem+json title and detail)
        "problem.invalid": ("Invalid payload", "Dữ liệu không hợp lệ"),
        "problem.invalid.detail": ("{0} problem(s) in the payload", "dữ liệu có {0} lỗi"),
        "problem.invalid-document": ("Invalid batch document", "Văn bản trong lô không hợp lệ"),
        "problem.document": ("documents[{0}] (id \"{1}\"): {2}", "văn bản documents[{0}] (id \"{1}\"): {2}"),
        "problem.document.none": ("a document is invalid", "có một văn bản không hợp lệ"),
        "problem.more-documents": (" (and {0} more document(s))", " (và {0} văn bản khác)"),
        "problem.malformed": ("Malformed JSON", "JSON sai cú pháp"),
        "problem.unknown-layout": ("Unknown layout", "Không có bố cục này"),
    ]
}
