import Foundation
import HTTPTypes
import Hummingbird
import VanBanModel
import VanBanPipeline
import VanBanRegister

/// `POST /v1/issue` (body: the leader-signed PDF; `?date=YYYY-MM-DD`, `?dry_run=1`) and
/// `GET /v1/register?year=Y`, on the register of `configuration.register` (SQLite file or PostgreSQL).
func addIssueRoutes(_ v1: RouterGroup<VanBanRequestContext>, service: ServiceContext) {
    let register = service.configuration.register
    v1.post("issue") { request, _ in
        try MediaType.require(request, accepted: ["application/pdf"])
        var day: IssueDay?
        if let text = request.uri.queryParameters.get("date") {
            do { day = try IssueDay(parsing: text) } catch { throw Problem.badParameter("date", "\(error)") }
        }
        let dryRun = request.uri.queryParameters.get("dry_run") == "1"
        let pdf = try await admittedBody(request, service)
        let issuer = Issuer(engine: service.engine, configuration: register)
        let outcome: IssueOutcome
        do {
            // The response is built from the bytes; nothing can fail between allocation and the answer.
            outcome = try await issuer.issue(pdf, date: day, dryRun: dryRun) { _ in }
        } catch let e as IssueError {
            throw issueProblem(e)
        } catch let e as RegisterError {
            throw Problem(status: .serviceUnavailable, title: "Register unavailable", detail: e.description)
        }
        let e = outcome.entry
        if outcome.dryRun {
            let object: [String: Any] = ["number": e.number, "number_text": outcome.numberText, "symbol": e.symbol,
                                         "series": e.series, "year": e.year, "date": e.date, "date_text": outcome.dateText]
            return jsonResponse(Array(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])))
        }
        var headers: HTTPFields = [.contentType: "application/pdf",
                                   .contentDisposition: "attachment; filename=\"issued.pdf\""]
        if let name = HTTPField.Name("X-VanBan-Number") { headers[name] = e.numberAndSymbol.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) }
        if let name = HTTPField.Name("X-VanBan-Date") { headers[name] = e.date }
        if let name = HTTPField.Name("X-VanBan-SHA256") { headers[name] = e.sha256 }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: outcome.pdf ?? [])))
    }
    v1.get("register") { request, _ in
        let year = try request.uri.queryParameters.get("year").map { text -> Int in
            guard let y = Int(text), (1000...9999).contains(y) else { throw Problem.badParameter("year", "expected a year such as 2026") }
            return y
        }
        do {
            let entries = try await register.withStore { try await $0.entries(year: year) }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return jsonResponse(Array(try encoder.encode(["entries": entries])))
        } catch let e as RegisterError {
            throw Problem(status: .serviceUnavailable, title: "Register unavailable", detail: e.description)
        }
    }
}

/// 409 for a file in the wrong state (already issued, sealed, changed, unsigned), 422 for one that
/// is not an issuable VanBan PDF, 400 for a date problem.
func issueProblem(_ e: IssueError) -> Problem {
    switch e.code {
    case .alreadyIssued, .sealed, .changedAfterSigning, .notSigned:
        return Problem(status: .conflict, title: "Cannot issue this file", detail: e.description)
    case .dateBeforeSigning, .invalidDate:
        return Problem(status: .badRequest, title: "Bad issue date", detail: e.description)
    case .unreadable, .notVanBan, .notIssuable, .noSigningTime:
        return Problem(status: .unprocessableContent, title: "Not an issuable VanBan PDF", detail: e.description)
    }
}
