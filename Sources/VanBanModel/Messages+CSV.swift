extension MessageCatalog {
    /// Problems of a CSV batch (`CSVTable`, `BatchInput.fromCSV`), in English and Vietnamese.
    /// FILE:LINE, column headers, JSON paths, quoted cells and option names stay as written.
    static let csv: [String: (en: String, vi: String)] = [
        // Where: `FILE:LINE: column "H" ($.path): …`
        "csv.column": ("column \"{0}\"", "cột \"{0}\""),

        // Reading the file
        "csv.encoding": ("{0}; the file is not UTF-8 or UTF-16 text (Excel's plain \"CSV (Comma delimited)\" writes a Windows code page): in Excel use Save As → \"CSV UTF-8 (Comma delimited)\"",
                         "{0}; tệp không phải là văn bản UTF-8 hoặc UTF-16 (định dạng \"CSV (Comma delimited)\" thông thường của Excel ghi theo bảng mã Windows): trong Excel, hãy chọn Save As → \"CSV UTF-8 (Comma delimited)\""),
        "csv.unreadable": ("cannot be read as CSV", "không đọc được dưới dạng CSV"),
        "csv.undecodable": ("cannot be decoded as text", "không giải mã được thành văn bản"),
        "csv.quote.unclosed": ("a quoted field opened on this line is never closed (a stray \" in a cell?); every line after it would be read as part of that cell",
                               "một ô mở dấu ngoặc kép ở dòng này nhưng không được đóng lại (có dấu \" thừa trong ô?); mọi dòng sau đó sẽ bị đọc thành một phần của ô này"),
        "csv.empty": ("is empty: it needs a header row (id, group, payload paths such as issuer.name, and the form's field ids)",
                      "đang trống: tệp cần có dòng tiêu đề (id, group, đường dẫn trường dữ liệu như issuer.name và mã các trường của biểu mẫu)"),

        // The defaults and the header
        "csv.defaults.at": ("at {0}: {1}", "tại {0}: {1}"),
        "csv.defaults.other-form": ("the defaults' annex is the form \"{0}\" but the batch fills \"{1}\" (--form); leave \"form\" out or give the same one",
                                    "phụ lục trong giá trị mặc định là biểu mẫu \"{0}\" nhưng lô văn bản điền biểu mẫu \"{1}\" (--form); hãy bỏ \"form\" hoặc cho cùng một biểu mẫu"),
        "csv.defaults.object": ("the defaults must be a JSON object of payload fields, got {0}",
                                "giá trị mặc định (--defaults) phải là một đối tượng JSON gồm các trường dữ liệu, nhận được {0}"),
        "csv.header.unnamed": ("column {0} has no header but holds \"{1}\"; give it a header (a form field id or a payload path)",
                               "cột thứ {0} không có tiêu đề nhưng có giá trị \"{1}\"; hãy đặt tiêu đề cho cột (mã trường của biểu mẫu hoặc đường dẫn trường dữ liệu)"),
        "csv.header.twice": ("appears twice in the header (columns {0} and {1})", "xuất hiện hai lần trong dòng tiêu đề (cột {0} và cột {1})"),
        "csv.header.no-id": ("the header needs an \"id\" column (read with {0} as the separator: {1}){2}",
                             "dòng tiêu đề cần có cột \"id\" (đã đọc với {0} làm dấu phân cách: {1}){2}"),
        "csv.hint.delimiter": ("; is --delimiter right?", "; --delimiter đã đúng chưa?"),
        "csv.column.unknown": ("is neither a field of the form \"{0}\" nor a payload field{1}",
                               "không phải là trường của biểu mẫu \"{0}\", cũng không phải là trường dữ liệu{1}"),
        "csv.column.object": ("is an object in the payload; a column gives one of its fields ({0}.…)",
                              "là một đối tượng trong dữ liệu; mỗi cột chỉ ghi một trường của đối tượng này ({0}.…)"),
        "csv.column.list": ("is a list in the payload; put it in the defaults file, not in a column",
                            "là một danh sách trong dữ liệu; hãy ghi trong tệp giá trị mặc định (--defaults), không ghi thành cột"),

        // Rows and cells
        "csv.id.empty": ("is empty; every row needs an id (it names the PDF)", "đang để trống; mỗi dòng cần có id (dùng để đặt tên tệp PDF)"),
        "csv.id.duplicate": ("duplicate id \"{0}\" (also on line {1})", "id \"{0}\" bị trùng (đã có ở dòng {1})"),
        "csv.number.unheld": ("\"{0}\" cannot be held as a number", "giá trị \"{0}\" không lưu được dưới dạng số"),
        "csv.number.expected": ("expected a number, got \"{0}\"", "cần một số, nhận được \"{0}\""),
        "csv.number.invalid": ("\"{0}\" {1}", "giá trị \"{0}\" {1}"),
        "csv.number.ambiguous": ("\"{0}\" {1}; say which with --number-format vi (1.234,5) or --number-format en (1,234.5)",
                                 "giá trị \"{0}\" {1}; hãy chỉ rõ cách ghi số bằng --number-format vi (1.234,5) hoặc --number-format en (1,234.5)"),

        // A row with more or fewer fields than the header
        "csv.fields.one": ("{0} field but the header has {1}", "dòng có {0} ô nhưng dòng tiêu đề có {1} cột"),
        "csv.fields": ("{0} fields but the header has {1}", "dòng có {0} ô nhưng dòng tiêu đề có {1} cột"),
        "csv.fields.decimal-comma": ("{0} (an unquoted decimal comma? write {1} in quotes or save with \";\" as separator): column \"{2}\"{3} reads {4}{5}",
                                     "{0} (có dấu phẩy thập phân không đặt trong dấu ngoặc kép? hãy ghi {1} trong dấu ngoặc kép hoặc lưu tệp với \";\" làm dấu phân cách): cột \"{2}\"{3} được đọc thành {4}{5}"),
        "csv.then": ("{0} then {1}", "{0} rồi {1}"),
        "csv.or": ("{0} or {1}", "{0} hoặc {1}"),
        "csv.or-column": ("; or column {0}", "; hoặc cột {0}"),
        "csv.fields.too-many": ("{0} (a {1} inside a cell that is not in quotes?); the cells after column \"{2}\" have no header",
                                "{0} (có dấu phân cách {1} nằm trong một ô không đặt trong dấu ngoặc kép?); các ô sau cột \"{2}\" không có tiêu đề"),
        "csv.fields.too-few.one": ("{0} (a separator lost, or a line break in a cell that is not in quotes?); no cell for column {1}",
                                   "{0} (thiếu một dấu phân cách, hoặc có dấu xuống dòng trong một ô không đặt trong dấu ngoặc kép?); không có ô cho cột {1}"),
        "csv.fields.too-few": ("{0} (a separator lost, or a line break in a cell that is not in quotes?); no cell for columns {1}",
                               "{0} (thiếu một dấu phân cách, hoặc có dấu xuống dòng trong một ô không đặt trong dấu ngoặc kép?); không có ô cho các cột {1}"),
    ]
}
