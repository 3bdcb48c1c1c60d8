@testable import ApusMacros
import XCTest

/// How a route method's `///` comment becomes its summary, description and parameter descriptions, and how Swift
/// names meet wire names.
final class RoutesDocumentationTests: XCTestCase {
    func testFirstParagraphIsTheSummaryAndTheRestTheDescription() {
        let documentation = RouteDocumentation("Read an item\nby id.\n\nFirst line.\nSecond line.\n\nLast paragraph.")
        XCTAssertEqual(documentation.summary, "Read an item by id.")
        XCTAssertEqual(documentation.description, "First line.\nSecond line.\n\nLast paragraph.")
    }

    func testParameterCalloutsAreDescriptionsNotText() {
        let documentation = RouteDocumentation(
            "Search.\n- Parameter q: Text to find.\n- Parameters:\n  - limit: How many\n    at most.\n  - skip: How many to skip.\n- Returns: Items.\n- Throws: Never."
        )
        XCTAssertEqual(documentation.summary, "Search.")
        XCTAssertNil(documentation.description)
        XCTAssertEqual(documentation.parameters, ["q": "Text to find.", "limit": "How many at most.", "skip": "How many to skip."])
    }

    func testNoCommentMeansNoDocumentation() {
        let documentation = RouteDocumentation(nil)
        XCTAssertNil(documentation.summary)
        XCTAssertNil(documentation.description)
        XCTAssertTrue(documentation.parameters.isEmpty)
    }

    func testPlaceholdersMatchCamelAndSnakeCaseNames() {
        XCTAssertEqual(RouteNaming.placeholders(in: "/files/{file_path:path}/{id}"), ["file_path", "id"])
        XCTAssertTrue(RouteNaming.matches(placeholder: "item_id", name: "itemId"))
        XCTAssertTrue(RouteNaming.matches(placeholder: "item_id", name: "item_id"))
        XCTAssertTrue(RouteNaming.matches(placeholder: "itemId", name: "itemId"))
        XCTAssertFalse(RouteNaming.matches(placeholder: "item_id", name: "id"))
    }

    func testHeaderNamesAreHyphenated() {
        XCTAssertEqual(RouteNaming.headerName("xToken"), "x-token")
        XCTAssertEqual(RouteNaming.headerName("x_token"), "x-token")
        XCTAssertEqual(RouteNaming.headerName("userAgent"), "user-agent")
        XCTAssertEqual(RouteNaming.headerName("requestID"), "request-id")
    }
}
